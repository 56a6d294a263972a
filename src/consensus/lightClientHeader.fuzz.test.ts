import { isValidMerkleBranch } from '@lodestar/light-client/utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidMerkleBranchError } from '../errors/consensus.ts'
import { readFixture } from '../test/fixtures.ts'
import { getBeaconConfig } from './chainConfig.ts'
import { decodeFinalityUpdate } from './decode.ts'
import { assertValidLightClientHeader } from './lightClientHeader.ts'

const config = getBeaconConfig('mainnet')
const finality = readFixture('mainnet-lc/finality.json')

describe('Merkle branches (property)', () => {
  it('the real execution branch verifies; any one changed byte of branch, leaf or root does not', () => {
    const { value } = decodeFinalityUpdate(config, finality)
    expect(() => assertValidLightClientHeader(config, value.finalizedHeader)).not.toThrow()
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 + 2 }), fc.nat(31), fc.integer({ min: 1, max: 255 }), (node, byte, xor) => {
        const { value: u } = decodeFinalityUpdate(config, finality)
        const h = u.finalizedHeader as any
        const target: Uint8Array = node < 4 ? h.executionBranch[node] : node === 4 ? h.execution.stateRoot : h.beacon.bodyRoot
        target[byte] = (target[byte] as number) ^ xor
        expect(() => assertValidLightClientHeader(config, h)).toThrow(InvalidMerkleBranchError)
      }),
      { numRuns: 300 },
    )
  })

  it('a random leaf and branch never fold to a random root', () => {
    const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 })
    fc.assert(
      fc.property(bytes32, fc.array(bytes32, { minLength: 1, maxLength: 8 }), bytes32, fc.nat(), (leaf, branch, root, index) => {
        expect(isValidMerkleBranch(leaf, branch, branch.length, index % 2 ** branch.length, root)).toBe(false)
      }),
      { numRuns: 300 },
    )
  })
})

import { beforeAll, describe, expect, it } from 'vitest'
import { MalformedInputError } from '../../errors/base.ts'
import { readFixture } from '../../test/fixtures.ts'
import { decodeZkProof, withCustomVerifyingKey } from '../zk/decodeZkProof.ts'
import { verifyZkClaim } from '../zk/verifyZkProof.ts'
import { createMclBackend } from './mclBackend.ts'
import { describeCustomVerifyingKey, type Groth16Backend } from './types.ts'

let mcl: Groth16Backend
beforeAll(async () => {
  mcl = await createMclBackend()
})

describe('custom verifying keys (--vkey F)', () => {
  const stepKey = () => readFixture('zk/telepathy/vkey_StepVerifier.json')
  it('are named by the hash of their points and report verifierVersion "custom"', () => {
    const d = describeCustomVerifyingKey(stepKey())
    expect(d.verifierVersion).toBe('custom')
    expect(d.vkeyHash).toMatch(/^0x[0-9a-f]{64}$/)
    expect(d.vk.id).toBe(`custom:${d.vkeyHash}`)
    // Spelling does not matter (hex coordinates, key order); the points do.
    const k = stepKey()
    const hexed = { ...k, vk_alpha_1: k.vk_alpha_1.map((x: string, i: number) => (i < 2 ? `0x${BigInt(x).toString(16)}` : x)) }
    expect(describeCustomVerifyingKey(hexed).vkeyHash).toBe(d.vkeyHash)
    const other = { ...k, IC: [...k.IC].reverse() }
    expect(describeCustomVerifyingKey(other).vkeyHash).not.toBe(d.vkeyHash)
    expect(() => describeCustomVerifyingKey({ protocol: 'plonk' })).toThrow(MalformedInputError)
  })
  it('a result verified with one is custom, never a shipped version, and not zkPoS', () => {
    for (const [family, file, key] of [
      ['telepathy-step', 'zk/telepathy/slot6000991.json', 'zk/telepathy/vkey_StepVerifier.json'],
      ['sp1', 'zk/sp1/test_groth16_v4.0.0-rc.3.json', 'zk/sp1/vkey_groth16_v4.0.0-rc.3.json'],
    ] as const) {
      const claim = withCustomVerifyingKey(decodeZkProof(family, readFixture(file)), readFixture(key))
      expect(claim.version).toBe('custom')
      expect(claim.facts.verifierVersion).toBe('custom')
      expect(claim.facts.vkeyHash).toBe(describeCustomVerifyingKey(readFixture(key)).vkeyHash)
      expect(claim.kind).not.toBe('zkpos')
      expect(claim.committee).toBeUndefined()
      expect(() => verifyZkClaim(mcl, claim)).not.toThrow()
    }
  })
})

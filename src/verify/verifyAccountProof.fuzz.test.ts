import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BaseError } from '../errors/base.ts'
import { readFixture } from '../test/fixtures.ts'
import { verifyAccountProof } from './verifyAccountProof.ts'

const block = readFixture('mainnet-execution/block.json')
const proof = readFixture('mainnet-execution/proof.json')

/** Replaces the byte at `byteIndex` of a 0x-hex string with `byte` (which differs from the old one). */
const setByte = (hex: string, byteIndex: number, xor: number) => {
  const i = 2 + (byteIndex % ((hex.length - 2) / 2)) * 2
  const b = (Number.parseInt(hex.slice(i, i + 2), 16) ^ xor) & 0xff
  return hex.slice(0, i) + b.toString(16).padStart(2, '0') + hex.slice(i + 2)
}

describe('verifyAccountProof (property)', () => {
  it('never accepts a proof with any one byte changed in any node', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }), async (storage, nodeSeed, byteSeed, xor) => {
        const p = structuredClone(proof)
        const nodes: string[] = storage ? p.storageProof[0].proof : p.accountProof
        const n = nodeSeed % nodes.length
        nodes[n] = setByte(nodes[n] as string, byteSeed, xor)
        const err = await verifyAccountProof(block.stateRoot, p, 'self-described').then(
          () => null,
          (e: unknown) => e,
        )
        expect(err).toBeInstanceOf(BaseError)
      }),
      { numRuns: 300 },
    )
  })

  it('never accepts random bytes as a proof under the real root', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ minLength: 1, maxLength: 600 }), { minLength: 1, maxLength: 8 }), async (nodes) => {
        const p = { ...structuredClone(proof), accountProof: nodes.map((n) => `0x${Buffer.from(n).toString('hex')}`) }
        await expect(verifyAccountProof(block.stateRoot, p, 'self-described')).rejects.toBeInstanceOf(BaseError)
      }),
      { numRuns: 200 },
    )
  })
})

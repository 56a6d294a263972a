import { describe, expect, it } from 'vitest'
import { readFixture } from '../test/fixtures.ts'
import { decodeTransaction } from './decodeTransaction.ts'

describe('decodeTransaction', () => {
  it('garbage bytes are undecoded, with their bytes, never a contract creation of 0 ETH', () => {
    for (const raw of ['0x', '0x00', '0xc0', '0x02c0', '0xdeadbeef', '0x7f', '0xf800'] as const) {
      const t = decodeTransaction(raw, 7)
      expect(t.decoded, raw).toBe(false)
      expect(t).not.toHaveProperty('to')
      expect(t).not.toHaveProperty('valueWei')
      if (!t.decoded) {
        expect(t.raw).toBe(raw)
        expect(t.decodeError).toMatch(/\S/)
      }
      expect(t.index).toBe(7)
      expect(t.hash).toMatch(/^0x[0-9a-f]{64}$/)
    }
  })
  it('real mainnet transactions decode', () => {
    const block = readFixture('mainnet-lc/blocks/7109344.json')
    const txs: `0x${string}`[] = block.data.message.body.execution_payload.transactions
    const decoded = txs.map((raw, i) => decodeTransaction(raw, i))
    expect(decoded.every((t) => t.decoded)).toBe(true)
    expect(decoded.some((t) => t.decoded && t.to !== null && BigInt(t.valueWei) > 0n)).toBe(true)
  })
})

import { encodeAbiParameters, type Hex, pad } from 'viem'
import { describe, expect, it } from 'vitest'
import { checkFulfilmentClaim, PROOF_DELIVERED_TOPIC, pairFulfilments, REQUEST_FULFILLED_TOPIC } from './marketResults.ts'

const PROVER = pad('0xabcd', { size: 32 })
const h = (n: number) => pad(`0x${n.toString(16)}`, { size: 32 })
const base = { blockNumber: 7, blockHash: h(7) }
const fulfilled = (id: number, tx: number, logIndex: number) => ({
  ...base,
  topics: [REQUEST_FULFILLED_TOPIC, h(id), PROVER, h(99)],
  data: encodeAbiParameters([{ type: 'bytes32' }, { type: 'bytes32' }, { type: 'bytes32' }], [h(1), h(2), h(3)]),
  transactionIndex: tx,
  logIndex,
})
const delivered = (id: number, tx: number, logIndex: number, receipt: Hex = '0x0102') => ({
  ...base,
  topics: [PROOF_DELIVERED_TOPIC, h(id), PROVER],
  data: encodeAbiParameters([{ type: 'bytes' }], [receipt]),
  transactionIndex: tx,
  logIndex,
})

describe('pairFulfilments', () => {
  it('pairs RequestFulfilled with the ProofDelivered of the same transaction and request id', () => {
    const rows = pairFulfilments([fulfilled(1, 0, 0), delivered(1, 0, 1), fulfilled(2, 1, 2), delivered(3, 1, 3), delivered(2, 2, 4)])
    expect(rows.map((r) => [r.id, r.requestId, r.receipt, r.claim?.journalDigest ?? null])).toEqual([
      ['market-7-0', 1n, '0x0102', h(3)],
      // Request 2's delivery is in another transaction: not its proof.
      ['market-7-2', 2n, null, h(3)],
      ['market-7-3', 3n, '0x0102', null],
      ['market-7-4', 2n, '0x0102', null],
    ])
    expect(rows[0]?.prover).toBe('0x000000000000000000000000000000000000abcd')
  })

  it('a row without its RequestFulfilled claim, or with other digests, is refused', () => {
    const v = { imageId: h(1), inputDigest: h(2), journal: [], exitCode: 0, segments: 1, cycles: 1, segmentPo2: 10 } as const
    expect(() => checkFulfilmentClaim('x', null, v)).toThrow(expect.objectContaining({ code: 'FeedClaimMismatch' }))
    expect(() => checkFulfilmentClaim('x', { imageId: h(1), inputDigest: h(5), journalDigest: h(3) }, v)).toThrow(/inputDigest/)
    // keccak256 of no bytes: the journal digest of an empty journal.
    const empty = '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470'
    expect(() => checkFulfilmentClaim('x', { imageId: h(1), inputDigest: h(2), journalDigest: empty }, v)).not.toThrow()
    expect(() => checkFulfilmentClaim('x', { imageId: h(4), inputDigest: h(2), journalDigest: empty }, v)).toThrow(/imageId/)
  })
})

import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { jobIdOf } from '../prover/network/lease.ts'
import { imageId } from '../prover/vm/imageId.ts'
import { getProgram } from '../prover/zkvm/programs.ts'
import { inputDigest } from '../prover/zkvm/receipt.ts'
import type { VerifiedReceipt } from '../prover/zkvm/verifyReceipt.ts'
import { checkFeedReceiptClaim, fetchResultsFeed } from './resultsFeed.ts'

const fib = imageId(getProgram('fibonacci').program)
/** What verifyReceipt returns for a receipt of fibonacci on `input` at 2^10-row segments (only the bound fields matter). */
const verified = (input: number[]): VerifiedReceipt => ({
  imageId: fib,
  inputDigest: inputDigest(input),
  exitCode: 0,
  journal: [],
  segments: 1,
  cycles: 1,
  segmentPo2: 10,
})
const codeOf = (f: () => void): string | undefined => {
  try {
    f()
  } catch (e) {
    return (e as { code?: string }).code
  }
  return undefined
}

const closers: (() => void)[] = []
afterEach(() => {
  for (const c of closers.splice(0)) c()
})

describe('prover-network feed rows are bound to their receipts', () => {
  const x = jobIdOf(fib, [100], 10)
  const y = jobIdOf(fib, [200], 10)

  it('accepts the receipt of the job the row names', () => {
    expect(codeOf(() => checkFeedReceiptClaim({ proofId: x, jobId: x, imageId: fib, program: 'fibonacci' }, verified([100]), 'fibonacci'))).toBeUndefined()
  })

  it("rejects job X's valid receipt served under row Y, and wrong imageId/program/jobId claims (FeedClaimMismatch)", () => {
    expect(codeOf(() => checkFeedReceiptClaim({ proofId: y }, verified([100]), 'fibonacci'))).toBe('FeedClaimMismatch')
    expect(codeOf(() => checkFeedReceiptClaim({ proofId: x, jobId: y }, verified([100]), 'fibonacci'))).toBe('FeedClaimMismatch')
    expect(codeOf(() => checkFeedReceiptClaim({ proofId: x, imageId: `0x${'00'.repeat(32)}` }, verified([100]), 'fibonacci'))).toBe('FeedClaimMismatch')
    expect(codeOf(() => checkFeedReceiptClaim({ proofId: x, program: 'other' }, verified([100]), 'fibonacci'))).toBe('FeedClaimMismatch')
    expect(codeOf(() => checkFeedReceiptClaim({ proofId: x }, { ...verified([100]), segmentPo2: 11 }, 'fibonacci'))).toBe('FeedClaimMismatch')
  })

  it('fetchResultsFeed keeps the claim fields of lightbus-stark rows', async () => {
    const row = { id: 'r', proofId: x, family: 'lightbus-stark', source: 's', receivedAtMs: 1, jobId: x, imageId: fib, program: 'fibonacci', segments: 1 }
    const server = createServer((_, res) => res.end(JSON.stringify({ data: [row] })))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    closers.push(() => server.close())
    const items = await fetchResultsFeed(`http://127.0.0.1:${(server.address() as AddressInfo).port}/lightbus/results`)
    expect(items[0]).toMatchObject({ proofId: x, jobId: x, imageId: fib, program: 'fibonacci' })
  })
})

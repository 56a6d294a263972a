import { describe, expect, it } from 'vitest'
import { InputTooLargeError, MalformedInputError } from '../../errors/base.ts'
import { MalformedReceiptError } from '../../errors/prover.ts'
import { MAX_RECEIPT_TEXT, verifyReceiptText } from './receiptReport.ts'

// A full prove → verify round trip and the tamper cases run in cli/receipt.test.ts and e2e/prove.spec.ts.
describe('verifyReceiptText (the verifier worker’s receipt entry point)', () => {
  it('rejects text that is not JSON, not a receipt, or too large, with typed errors', () => {
    expect(() => verifyReceiptText('{"version":')).toThrow(MalformedInputError)
    expect(() => verifyReceiptText('{"version":1,"system":"lightbus-stark"}')).toThrow(MalformedReceiptError)
    expect(() => verifyReceiptText(' '.repeat(MAX_RECEIPT_TEXT + 1))).toThrow(InputTooLargeError)
  })
})

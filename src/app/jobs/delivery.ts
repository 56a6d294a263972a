import type { Hex } from 'viem'
import { inputDigest } from '../../prover/zkvm/receipt.ts'
import type { ReceiptReport } from '../../prover/zkvm/receiptReport.ts'
import { receiptIdOf, verifyReceiptInPool } from '../useLocalReceipts.ts'
import type { RequestStatus } from './marketApi.ts'
import { decodeDeliveredReceipt } from './receiptCodec.ts'

/** A delivered receipt checked in the tab: verified in the worker pool, and its claim compared with the proven status. */
export type DeliveryCheck = {
  report: ReceiptReport
  wallMs: number
  /** keccak256 of the verified journal's words as u32 LE. */
  journalDigest: Hex
  /** Each field of the verified claim equal to the proven requestStatus's. */
  matches: { imageId: boolean; inputDigest: boolean; journalDigest: boolean }
  /** Verified and every field matches: the only case the UI shows as verified. */
  ok: boolean
}

const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

/**
 * Decodes a ProofDelivered receipt (EVM encoding), verifies it in the verifier worker pool (as ProvePage and the
 * Verified results page do) and compares its claim (imageId, inputDigest, journalDigest) with the requestStatus
 * proven at a light-client block.
 * @throws {MalformedReceiptError} / MalformedInputError from the decoder, and every error of the receipt verifier.
 */
export async function checkDelivery(receiptHex: Hex, proven: RequestStatus, signal?: AbortSignal): Promise<DeliveryCheck> {
  const receipt = decodeDeliveredReceipt(receiptHex)
  const text = JSON.stringify(receipt)
  const { report, wallMs } = await verifyReceiptInPool(receiptIdOf(text), text, signal)
  const journalDigest = inputDigest(report.verified.journal)
  const matches = {
    imageId: eq(report.verified.imageId, proven.imageId),
    inputDigest: eq(report.verified.inputDigest, proven.inputDigest),
    journalDigest: eq(journalDigest, proven.journalDigest),
  }
  return { report, wallMs, journalDigest, matches, ok: matches.imageId && matches.inputDigest && matches.journalDigest && report.verified.exitCode === 0 }
}

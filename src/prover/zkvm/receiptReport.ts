import { InputTooLargeError, MalformedInputError } from '../../errors/base.ts'
import { conjecturedSecurityBits } from '../stark/shape.ts'
import { parseReceipt } from './parseReceipt.ts'
import { programByImageId } from './programs.ts'
import type { Receipt } from './receipt.ts'
import { SEGMENT_PARAMS } from './segmentProof.ts'
import { type VerifiedReceipt, verifyReceipt } from './verifyReceipt.ts'

/** Largest receipt JSON text verified in the app (characters), as the CLI's file cap: 32 MiB. */
export const MAX_RECEIPT_TEXT = 32 * 1024 * 1024

/** One verified segment, for display (a provenance entry per segment). */
export type VerifiedSegmentInfo = {
  readonly index: number
  readonly cycles: number
  readonly startPc: number
  readonly endPc: number
  readonly halted: boolean
  readonly proofBytes: number
  readonly verifyMs: number
}

/**
 * What the app shows of a verified receipt: the verifier's result plus the program's name and journal
 * text when the image id is a shipped program's, per-segment facts and timings. Everything here comes
 * from a receipt that {@link verifyReceipt} accepted.
 */
export type ReceiptReport = {
  readonly verified: VerifiedReceipt
  readonly program: { readonly name: string; readonly title: string } | null
  /** One line from the program registry (e.g. "fib(300) mod p = …"), or null for an unknown program. */
  readonly summary: string | null
  /** First input words (at most 64) and the input length. */
  readonly inputPreview: readonly number[]
  readonly inputLength: number
  readonly params: Receipt['params']
  readonly securityBits: number
  readonly proofBytes: number
  readonly segments: readonly VerifiedSegmentInfo[]
  readonly parseMs: number
  readonly verifyMs: number
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now())

/**
 * Parses and verifies a receipt given as JSON text (bounded: at most {@link MAX_RECEIPT_TEXT} characters).
 * @param onSegment called after each segment proof verified: (index, segments, ms for that segment).
 * @throws {InputTooLargeError} {@link MalformedInputError} (not JSON), and every error of
 * {@link parseReceipt} and {@link verifyReceipt}.
 */
export function verifyReceiptText(text: string, onSegment?: (index: number, segments: number, ms: number) => void): ReceiptReport {
  if (text.length > MAX_RECEIPT_TEXT) throw new InputTooLargeError({ what: 'receipt', limit: MAX_RECEIPT_TEXT, unit: 'bytes' })
  const t0 = now()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (cause) {
    throw new MalformedInputError({ what: 'receipt JSON', cause })
  }
  const receipt = parseReceipt(json)
  const t1 = now()
  const segmentMs: number[] = []
  let last = t1
  const verified = verifyReceipt(receipt, (i) => {
    const t = now()
    segmentMs[i] = t - last
    last = t
    onSegment?.(i, receipt.segments.length, segmentMs[i])
  })
  const entry = programByImageId(verified.imageId)
  const proofBytes = (hex: string) => (hex.length - 2) / 2
  return {
    verified,
    program: entry ? { name: entry.name, title: entry.title } : null,
    summary: entry ? entry.describeJournal(verified.journal, receipt.input) : null,
    inputPreview: receipt.input.slice(0, 64),
    inputLength: receipt.input.length,
    params: receipt.params,
    securityBits: conjecturedSecurityBits(SEGMENT_PARAMS),
    proofBytes: receipt.segments.reduce((a, s) => a + proofBytes(s.proof), 0),
    segments: receipt.segments.map((s, i) => ({
      index: s.index,
      cycles: s.end.cycles,
      startPc: s.start.pc,
      endPc: s.end.pc,
      halted: s.end.halted,
      proofBytes: proofBytes(s.proof),
      verifyMs: segmentMs[i] ?? 0,
    })),
    parseMs: t1 - t0,
    verifyMs: last - t1,
  }
}

import type { Hex } from 'viem'
import type { LightClientSnapshot } from '../../bus/lightClientStatus.ts'
import type { ProvenanceCheck } from '../../bus/provenance.ts'
import { LogNotAnchoredError } from '../../errors/receipts.ts'
import { inputDigest } from '../../prover/zkvm/receipt.ts'
import type { ReceiptReport } from '../../prover/zkvm/receiptReport.ts'
import { receiptIdOf, verifyReceiptInPool } from '../useLocalReceipts.ts'
import type { RequestStatus } from './marketApi.ts'
import { provenRequestEvents } from './provenEvents.ts'
import { decodeDeliveredReceipt } from './receiptCodec.ts'
import { findDeliveries } from './rpcReads.ts'

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

/** The ProofDelivered log of a fulfilled request and how it was obtained (checks for the provenance dialog). */
export type DeliveredLog = { receipt: Hex; prover: Hex; blockNumber: bigint; proven: boolean; checks: ProvenanceCheck[] }
export type Delivered = { log: DeliveredLog | null; check: DeliveryCheck | null }

/**
 * The ProofDelivered log of a request fulfilled at `status.fulfilledAtBlock`: proven against that block's receipts
 * root, the block chained to the light client's finalized block (src/net/provenLogs.ts). A block out of reach (over
 * 1024 blocks back) falls back to eth_getLogs, said so in the checks: the receipt is then bound only by its claim
 * being the proven requestStatus, which {@link checkDelivery} requires either way.
 * @throws The typed errors of fetchProvenLogs other than out-of-reach (a dropped or altered log: ReceiptsRootMismatch, LogNotProven).
 */
export async function deliveredLog(
  rpcUrl: string,
  lc: LightClientSnapshot,
  market: Hex,
  requestId: bigint,
  status: RequestStatus,
  signal?: AbortSignal,
): Promise<DeliveredLog | null> {
  try {
    const logs = await provenRequestEvents<{ prover: Hex; receipt: Hex }>(
      rpcUrl,
      lc,
      market,
      'ProofDelivered',
      requestId,
      Number(status.fulfilledAtBlock),
      signal,
    )
    const l = logs.at(-1)
    if (!l) return null
    return { receipt: l.args.receipt, prover: l.args.prover, blockNumber: BigInt(l.blockNumber), proven: true, checks: l.logChecks }
  } catch (e) {
    if (!(e instanceof LogNotAnchoredError && e.reason === 'out-of-reach')) throw e
  }
  const logs = await findDeliveries(rpcUrl, market, requestId, status.fulfilledAtBlock)
  const l = logs.find((x) => x.blockNumber === status.fulfilledAtBlock) ?? logs.at(-1)
  if (!l) return null
  return {
    receipt: l.receipt,
    prover: l.prover,
    blockNumber: l.blockNumber,
    proven: false,
    checks: [
      {
        label: 'ProofDelivered log from the RPC (eth_getLogs)',
        detail: `block ${l.blockNumber} is beyond the 1024 blocks a log proof reaches; the receipt is bound by its claim below`,
      },
    ],
  }
}

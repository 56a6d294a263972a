import { decodeEventLog, encodeEventTopics, type Hex, numberToHex } from 'viem'
import type { LightClientSnapshot } from '../../bus/lightClientStatus.ts'
import { lightClientChecks, lightClientProvenance, type Provenance, type ProvenanceCheck } from '../../bus/provenance.ts'
import { MalformedInputError } from '../../errors/base.ts'
import { fetchProvenLogs } from '../../net/provenLogs.ts'
import { PROOF_MARKET_READ_ABI } from './market.ts'

/** A market event of one request, proven against its block's receipts root, with its provenance. */
export type ProvenEvent<T> = { args: T; blockNumber: number; transactionIndex: number; provenance: Provenance; logChecks: ProvenanceCheck[] }

/**
 * The request's `eventName` logs in block `blockNumber`, each proven against the block's receipts root with the block
 * chained by parentHash to the light client's finalized block (E's fetchProvenLogs; at most 1024 blocks back).
 * @throws {MalformedInputError} No finalized execution header yet. The typed errors of fetchProvenLogs
 * (LogNotAnchored — also while the block is newer than the finalized block —, ReceiptsRootMismatch, LogNotProven).
 */
export async function provenRequestEvents<T>(
  rpcUrl: string,
  lc: LightClientSnapshot,
  market: Hex,
  eventName: 'RequestSubmitted' | 'ProofDelivered',
  requestId: bigint,
  blockNumber: number,
  signal?: AbortSignal,
): Promise<ProvenEvent<T>[]> {
  const fin = lc.finalized
  if (!fin?.execution) throw new MalformedInputError({ what: 'light client state', details: 'no finalized execution header yet' })
  const [topic0] = encodeEventTopics({ abi: PROOF_MARKET_READ_ABI, eventName })
  const logs = await fetchProvenLogs({
    rpcUrl,
    verifiedHead: { blockNumber: fin.execution.blockNumber, blockHash: fin.execution.blockHash, label: `finalized block ${fin.execution.blockNumber}` },
    address: market,
    topics: [topic0 as Hex, numberToHex(requestId, { size: 32 })],
    fromBlock: blockNumber,
    toBlock: blockNumber,
    ...(signal ? { signal } : {}),
  })
  const base = lightClientChecks(lc.checkpointRoot, lc.steps)
  return logs.map((l) => {
    const decoded = decodeEventLog({ abi: PROOF_MARKET_READ_ABI, eventName, topics: l.topics as [Hex, ...Hex[]], data: l.data })
    return {
      args: decoded.args as T,
      blockNumber: l.blockNumber,
      transactionIndex: l.transactionIndex,
      provenance: lightClientProvenance(lc.checkpointRoot, fin.forced, [...base, ...l.checks]),
      logChecks: l.checks,
    }
  })
}

import { keepPreviousData, queryOptions, useQueries, useQuery } from '@tanstack/react-query'
import { useLightClient } from '../app/lightClientState.ts'
import { FeedClaimMismatchError } from '../errors/p2p.ts'
import { type SerializedError, serializeError } from '../errors/serialize.ts'
import { checkFulfilmentClaim, fetchMarketFulfilments, type MarketFulfilment } from '../net/marketResults.ts'
import type { NetworkConfig } from '../net/networkConfig.ts'
import { decodeReceiptFromEvm } from '../prover/zkvm/receiptEvm.ts'
import type { ReceiptStatus } from './useLocalReceipts.ts'
import { type ReceiptVerification, verifyReceiptInPool } from './useLocalReceipts.ts'

/** The ProofMarket of a network (config `market.proofMarket`, devnet), or null. */
export const proofMarketOf = (network: NetworkConfig | undefined): string | null =>
  ((network as { market?: { proofMarket?: unknown } } | undefined)?.market?.proofMarket as string | undefined) ?? null

/** The light client's finalized execution block, if any (where the walk back to the market's logs starts). */
function useVerifiedHead(network: NetworkConfig | undefined) {
  const lc = useLightClient()
  const fin = lc && network && lc.networkId === network.id && !lc.finalized?.forced ? lc.finalized : null
  return fin?.execution
    ? { blockNumber: fin.execution.blockNumber, blockHash: fin.execution.blockHash, label: `light client’s finalized header (slot ${fin.slot})` }
    : null
}

export const marketResultsQueryOptions = (network: NetworkConfig | undefined, head: { blockNumber: number; blockHash: `0x${string}`; label: string } | null) =>
  queryOptions({
    queryKey: ['marketResults', { networkId: network?.id, market: proofMarketOf(network), head: head?.blockHash }],
    queryFn: ({ signal }) =>
      fetchMarketFulfilments({
        rpcUrl: network?.executionRpcUrl as string,
        market: proofMarketOf(network) as string,
        verifiedHead: head as NonNullable<typeof head>,
        signal,
      }),
    enabled: Boolean(network && proofMarketOf(network) && head),
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  })

/** A market row's receipt: decoded from the proven ProofDelivered log, verified in the pool, its claim checked. */
export const marketReceiptQueryOptions = (networkId: string, row: MarketFulfilment) =>
  queryOptions({
    queryKey: ['marketReceipt', { networkId, id: row.id, blockHash: row.blockHash }],
    queryFn: async ({ signal }): Promise<ReceiptVerification & { text: string }> => {
      if (!row.receipt) throw new FeedClaimMismatchError({ proofId: row.id, reason: 'no ProofDelivered log in its transaction' })
      const text = JSON.stringify(decodeReceiptFromEvm(row.receipt))
      const v = await verifyReceiptInPool(row.id, text, signal)
      checkFulfilmentClaim(row.id, row.claim, v.report.verified)
      return { ...v, text }
    },
    enabled: row.proof.status === 'proven',
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  })

/** A market row's status: its log proof first (failed → failed), then its receipt's verification. */
export type MarketRowStatus = ReceiptStatus & { text?: string }

/**
 * The devnet's Verified results from chain: the ProofMarket's fulfilments of the last 1024 blocks up to the light
 * client's finalized block, each log proven against its block's receipts root and each receipt verified here.
 */
export function useMarketResults(network: NetworkConfig | undefined) {
  const head = useVerifiedHead(network)
  const market = proofMarketOf(network)
  const list = useQuery(marketResultsQueryOptions(network, head))
  const rows = list.data?.rows ?? []
  const statusById = useQueries({
    queries: network ? rows.map((row) => marketReceiptQueryOptions(network.id, row)) : [],
    combine: (results) => {
      const m = new Map<string, MarketRowStatus>()
      rows.forEach((row, i) => {
        const q = results[i]
        if (row.proof.status === 'failed') m.set(row.id, { code: 'failed', error: row.proof.error })
        else if (!q || q.isPending) m.set(row.id, { code: 'pending' })
        else if (q.isError) m.set(row.id, { code: 'failed', error: serializeError(q.error) as SerializedError })
        else m.set(row.id, { code: 'verified', report: q.data.report, wallMs: q.data.wallMs, text: q.data.text })
      })
      return m
    },
  })
  return { enabled: Boolean(market), waitingForHead: Boolean(market) && !head, list, rows, statusById }
}

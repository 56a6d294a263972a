import { useQueries, useQuery } from '@tanstack/react-query'
import { serializeError } from '../errors/serialize.ts'
import type { NetworkConfig } from '../net/networkConfig.ts'
import { fetchFeedReceipts } from '../net/receiptFeed.ts'
import type { StoredReceipt } from '../net/receiptStore.ts'
import { type ReceiptStatus, receiptIdOf, receiptQueryOptions } from './useLocalReceipts.ts'

/**
 * zkVM receipts the network's results feed lists (family `lightbus-stark`: the prover network's composite
 * receipts), shaped as local receipts with source `network` (not stored), each verified in the worker pool
 * once per text like a local one.
 */
export function useNetworkReceipts(network: NetworkConfig | undefined) {
  const feedUrl = network?.resultsFeedUrl
  const list = useQuery({
    queryKey: ['networkReceipts', { networkId: network?.id, feedUrl }],
    queryFn: async (): Promise<StoredReceipt[]> =>
      (await fetchFeedReceipts(feedUrl as string)).map((r) => ({
        id: receiptIdOf(r.text),
        source: 'network',
        label: r.source || `results feed ${feedUrl}`,
        addedAtMs: r.receivedAtMs,
        text: r.text,
      })),
    enabled: Boolean(feedUrl),
    staleTime: 10_000,
  })
  const receipts = list.data ?? []
  const statusById = useQueries({
    queries: receipts.map((r) => receiptQueryOptions(r)),
    combine: (results) => {
      const m = new Map<string, ReceiptStatus>()
      receipts.forEach((r, i) => {
        const q = results[i]
        if (!q || q.isPending) m.set(r.id, { code: 'pending' })
        else if (q.isError) m.set(r.id, { code: 'failed', error: serializeError(q.error) })
        else m.set(r.id, { code: 'verified', report: q.data.report, wallMs: q.data.wallMs })
      })
      return m
    },
  })
  return { list, receipts, statusById }
}

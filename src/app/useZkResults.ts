import { queryOptions, useQueries, useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { type CommitteeChain, telepathyCommitteeChain } from '../bus/zkCrossCheck.ts'
import { type SerializedError, serializeError } from '../errors/serialize.ts'
import type { NetworkConfig } from '../net/networkConfig.ts'
import { checkFeedReceiptClaim, type FeedItem, fetchProof, fetchResultsFeed, LIGHTBUS_STARK } from '../net/resultsFeed.ts'
import type { ZkFamily } from '../verify/zk/types.ts'
import type { VerifiedZkResult } from '../verify/zk/verifyZkProof.ts'
import { getVerifierPool } from '../workers/verifierPool.ts'
import { type ReceiptStatus, type ReceiptVerification, verifyReceiptInPool } from './useLocalReceipts.ts'

export const resultsFeedQueryOptions = (network: NetworkConfig | undefined, repeat: number) =>
  queryOptions({
    queryKey: ['resultsFeed', { networkId: network?.id, repeat }],
    queryFn: () => fetchResultsFeed(network?.resultsFeedUrl as string, repeat ? { repeat } : {}),
    enabled: Boolean(network?.resultsFeedUrl),
    staleTime: 60_000,
  })

/** Fetches one proof and verifies it in the worker pool; cancelled (worker terminated) if the query is. */
export const zkProofQueryOptions = (network: NetworkConfig, item: { proofId: string; family: ZkFamily }) =>
  queryOptions({
    queryKey: ['zkProof', { networkId: network.id, proofId: item.proofId }],
    queryFn: async ({ signal }) => {
      const json = await fetchProof(network.resultsFeedUrl as string, item.proofId)
      const t0 = performance.now()
      const result = await getVerifierPool().verify(item.family, json, signal)
      return { result, wallMs: performance.now() - t0 }
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  })

/** A feed receipt's verification and its JSON text (for download). */
export type FeedReceiptVerification = ReceiptVerification & { text: string }

/**
 * Fetches a prover-network receipt (family `lightbus-stark`) and verifies it in the worker pool exactly as a
 * local receipt (verifyReceipt of every segment); the coordinator that published it is not trusted.
 */
export const feedReceiptQueryOptions = (network: NetworkConfig, item: Pick<FeedItem, 'proofId' | 'jobId' | 'imageId' | 'program'>) =>
  queryOptions({
    queryKey: ['feedReceipt', { networkId: network.id, proofId: item.proofId, jobId: item.jobId, imageId: item.imageId, program: item.program }],
    queryFn: async ({ signal }): Promise<FeedReceiptVerification> => {
      const json = await fetchProof(network.resultsFeedUrl as string, item.proofId)
      const text = JSON.stringify(json)
      const v = await verifyReceiptInPool(item.proofId, text, signal)
      // The receipt verified; it must also be the one the row claims (else: failed, FeedClaimMismatch).
      checkFeedReceiptClaim(item, v.report.verified, v.report.program?.name ?? null)
      return { ...v, text }
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  })

/**
 * A feed row's status. `verified` carries, for a Telepathy step, the chain of its committee; a step whose
 * committee is not chained (or below Telepathy's finality threshold), and a proof of kind `proof-only` (a
 * Telepathy rotate without the step proof of its period), are `proof-only`: valid proof, never shown as
 * verified zkPoS. `label` says which ("proof valid, committee not chained" / "proof valid, period not proven").
 */
export type ZkRowStatus =
  | { code: 'pending' }
  | { code: 'verified'; result: VerifiedZkResult; wallMs: number; chain?: Extract<CommitteeChain, { status: 'chained' }> }
  | { code: 'proof-only'; result: VerifiedZkResult; wallMs: number; label: string; reason: string }
  | { code: 'unsupported'; error: SerializedError }
  | { code: 'failed'; error: SerializedError }

/** The feed, and each distinct proof's verification status (verified once per proof id). */
export function useZkResults(network: NetworkConfig | undefined, repeat: number) {
  const feed = useQuery(resultsFeedQueryOptions(network, repeat))
  const distinct = useMemo(() => {
    const seen = new Map<string, FeedItem>()
    for (const item of feed.data ?? []) if (!seen.has(item.proofId)) seen.set(item.proofId, item)
    const all = [...seen.values()]
    return {
      zk: all.filter((i): i is FeedItem & { family: ZkFamily } => i.family !== LIGHTBUS_STARK),
      receipts: all.filter((i) => i.family === LIGHTBUS_STARK),
    }
  }, [feed.data])
  // Prover-network receipts: a row is verified only once the pool's verifyReceipt returned.
  const receiptStatusByProof = useQueries({
    queries: network ? distinct.receipts.map((item) => feedReceiptQueryOptions(network, item)) : [],
    combine: (results) => {
      const m = new Map<string, ReceiptStatus & { text?: string }>()
      distinct.receipts.forEach((item, i) => {
        const q = results[i]
        if (!q || q.isPending) m.set(item.proofId, { code: 'pending' })
        else if (q.isError) m.set(item.proofId, { code: 'failed', error: serializeError(q.error) })
        else m.set(item.proofId, { code: 'verified', report: q.data.report, wallMs: q.data.wallMs, text: q.data.text })
      })
      return m
    },
  })
  const statusByProof = useQueries({
    queries: network ? distinct.zk.map((item) => zkProofQueryOptions(network, item)) : [],
    combine: (proofs) => {
      const m = new Map<string, ZkRowStatus>()
      distinct.zk.forEach((item, i) => {
        const q = proofs[i]
        if (!q || q.isPending) m.set(item.proofId, { code: 'pending' })
        else if (q.isError) {
          const error = serializeError(q.error)
          m.set(item.proofId, error.code === 'UnsupportedProofSystem' ? { code: 'unsupported', error } : { code: 'failed', error })
        } else if (q.data?.result.kind === 'proof-only') {
          const { result, wallMs } = q.data
          m.set(item.proofId, {
            code: 'proof-only',
            result,
            wallMs,
            label: 'proof valid, period not proven',
            reason: result.notProven ?? 'its premise is not proven',
          })
        } else if (q.data) m.set(item.proofId, { code: 'verified', result: q.data.result, wallMs: q.data.wallMs })
      })
      // Telepathy steps: zkPoS only when their committee is chained from a verified rotate in this feed.
      const verified = [...m].flatMap(([proofId, s]) => (s.code === 'verified' ? [{ proofId, result: s.result }] : []))
      for (const { proofId, result } of verified) {
        const chain = telepathyCommitteeChain(result, verified)
        const s = m.get(proofId)
        if (!chain || s?.code !== 'verified') continue
        m.set(
          proofId,
          chain.status === 'chained'
            ? { ...s, chain }
            : { code: 'proof-only', result, wallMs: s.wallMs, label: 'proof valid, committee not chained', reason: chain.reason },
        )
      }
      return m
    },
  })
  return { feed, statusByProof, receiptStatusByProof }
}

import { queryOptions, useQueries, useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { type CommitteeChain, telepathyCommitteeChain } from '../bus/zkCrossCheck.ts'
import { type SerializedError, serializeError } from '../errors/serialize.ts'
import type { NetworkConfig } from '../net/networkConfig.ts'
import { type FeedItem, fetchProof, fetchResultsFeed } from '../net/resultsFeed.ts'
import type { VerifiedZkResult } from '../verify/zk/verifyZkProof.ts'
import { getVerifierPool } from '../workers/verifierPool.ts'

export const resultsFeedQueryOptions = (network: NetworkConfig | undefined, repeat: number) =>
  queryOptions({
    queryKey: ['resultsFeed', { networkId: network?.id, repeat }],
    queryFn: () => fetchResultsFeed(network?.resultsFeedUrl as string, repeat ? { repeat } : {}),
    enabled: Boolean(network?.resultsFeedUrl),
    staleTime: 60_000,
  })

/** Fetches one proof and verifies it in the worker pool; cancelled (worker terminated) if the query is. */
export const zkProofQueryOptions = (network: NetworkConfig, item: Pick<FeedItem, 'proofId' | 'family'>) =>
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
    return [...seen.values()]
  }, [feed.data])
  const statusByProof = useQueries({
    queries: network ? distinct.map((item) => zkProofQueryOptions(network, item)) : [],
    combine: (proofs) => {
      const m = new Map<string, ZkRowStatus>()
      distinct.forEach((item, i) => {
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
  return { feed, statusByProof }
}

import { MalformedInputError } from '../errors/base.ts'
import { isZkFamily } from '../verify/zk/decodeZkProof.ts'
import type { ZkFamily } from '../verify/zk/types.ts'
import { fetchJson } from './fetchJson.ts'

/**
 * Family of a Lightbus zkVM composite receipt (docs/zkvm.md) published by a prover-network coordinator
 * (docs/prover-network.md); its proof JSON is the receipt, verified like a local receipt.
 */
export const LIGHTBUS_STARK = 'lightbus-stark'
export type FeedFamily = ZkFamily | typeof LIGHTBUS_STARK

/** One row of a results feed: what a computation network (or zkPoS prover) says it produced. Unverified. */
export type FeedItem = {
  id: string
  /** Rows may share a proof; proofs are fetched (and verified) once per id. */
  proofId: string
  family: FeedFamily
  /** Where the feed says the proof comes from. */
  source: string
  /** Unix ms at which the feed received it. */
  receivedAtMs: number
}

/**
 * GET `{feedUrl}`: `{ data: FeedItem[] }`. Rows of unknown families are dropped, malformed ones rejected.
 * @throws {MalformedInputError | HttpRequestError | TimeoutError}
 */
export async function fetchResultsFeed(feedUrl: string, { repeat }: { repeat?: number } = {}): Promise<FeedItem[]> {
  const url = repeat ? `${feedUrl}${feedUrl.includes('?') ? '&' : '?'}repeat=${repeat}` : feedUrl
  const body = (await fetchJson(url)) as { data?: unknown }
  if (!body || !Array.isArray(body.data)) throw new MalformedInputError({ what: 'results feed', details: 'expected { data: [...] }' })
  return body.data.flatMap((x: any): FeedItem[] => {
    if (!x || typeof x.id !== 'string' || typeof x.proofId !== 'string') throw new MalformedInputError({ what: 'results feed row' })
    if (!isZkFamily(x.family) && x.family !== LIGHTBUS_STARK) return []
    return [{ id: x.id, proofId: x.proofId, family: x.family, source: String(x.source ?? ''), receivedAtMs: Number(x.receivedAtMs) || 0 }]
  })
}

/** GET `{proofsUrl}/{proofId}`: `{ data: { json } }`, the proof in its ecosystem format. Unverified. */
export async function fetchProof(feedUrl: string, proofId: string): Promise<unknown> {
  const base = feedUrl.replace(/\/results(\?.*)?$/, '/proofs')
  const body = (await fetchJson(`${base}/${encodeURIComponent(proofId)}`)) as { data?: { json?: unknown } }
  if (!body?.data || body.data.json === undefined) throw new MalformedInputError({ what: `proof ${proofId}`, details: 'expected { data: { json } }' })
  return body.data.json
}

import { MalformedInputError } from '../errors/base.ts'
import { fetchJson } from './fetchJson.ts'
import { fetchProof } from './resultsFeed.ts'

/** Feed rows of this family carry a Lightbus zkVM composite receipt (e.g. the devnet coordinator's results). */
export const RECEIPT_FAMILY = 'lightbus-stark'

/** Most receipts fetched from one feed (newest first, as the feed lists them). */
export const MAX_FEED_RECEIPTS = 16

/** One receipt a network's feed lists: its JSON text as served (unverified) and where the feed says it comes from. */
export type FeedReceipt = { feedId: string; source: string; receivedAtMs: number; text: string }

/**
 * GET `{feedUrl}` and, for each row of family {@link RECEIPT_FAMILY} (at most {@link MAX_FEED_RECEIPTS}),
 * GET its receipt from `…/proofs/{proofId}`. Rows of other families are left to src/net/resultsFeed.ts.
 * Nothing here is verified; callers verify each text in the worker pool.
 * @throws {MalformedInputError | HttpRequestError | TimeoutError}
 */
export async function fetchFeedReceipts(feedUrl: string): Promise<FeedReceipt[]> {
  const body = (await fetchJson(feedUrl)) as { data?: unknown }
  if (!body || !Array.isArray(body.data)) throw new MalformedInputError({ what: 'results feed', details: 'expected { data: [...] }' })
  const rows = body.data.filter((x: { family?: unknown } | null) => x?.family === RECEIPT_FAMILY).slice(0, MAX_FEED_RECEIPTS) as {
    id?: unknown
    proofId?: unknown
    source?: unknown
    receivedAtMs?: unknown
  }[]
  return Promise.all(
    rows.map(async (x) => {
      if (typeof x.id !== 'string' || typeof x.proofId !== 'string') throw new MalformedInputError({ what: 'results feed row' })
      const json = await fetchProof(feedUrl, x.proofId)
      return { feedId: x.id, source: String(x.source ?? ''), receivedAtMs: Number(x.receivedAtMs) || 0, text: JSON.stringify(json) }
    }),
  )
}

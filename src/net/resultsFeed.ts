import { MalformedInputError } from '../errors/base.ts'
import { FeedClaimMismatchError } from '../errors/p2p.ts'
import { jobIdOfDigest } from '../prover/network/lease.ts'
import type { VerifiedReceipt } from '../prover/zkvm/verifyReceipt.ts'
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
  /** `lightbus-stark` rows: what the coordinator claims the receipt is (checked by {@link checkFeedReceiptClaim}). */
  jobId?: string
  imageId?: string
  program?: string
}

const optString = (x: any, k: string): Record<string, string> => {
  if (x[k] === undefined) return {}
  if (typeof x[k] !== 'string' || x[k].length > 200) throw new MalformedInputError({ what: 'results feed row', details: `${k} is not a string` })
  return { [k]: x[k] }
}

/**
 * Binds a prover-network feed row to the receipt it served (which verified): the row's `proofId` (and `jobId`,
 * if given) must be jobIdOf(verified imageId, inputDigest, segmentPo2); a claimed `imageId` must equal the
 * verified one, a claimed `program` the program the image id is registered as (`programName`, null if unknown).
 * Without this a lying feed could show job X's valid receipt under row Y as verified.
 * @throws {FeedClaimMismatchError}
 */
export function checkFeedReceiptClaim(
  item: Pick<FeedItem, 'proofId' | 'jobId' | 'imageId' | 'program'>,
  verified: VerifiedReceipt,
  programName: string | null,
): void {
  const jobId = jobIdOfDigest(verified.imageId, verified.inputDigest, verified.segmentPo2)
  const fail = (reason: string): never => {
    throw new FeedClaimMismatchError({ proofId: item.proofId, reason })
  }
  if (item.proofId.toLowerCase() !== jobId) fail(`the receipt is job ${jobId}`)
  if (item.jobId !== undefined && item.jobId.toLowerCase() !== jobId) fail(`row jobId ${item.jobId} is not the receipt's job ${jobId}`)
  if (item.imageId !== undefined && item.imageId.toLowerCase() !== verified.imageId.toLowerCase()) fail(`row imageId is not the receipt's ${verified.imageId}`)
  if (item.program !== undefined && item.program !== programName) fail(`row program ${item.program} is not the receipt's program (${programName ?? 'unknown'})`)
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
    const row: FeedItem = { id: x.id, proofId: x.proofId, family: x.family, source: String(x.source ?? ''), receivedAtMs: Number(x.receivedAtMs) || 0 }
    return [x.family === LIGHTBUS_STARK ? { ...row, ...optString(x, 'jobId'), ...optString(x, 'imageId'), ...optString(x, 'program') } : row]
  })
}

/** GET `{proofsUrl}/{proofId}`: `{ data: { json } }`, the proof in its ecosystem format. Unverified. */
export async function fetchProof(feedUrl: string, proofId: string): Promise<unknown> {
  const base = feedUrl.replace(/\/results(\?.*)?$/, '/proofs')
  const body = (await fetchJson(`${base}/${encodeURIComponent(proofId)}`)) as { data?: { json?: unknown } }
  if (!body?.data || body.data.json === undefined) throw new MalformedInputError({ what: `proof ${proofId}`, details: 'expected { data: { json } }' })
  return body.data.json
}

import type { Hex } from 'viem'
import { fetchJson } from '../../net/fetchJson.ts'
import { jobIdOfDigest } from '../../prover/network/lease.ts'

/** Segment size of market jobs on the devnet prover network (devnet/market/prover.ts: po2 10). */
export const MARKET_JOB_PO2 = 10

/** A job's progress as the prover network's coordinator reports it (GET /lightbus/jobs; unverified). */
export type JobProgress = { jobId: Hex; segments: number; accepted: number; leased: number; cycles: number; completed: boolean }

/**
 * The coordinator's report of the job proving (imageId, inputDigest) at po2 10, or null when it has none. Not a
 * verified value: the UI labels it "the prover network's report".
 * @throws The transport errors of fetchJson.
 */
export async function fetchJobProgress(coordinatorHttpUrl: string, imageId: Hex, inputDigest: Hex, signal?: AbortSignal): Promise<JobProgress | null> {
  const jobId = jobIdOfDigest(imageId, inputDigest, MARKET_JOB_PO2)
  const body = (await fetchJson(`${coordinatorHttpUrl}/lightbus/jobs`, signal ? { signal } : {})) as { data?: unknown }
  const list = Array.isArray(body?.data) ? (body.data as Record<string, unknown>[]) : []
  const v = list.find((j) => typeof j.jobId === 'string' && j.jobId.toLowerCase() === jobId.toLowerCase())
  if (!v) return null
  const n = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0)
  return { jobId, segments: n(v.segments), accepted: n(v.accepted), leased: n(v.leased), cycles: n(v.cycles), completed: typeof v.completedAtMs === 'number' }
}

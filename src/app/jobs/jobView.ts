import { type JobState, jobStateOf, type Offer, type RequestStatus } from './marketApi.ts'

/** What a job is shown as: its state, the slashed flag, and whether it was never locked before its lock deadline. */
export type JobStateView = { state: JobState; slashed: boolean; neverLocked: boolean }

const RANK: Record<JobState, number> = { submitted: 0, locked: 1, fulfilled: 2, expired: 2 }

/**
 * The state of a request from its requestStatus at a block of time `atSec` (the block's timestamp): the market's
 * lifecycle (jobStateOf), plus a request nobody locked before its offer's lock deadline, which is expired for good.
 * `submitted`: a RequestSubmitted log (or a sent transaction) is known.
 */
export function jobStateAt(status: RequestStatus, offer: Offer | undefined, atSec: bigint, submitted: boolean): JobStateView {
  const s = jobStateOf(status, atSec, submitted, offer)
  return { ...s, neverLocked: status.state === 0 && s.state === 'expired' }
}

/** True when `b` is a later lifecycle point than `a` (a state change, or the slashed flag set). */
export function isLater(a: JobStateView, b: JobStateView): boolean {
  return RANK[b.state] > RANK[a.state] || (b.slashed && !a.slashed)
}

/** Final: nothing more can happen to it (fulfilled, slashed, or expired without a lock). */
export const isFinal = (v: JobStateView) => v.state === 'fulfilled' || v.slashed || (v.state === 'expired' && v.neverLocked)

/** Seconds as "12 s", "3 min 5 s". */
export function formatDuration(sec: number): string {
  if (!Number.isFinite(sec) || sec < 0) return '—'
  if (sec < 60) return `${Math.round(sec)} s`
  const m = Math.floor(sec / 60)
  const s = Math.round(sec - 60 * m)
  return s ? `${m} min ${s} s` : `${m} min`
}

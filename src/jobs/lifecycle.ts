import { lockDeadline } from './priceRamp.ts'
import type { JobState, Offer, RequestStatus } from './types.ts'

/**
 * The lifecycle of a ProofMarket job: `submitted → locked → fulfilled | expired`, `slashed` a flag (a lock that missed
 * its lock deadline and was fulfilled by another prover, or was slashed after the deadline). States come from
 * `ProofMarket.requestStatus(id)` proven at a light-client-verified block (contract state 0 never locked, 1 locked,
 * 2 fulfilled, 3 expired) and the local clock.
 */

/**
 * The job state of a proven `status` at unix time `nowSec`. `submitted`: whether the request's submission is known
 * (its RequestSubmitted log, or the app's own submission); a never-locked request is reported 'submitted' either way.
 * With the request's `offer`, a never-locked request past its lock deadline is 'expired' (nobody can lock it any more);
 * a lock past its deadline is 'expired' even if the proven block is older (nobody can fulfil it any more).
 */
export function jobStateOf(status: RequestStatus, nowSec: bigint, submitted: boolean, offer?: Offer): { state: JobState; slashed: boolean } {
  void submitted
  const slashed = status.slashed
  switch (status.state) {
    case 2:
      return { state: 'fulfilled', slashed }
    case 3:
      return { state: 'expired', slashed }
    case 1:
      return { state: nowSec > status.deadline ? 'expired' : 'locked', slashed }
    default:
      return { state: offer && nowSec > lockDeadline(offer) ? 'expired' : 'submitted', slashed: false }
  }
}

/** A proven observation of a job: its status at block `block` (or just its submission), read at unix time `nowSec`. */
export type JobObservation = { kind: 'submitted'; block: bigint } | { kind: 'status'; block: bigint; nowSec: bigint; status: RequestStatus; offer?: Offer }

/** What the app shows of a job: the latest state, the block it was proven at, the last proven status. */
export type JobView = {
  state: JobState
  slashed: boolean
  /** The block of the last observation that was applied (0n before any). */
  provenAtBlock: bigint
  status: RequestStatus | undefined
}

const RANK: Record<JobState, number> = { submitted: 0, locked: 1, expired: 2, fulfilled: 3 }

export const initialJobView: JobView = { state: 'submitted', slashed: false, provenAtBlock: 0n, status: undefined }

/**
 * Folds a proven observation into the view, monotonically: the state only moves forward (submitted < locked < expired <
 * fulfilled: a proven fulfilment outranks an expiry inferred from the clock at an older block), `slashed` never clears,
 * and an observation from an older block than the last applied one changes nothing.
 */
export function reduceJob(view: JobView, obs: JobObservation): JobView {
  if (obs.block < view.provenAtBlock) return view
  if (obs.kind === 'submitted') return { ...view, provenAtBlock: obs.block }
  const next = jobStateOf(obs.status, obs.nowSec, true, obs.offer)
  const forward = RANK[next.state] >= RANK[view.state]
  return {
    state: forward ? next.state : view.state,
    slashed: view.slashed || next.slashed,
    provenAtBlock: obs.block,
    status: forward ? obs.status : view.status,
  }
}

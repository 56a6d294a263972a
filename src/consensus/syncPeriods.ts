import { MalformedInputError } from '../errors/base.ts'
import { LightClientUpdateRejectedError } from '../errors/consensus.ts'
import type { LightClientSession, SyncStep } from './lightClientSession.ts'
import { computeSyncPeriodAtSlot } from './specUtils.ts'

/**
 * The light-client reads the light client needs. Implementations return the beacon-API JSON bodies
 * unchanged (`net/beaconApi.ts` over HTTP; the CLI over files); all checking happens here.
 * Routes: https://github.com/ethereum/beacon-APIs/tree/v3.0.0/apis/beacon/light_client
 */
export interface LightClientTransport {
  /** GET /eth/v1/beacon/light_client/bootstrap/{block_root}; `signal` may abort it (a bootstrap no longer needed). */
  getBootstrap(blockRoot: string, init?: { signal?: AbortSignal }): Promise<unknown>
  /**
   * GET /eth/v1/beacon/light_client/updates?start_period&count: a JSON array of versioned updates; `signal` may abort it
   * (a request of a light-client run that has ended: the early one, or a batch of `syncPeriods` in flight).
   */
  getUpdates(startPeriod: number, count: number, init?: { signal?: AbortSignal }): Promise<unknown>
  /** GET /eth/v1/beacon/light_client/finality_update */
  getFinalityUpdate(): Promise<unknown>
  /** GET /eth/v1/beacon/light_client/optimistic_update */
  getOptimisticUpdate(): Promise<unknown>
}

/** Progress over sync-committee periods, for the progress bar. */
export type PeriodProgress = { fromPeriod: number; toPeriod: number; period: number; done: number; total: number }

/** `MAX_REQUEST_LIGHT_CLIENT_UPDATES` in the p2p spec; servers cap `count` at it. */
export const MAX_REQUEST_LIGHT_CLIENT_UPDATES = 128

/**
 * Most batches `syncPeriods` requests in one call, whatever the transport answers: each batch must advance
 * the store, so a real catch-up needs about one batch per MAX_REQUEST_LIGHT_CLIENT_UPDATES periods (or one
 * per forced update); 1024 batches is far beyond any weak-subjectivity period.
 */
export const MAX_SYNC_BATCHES = 1024

/** What `syncPeriods` counts as progress: a later store period, or the next committee becoming known, or a newer finalized header. */
const progressOf = (s: LightClientSession) => ({ period: s.period, next: s.isNextSyncCommitteeKnown, finalizedSlot: s.finalized.beacon.slot })
const advanced = (a: ReturnType<typeof progressOf>, b: ReturnType<typeof progressOf>) =>
  b.period > a.period || (b.period === a.period && b.next && !a.next) || b.finalizedSlot > a.finalizedSlot

/**
 * Advances the store period by period until it can verify a signature of the clock's current period
 * (`hasCommitteeFor`: the store period, or the next when its committee is known): fetches
 * `LightClientUpdate`s from the store's period on and applies each in order (`process_light_client_update`).
 * When the session allows forced updates and a batch did not advance the store, tries
 * `process_light_client_store_force_update` (marks the session forced).
 * Ends in bounded time for any transport: it stops when a batch does not advance the store (store period,
 * next-committee knowledge or finalized slot), after {@link MAX_SYNC_BATCHES} batches, and applies at most
 * `count` updates of each answer. Stops at the first invalid update: the store keeps what verified before it.
 * The signatures of each answer are checked in batches of at most `SIGNATURE_BATCH_SIZE` (`LightClientSession.applyUpdates`).
 * @param currentSlot - The clock's slot (genesis time + SECONDS_PER_SLOT; for recordings, shifted).
 * @param init - `signal` goes with every `getUpdates` request (a light-client run that ended aborts the batch in flight).
 * @throws {MalformedInputError} When the server's answer is not an array of updates.
 * @throws {LightClientUpdateRejectedError} When the server has no update that reaches the current period.
 * @throws As `LightClientSession.applyUpdates` for an invalid update.
 */
export async function syncPeriods(
  session: LightClientSession,
  transport: LightClientTransport,
  currentSlot: number,
  onStep?: (step: SyncStep, progress: PeriodProgress) => void,
  init?: { signal?: AbortSignal },
): Promise<SyncStep[]> {
  if (!Number.isSafeInteger(currentSlot) || currentSlot < 0) throw new MalformedInputError({ what: 'current slot', details: String(currentSlot) })
  const toPeriod = computeSyncPeriodAtSlot(currentSlot)
  const steps: SyncStep[] = []
  if (session.hasCommitteeFor(toPeriod)) return steps
  const fromPeriod = session.period
  const total = toPeriod - fromPeriod + 1
  const report = (step: SyncStep) => {
    steps.push(step)
    onStep?.(step, { fromPeriod, toPeriod, period: step.period, done: Math.max(0, Math.min(total, step.period - fromPeriod + 1)), total })
  }
  let stopped = 'no update advanced the store'
  for (let batch = 0; !session.hasCommitteeFor(toPeriod); batch++) {
    if (batch >= MAX_SYNC_BATCHES) {
      stopped = `gave up after ${MAX_SYNC_BATCHES} batches`
      break
    }
    const before = progressOf(session)
    const start = session.period
    const count = Math.max(1, Math.min(MAX_REQUEST_LIGHT_CLIENT_UPDATES, toPeriod - start + 1))
    const body = await transport.getUpdates(start, count, init?.signal ? { signal: init.signal } : undefined)
    const list = Array.isArray(body) ? body : (body as { data?: unknown } | null)?.data
    if (!Array.isArray(list)) throw new MalformedInputError({ what: 'light-client updates', details: 'expected a JSON array' })
    session.applyUpdates(currentSlot, list.slice(0, count), report)
    if (advanced(before, progressOf(session))) continue
    const forced = session.forceUpdate(currentSlot)
    if (forced && advanced(before, progressOf(session))) {
      report(forced)
      continue
    }
    if (forced) report(forced)
    break
  }
  if (!session.hasCommitteeFor(toPeriod)) {
    throw new LightClientUpdateRejectedError({
      kind: 'sync',
      reason: `the server has no update reaching period ${toPeriod} (store at period ${session.period}; ${stopped})`,
    })
  }
  return steps
}

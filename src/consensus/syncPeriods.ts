import { computeSyncPeriodAtSlot } from '@lodestar/light-client/utils'
import { MalformedInputError } from '../errors/base.ts'
import { LightClientUpdateRejectedError } from '../errors/consensus.ts'
import type { LightClientSession, SyncStep } from './lightClientSession.ts'

/**
 * The light-client reads the light client needs. Implementations return the beacon-API JSON bodies
 * unchanged (`net/beaconApi.ts` over HTTP; the CLI over files); all checking happens here.
 * Routes: https://github.com/ethereum/beacon-APIs/tree/v3.0.0/apis/beacon/light_client
 */
export interface LightClientTransport {
  /** GET /eth/v1/beacon/light_client/bootstrap/{block_root} */
  getBootstrap(blockRoot: string): Promise<unknown>
  /** GET /eth/v1/beacon/light_client/updates?start_period&count: a JSON array of versioned updates. */
  getUpdates(startPeriod: number, count: number): Promise<unknown>
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
 * Advances the store period by period until it holds the committee of the clock's current period:
 * fetches `LightClientUpdate`s from the finalized header's period on and verifies each in order.
 * Stops at the first invalid update: the store keeps what verified before it.
 * @param currentSlot - The clock's slot (genesis time + SECONDS_PER_SLOT; for recordings, shifted).
 * @throws {MalformedInputError} When the server's answer is not an array of updates.
 * @throws {LightClientUpdateRejectedError} When the server has no update that reaches the current period.
 * @throws As `LightClientSession.applyUpdate` for an invalid update.
 */
export async function syncPeriods(
  session: LightClientSession,
  transport: LightClientTransport,
  currentSlot: number,
  onStep?: (step: SyncStep, progress: PeriodProgress) => void,
): Promise<SyncStep[]> {
  const toPeriod = computeSyncPeriodAtSlot(currentSlot)
  const steps: SyncStep[] = []
  if (session.hasCommitteeFor(toPeriod)) return steps
  const fromPeriod = computeSyncPeriodAtSlot(session.finalized.beacon.slot)
  const total = toPeriod - fromPeriod + 1
  let start = fromPeriod
  while (start <= toPeriod && !session.hasCommitteeFor(toPeriod)) {
    const count = Math.min(MAX_REQUEST_LIGHT_CLIENT_UPDATES, toPeriod - start + 1)
    const body = await transport.getUpdates(start, count)
    const list = Array.isArray(body) ? body : (body as { data?: unknown } | null)?.data
    if (!Array.isArray(list)) throw new MalformedInputError({ what: 'light-client updates', details: 'expected a JSON array' })
    if (list.length === 0) break
    for (const json of list) {
      const step = session.applyUpdate(currentSlot, json)
      steps.push(step)
      onStep?.(step, { fromPeriod, toPeriod, period: step.period, done: step.period - fromPeriod + 1, total })
    }
    start += count
  }
  if (!session.hasCommitteeFor(toPeriod)) {
    throw new LightClientUpdateRejectedError({
      kind: 'sync',
      reason: `the server has no update reaching period ${toPeriod} (store at period ${computeSyncPeriodAtSlot(session.finalized.beacon.slot)})`,
    })
  }
  return steps
}

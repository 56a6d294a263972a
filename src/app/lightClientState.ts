import * as Comlink from 'comlink'
import { useSyncExternalStore } from 'react'
import { emptySnapshot, type LightClientSnapshot } from '../bus/lightClientStatus.ts'
import { serializeError } from '../errors/serialize.ts'
import type { NetworkConfig } from '../net/networkConfig.ts'
import { getLightClientWorker } from '../workers/lightClientClient.ts'
import { createSnapshotThrottle } from './snapshotThrottle.ts'

/** Main-thread mirror of the worker's latest snapshot, for `useSyncExternalStore`. */
let snapshot: LightClientSnapshot | null = null
const listeners = new Set<() => void>()
let startedKey: string | undefined
/** The snapshot the first view rendered (src/firstView), until the light client it belongs to is started. */
let seeded: LightClientSnapshot | undefined
/** The snapshot the first view's markup shows: what React renders while it hydrates that markup. */
let markupSnapshot: LightClientSnapshot | null = null

const publish = (s: LightClientSnapshot | null) => {
  snapshot = s
  for (const l of listeners) l()
}
// While syncing, the page renders the worker's snapshots at most every SYNCING_RENDER_INTERVAL_MS (the latest one then);
// synced, stalled and failed ones at once (docs/performance.md).
const throttle = createSnapshotThrottle<LightClientSnapshot>(publish, (s) => s.status.code === 'syncing')
/** The current start's number: a snapshot (or start failure) of an earlier start still in flight is dropped. */
let generation = 0

/** Starts (once per network + checkpoint) the light client in its worker. Idempotent. */
export function startLightClient(network: NetworkConfig, checkpointRoot: string): void {
  const key = `${network.id}:${checkpointRoot}`
  if (startedKey === key) return
  startedKey = key
  throttle.reset()
  // The first view's snapshot stays shown until the worker answers with its latest (the same light client, attached).
  publish(seeded && seeded.networkId === network.id && seeded.checkpointRoot === checkpointRoot ? seeded : null)
  seeded = undefined
  const gen = ++generation
  const set = (s: LightClientSnapshot) => {
    if (gen === generation) throttle.push(s)
  }
  void getLightClientWorker()
    .then((w) => w.start(network, checkpointRoot, Comlink.proxy(set)))
    .catch((e: unknown) => set(emptySnapshot(network.id, checkpointRoot, { code: 'failed', error: serializeError(e) })))
}

/** Forgets the stored store of a network and restarts from the checkpoint. */
export async function resyncFromCheckpoint(network: NetworkConfig, checkpointRoot: string): Promise<void> {
  const w = await getLightClientWorker()
  await w.stop()
  await w.forget(network.id)
  startedKey = undefined
  startLightClient(network, checkpointRoot)
}

const subscribe = (l: () => void) => {
  listeners.add(l)
  return () => {
    listeners.delete(l)
  }
}

/**
 * Starts the mirror from the snapshot the first view rendered (src/firstView/firstView.ts), before React's first render
 * hydrates that markup: React renders the same values, so nothing flashes. Kept by {@link startLightClient} for the same
 * network and checkpoint.
 */
export function seedLightClientSnapshot(s: LightClientSnapshot | null): void {
  seeded = s ?? undefined
  snapshot = s
  markupSnapshot = s
}

/** Hydration is over (the app's first commit): later renders read only the live snapshot. */
export function endHydration(): void {
  markupSnapshot = null
}

const getSnapshot = () => snapshot
// Hydration renders what the markup shows even when a newer snapshot has arrived since; React then renders that one.
const getServerSnapshot = () => markupSnapshot ?? snapshot

export function useLightClient(): LightClientSnapshot | null {
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot)
}

type StatusCode = LightClientSnapshot['status']['code']
const byCode = new Map<StatusCode, { status: { code: StatusCode } }>()

/**
 * Only the status code (`{ status: { code } }`, one object per code), for the header: a component using it
 * re-renders when the code changes, not on every snapshot (progress, head updates).
 */
export function useLightClientStatusCode(): { status: { code: StatusCode } } | null {
  return useSyncExternalStore(
    subscribe,
    () => statusCodeOf(snapshot),
    () => statusCodeOf(getServerSnapshot()),
  )
}

function statusCodeOf(s: LightClientSnapshot | null): { status: { code: StatusCode } } | null {
  const code = s?.status.code
  if (!code) return null
  const v = byCode.get(code) ?? { status: { code } }
  byCode.set(code, v)
  return v
}

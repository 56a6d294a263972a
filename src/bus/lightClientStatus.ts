import type { SessionHeaderSummary, SyncStep } from '../consensus/lightClientSession.ts'
import type { PeriodProgress } from '../consensus/syncPeriods.ts'
import type { SerializedError } from '../errors/serialize.ts'

/** Light-client status, a union on `code`. */
export type LightClientStatus =
  | { code: 'syncing'; phase: 'starting' | 'restore' | 'bootstrap' | 'updates' | 'head'; progress?: PeriodProgress }
  | { code: 'synced'; headMode: 'sse' | 'polling' }
  | { code: 'stalled'; reason: string; slotsBehind: number }
  | { code: 'failed'; error: SerializedError }

/** Everything the UI shows about the light client; posted by the worker whenever it changes. */
export type LightClientSnapshot = {
  networkId: string
  checkpointRoot: string
  status: LightClientStatus
  /** `forced` is set when the header derives from a forced update: show it as trusted, not verified. */
  finalized: SessionHeaderSummary | null
  optimistic: SessionHeaderSummary | null
  /** The verified chain from the checkpoint: bootstrap, period updates, head updates. */
  steps: SyncStep[]
  /** True when this visit resumed from the stored, authenticated store instead of the checkpoint. */
  restored: boolean
  /** Human-readable notices (e.g. a stored store that was discarded, and why). */
  notices: string[]
  clock: { genesisTimeSec: number; currentSlot: number; secondsPerSlot: number } | null
}

/** Slots without a new optimistic header after which a synced client is called stalled (32 slots = 1 epoch). */
export const STALL_AFTER_SLOTS = 32

/** The snapshot of a light client that has not verified anything yet. */
export const emptySnapshot = (networkId: string, checkpointRoot: string, status: LightClientStatus): LightClientSnapshot => ({
  networkId,
  checkpointRoot,
  status,
  finalized: null,
  optimistic: null,
  steps: [],
  restored: false,
  notices: [],
  clock: null,
})

/**
 * Whether a snapshot shows the followed chain's finalized execution block as verified (the Consensus page's
 * `lb:first-verified` condition, src/routes/Overview.tsx): synced or stalled, with an execution header, not forced.
 */
export function showsVerifiedHead(s: LightClientSnapshot | null): boolean {
  return !!s && (s.status.code === 'synced' || s.status.code === 'stalled') && !!s.finalized?.execution && !s.finalized.forced
}

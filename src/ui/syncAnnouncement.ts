import type { LightClientStatus } from '../bus/lightClientStatus.ts'

/** Progress is announced at these fractions of the period catch-up (0 %, 25 %, 50 %, 75 %), not on every update. */
export const PROGRESS_STEPS = 4

/**
 * The sentence a screen reader should hear for a light-client status, keyed so that a caller announces only when
 * the key changes: a `syncing` status is one key per coarse progress step (quarters of the sync-committee periods
 * to catch up), `synced`/`stalled` one key each, `failed` one per error code. Null before the worker reports.
 */
export function announcement(status: LightClientStatus | undefined): { key: string; text: string } | null {
  if (!status) return null
  switch (status.code) {
    case 'syncing': {
      const p = status.progress
      if (!p || p.total <= 0) return { key: 'syncing', text: 'Light client syncing.' }
      const step = Math.min(PROGRESS_STEPS - 1, Math.max(0, Math.floor((p.done / p.total) * PROGRESS_STEPS)))
      const done = Math.floor((step * p.total) / PROGRESS_STEPS)
      return { key: `syncing:${step}`, text: `Light client syncing: ${done} of ${p.total} sync-committee periods verified.` }
    }
    case 'synced':
      return { key: 'synced', text: 'Light client synced: the finalized header is verified.' }
    case 'stalled':
      return { key: 'stalled', text: `Light client stalled: ${status.reason}.` }
    case 'failed':
      return { key: `failed:${status.error.code}`, text: `Light client failed: ${status.error.shortMessage}` }
  }
}

import { useEffect, useRef, useState } from 'react'
import { useLightClient } from '../app/lightClientState.ts'
import type { LightClientStatus } from '../bus/lightClientStatus.ts'

/** Progress is announced at these fractions of the period catch-up (0 %, 25 %, 50 %, 75 %), not on every update. */
const PROGRESS_STEPS = 4

/**
 * The one sentence a screen reader should hear for a status, or null when nothing worth announcing changed. A
 * `syncing` status is announced once when it starts and then at coarse progress steps (quarters of the periods).
 */
export function announcement(status: LightClientStatus | undefined): { key: string; text: string } | null {
  if (!status) return null
  switch (status.code) {
    case 'syncing': {
      const p = status.progress
      if (!p || p.total <= 0) return { key: 'syncing', text: 'Light client syncing.' }
      const step = Math.min(PROGRESS_STEPS - 1, Math.floor((p.done / p.total) * PROGRESS_STEPS))
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

/**
 * One polite live region for the light client's status changes (syncing → synced / stalled / failed, and the period
 * catch-up in coarse steps), rendered once in the app shell so it is heard on every page. Visually hidden; the
 * region stays mounted and only its text changes, which is what assistive technology announces.
 */
export function SyncAnnouncer() {
  const lc = useLightClient()
  const next = announcement(lc?.status)
  const key = next?.key
  const nextText = next?.text
  const [text, setText] = useState('')
  const lastKey = useRef<string | undefined>(undefined)
  useEffect(() => {
    if (key === undefined || nextText === undefined || key === lastKey.current) return
    lastKey.current = key
    setText(nextText)
  }, [key, nextText])
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="sync-announcer">
      {text}
    </div>
  )
}

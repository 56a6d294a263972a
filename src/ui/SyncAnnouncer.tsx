import { useEffect, useRef, useState } from 'react'
import { useLightClient } from '../app/lightClientState.ts'
import { announcement } from './syncAnnouncement.ts'

/**
 * One polite live region for the light client's status changes (syncing → synced / stalled / failed, and the period
 * catch-up in coarse steps: see `announcement`), rendered once in the app shell so it is heard on every page.
 * Visually hidden; the region stays mounted and only its text changes, which is what assistive technology announces.
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

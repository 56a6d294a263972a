import { useEffect, useRef, useState } from 'react'
import { useLightClient } from '../app/lightClientState.ts'
import { announcement } from './syncAnnouncement.ts'

/**
 * The light client's status changes for assistive technology, rendered once in the app shell so they are heard on
 * every page: one polite live region for syncing → synced / stalled (and the period catch-up in coarse steps, see
 * `announcement`), and an alert for a failure. Both visually hidden and always mounted; only their text changes,
 * which is what screen readers announce.
 */
export function SyncAnnouncer() {
  const lc = useLightClient()
  const next = announcement(lc?.status)
  const key = next?.key
  const nextText = next?.text
  const [text, setText] = useState({ status: '', alert: '' })
  const lastKey = useRef<string | undefined>(undefined)
  useEffect(() => {
    if (key === undefined || nextText === undefined || key === lastKey.current) return
    lastKey.current = key
    setText(key.startsWith('failed') ? { status: '', alert: nextText } : { status: nextText, alert: '' })
  }, [key, nextText])
  return (
    <>
      <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="sync-announcer">
        {text.status}
      </div>
      <div role="alert" className="sr-only" data-testid="sync-alert">
        {text.alert}
      </div>
    </>
  )
}

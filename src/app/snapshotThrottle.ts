/**
 * How often the page renders the light client's snapshots while it syncs, at most, milliseconds. Each rendered
 * snapshot is a React render, a commit and a layout on the page's main thread; during a cold sync the worker sends
 * several within a few hundred milliseconds (phase changes and period progress), and on a 2-core machine rendering
 * each one made the page fall behind: the synced snapshot, the first verified value, reached the page 74 ms after the
 * worker sent it, behind the renders of the ones before it (docs/performance.md, "Seventh round"). Four a second is
 * as often as a progress bar needs.
 */
export const SYNCING_RENDER_INTERVAL_MS = 250

/**
 * Decides when a store's listeners hear of a new value: at once for a value that is not `deferrable` (in Lightbus:
 * any status but `syncing`: synced, stalled, failed), and for the first value; otherwise at most once per
 * `intervalMs`, with the latest value at that time (values in between are never published, only superseded).
 * Pure scheduling (`setTimeout` and `performance.now`): the caller's `publish` is called with the value to publish.
 * @param publish - Called with the value listeners should see now.
 */
export function createSnapshotThrottle<T>(
  publish: (value: T) => void,
  deferrable: (value: T) => boolean,
  intervalMs = SYNCING_RENDER_INTERVAL_MS,
): { push(value: T): void; reset(): void } {
  let lastPublishedAt = Number.NEGATIVE_INFINITY
  let pending: { value: T } | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = () => {
    timer = undefined
    if (!pending) return
    const { value } = pending
    pending = undefined
    lastPublishedAt = performance.now()
    publish(value)
  }
  return {
    push(value) {
      pending = { value }
      if (!deferrable(value)) {
        if (timer !== undefined) clearTimeout(timer)
        flush()
        return
      }
      if (timer !== undefined) return // the scheduled publish takes this newer value
      const wait = lastPublishedAt + intervalMs - performance.now()
      if (wait <= 0) flush()
      else timer = setTimeout(flush, wait)
    },
    /** Forgets the pending value and the last publish time (a new light client: its first value is published at once). */
    reset() {
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      pending = undefined
      lastPublishedAt = Number.NEGATIVE_INFINITY
    },
  }
}

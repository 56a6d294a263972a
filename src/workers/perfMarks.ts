/**
 * Boot-path performance marks (docs/performance.md): `performance.mark('lb:<name>')` in whichever realm runs it
 * (the light-client worker, the page, or Node in tests). The worker forwards its `lb:` marks to the page
 * ({@link forwardMarks}, {@link receiveMarks}), re-based on the page's time origin, so one timeline
 * (navigation start = 0) holds both. A mark costs microseconds; nothing waits on them.
 */
export const MARK_PREFIX = 'lb:'
const MESSAGE = 'lightbus-mark'

type MarkMessage = { type: typeof MESSAGE; name: string; epochMs: number }

let forward: ((m: MarkMessage) => void) | undefined
const made: MarkMessage[] = []

/** Records `lb:<name>` now (and forwards it, in a worker that called {@link forwardMarks}). Never throws. */
export function mark(name: string): void {
  try {
    const entry = performance.mark(`${MARK_PREFIX}${name}`)
    const m: MarkMessage = { type: MESSAGE, name: entry.name, epochMs: performance.timeOrigin + entry.startTime }
    if (forward) forward(m)
    else if (made.length < 64) made.push(m)
  } catch {
    // No User Timing in this realm.
  }
}

/** {@link mark}, unless `lb:<name>` is on this realm's timeline already (the first of its kind, e.g. `first-verified`). */
export function markOnce(name: string): void {
  try {
    if (performance.getEntriesByName(`${MARK_PREFIX}${name}`, 'mark').length > 0) return
  } catch {
    return
  }
  mark(name)
}

/** Worker side: posts every later `lb:` mark, and those made before the call, to the page (at once, in order). */
export function forwardMarks(post: (m: MarkMessage) => void): void {
  forward = post
  for (const m of made.splice(0)) post(m)
}

/** Page side: re-records a worker's forwarded marks on the page's timeline (`lb:worker:<name>` stays as named). */
export function receiveMarks(worker: { addEventListener(type: 'message', l: (e: MessageEvent) => void): void }): void {
  worker.addEventListener('message', (e: MessageEvent) => {
    const m = e.data as Partial<MarkMessage> | null
    if (m?.type !== MESSAGE || typeof m.name !== 'string' || typeof m.epochMs !== 'number') return
    try {
      performance.mark(m.name, { startTime: Math.max(0, m.epochMs - performance.timeOrigin) })
    } catch {
      // No User Timing.
    }
  })
}

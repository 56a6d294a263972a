import { receiveMarks } from './perfMarks.ts'

/** What the preboot script leaves on `window` (scripts/vite/lightClientPreboot.ts `prebootScript`). */
export type EarlyWorker = { worker: Worker; messages: unknown[]; failed: boolean; stop(): void }

type WithEarly = { __lightbusEarlyWorker?: EarlyWorker }

/**
 * Takes over the light-client worker the preboot script created before the app loaded (once; later calls return
 * undefined): stops its buffering, hands back the worker, and re-dispatches the messages it sent meanwhile (its
 * ready message, `lb:` marks) on the next microtask, after the caller has added its own listeners, in order.
 * A worker that fired an error event (its script failed to load) is terminated and not returned.
 * @param scope - Where the script left it (`globalThis`; tests pass their own).
 * @returns The worker, or undefined when there is none (dev server, tests) or it failed.
 */
export function takeEarlyWorker(scope: WithEarly = globalThis as WithEarly): Worker | undefined {
  const early = scope.__lightbusEarlyWorker
  if (!early) return undefined
  scope.__lightbusEarlyWorker = undefined
  early.stop()
  if (early.failed) {
    early.worker.terminate()
    return undefined
  }
  receiveMarks(early.worker)
  const messages = early.messages.splice(0)
  queueMicrotask(() => {
    for (const data of messages) early.worker.dispatchEvent(new MessageEvent('message', { data }))
  })
  return early.worker
}

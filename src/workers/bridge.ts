import * as Comlink from 'comlink'
import { WorkerStartError } from '../errors/net.ts'
import { registerErrorTransfer } from './transferErrors.ts'

/** What the bridge needs of a Worker (a DOM `Worker`, or a test's fake one). */
export type WorkerLike = Comlink.Endpoint & { terminate(): void }

export type WorkerBridgeOptions = {
  /** The worker's name in errors ("prover", "verifier", "light-client"). */
  name: string
  /** Creates a fresh worker (`() => new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' })`). */
  create: () => WorkerLike
  /** Milliseconds to wait for `{ type: 'lightbus-worker-ready' }` before evicting the worker. Default 30 000. */
  startTimeoutMs?: number
  /** Further attempts after a worker failed to start (error event or start timeout). Default 2. */
  retries?: number
  /**
   * Terminates the worker after this many milliseconds without a call in flight; the next call starts a new
   * one. `undefined` (the default) keeps it for good, as the light client's worker must (it holds the store).
   */
  idleTimeoutMs?: number
}

export type CallOptions = {
  /** Aborting terminates the worker (work inside it is synchronous) and rejects the call with `cancelError()`. */
  signal?: AbortSignal
  /** The caller's cancellation error (e.g. ProvingCancelledError). Default: the signal's reason. */
  cancelError?: () => unknown
}

type Started<T> = { worker: WorkerLike; remote: Comlink.Remote<T> }
type Pending = { reject: (e: unknown) => void }

const READY = 'lightbus-worker-ready'

/**
 * One worker behind comlink, started lazily (squoosh's lazy-app worker bridge is the model): waits for the
 * worker's ready message (sent after `Comlink.expose`, since messages sent earlier are lost), evicts and
 * retries a worker that fails to start, terminates it when idle and restarts it on the next call, and
 * terminates it when a call's AbortSignal fires.
 *
 * @throws {WorkerStartError} from `remote()`/`call()` when every attempt failed (error event or timeout),
 *   or when a started worker dies with an error event while calls are in flight.
 */
export class WorkerBridge<T> {
  private starting: Promise<Started<T>> | undefined
  private current: Started<T> | undefined
  private readonly pending = new Set<Pending>()
  private idleTimer: ReturnType<typeof setTimeout> | undefined
  /** Bumped by terminate(): a start loop of an older generation drops its worker. */
  private generation = 0
  /** Evicts the worker being started (terminate() during start). */
  private cancelStart: ((reason: unknown) => void) | undefined
  /** Workers created so far (tests and diagnostics). */
  startedCount = 0

  constructor(private readonly options: WorkerBridgeOptions) {
    registerErrorTransfer()
  }

  /** Whether a worker is running or starting. */
  get alive(): boolean {
    return this.starting !== undefined
  }

  /** The comlink remote of a ready worker, starting one if needed. Not counted as a call for the idle timeout. */
  remote(): Promise<Comlink.Remote<T>> {
    this.starting ??= this.start()
    return this.starting.then((s) => s.remote)
  }

  /**
   * Runs `fn` against the ready worker. While calls are in flight the idle timer is off.
   * @throws The worker's error (typed across the boundary), the cancellation error, or WorkerStartError.
   */
  call<R>(fn: (remote: Comlink.Remote<T>) => Promise<R>, options: CallOptions = {}): Promise<R> {
    const { signal } = options
    const cancelled = () => (options.cancelError ? options.cancelError() : signal?.reason)
    if (signal?.aborted) return Promise.reject(cancelled())
    this.clearIdle()
    return new Promise<R>((resolve, reject) => {
      const entry: Pending = { reject }
      const settle = (f: () => void) => {
        if (!this.pending.delete(entry)) return
        signal?.removeEventListener('abort', onAbort)
        this.armIdle()
        f()
      }
      entry.reject = (e) => settle(() => reject(e))
      const onAbort = () => {
        settle(() => reject(cancelled()))
        this.terminate(cancelled())
      }
      this.pending.add(entry)
      signal?.addEventListener('abort', onAbort, { once: true })
      this.remote()
        .then(fn)
        .then(
          (r) => settle(() => resolve(r)),
          (e) => settle(() => reject(e)),
        )
    })
  }

  /** Terminates the worker now; calls in flight reject with `reason` (default: a WorkerStartError). */
  terminate(reason?: unknown): void {
    this.clearIdle()
    this.generation++
    const starting = this.starting
    this.starting = undefined
    const current = this.current
    this.current = undefined
    if (current) {
      current.remote[Comlink.releaseProxy]?.()
      current.worker.terminate()
    } else if (starting) {
      // Still starting: evict the worker being started; the start loop sees the new generation and stops.
      starting.catch(() => {})
      this.cancelStart?.(new Error('terminated while starting'))
    }
    const error = reason ?? new WorkerStartError({ worker: this.options.name, cause: 'terminated' })
    for (const p of [...this.pending]) p.reject(error)
  }

  private clearIdle() {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer)
    this.idleTimer = undefined
  }

  private armIdle() {
    const ms = this.options.idleTimeoutMs
    if (ms === undefined || this.pending.size > 0 || !this.starting) return
    this.clearIdle()
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined
      if (this.pending.size === 0) this.terminate()
    }, ms)
  }

  private async start(): Promise<Started<T>> {
    const attempts = 1 + (this.options.retries ?? 2)
    const gen = this.generation
    let lastCause: unknown
    for (let i = 0; i < attempts && this.generation === gen; i++) {
      const worker = this.options.create()
      this.startedCount++
      try {
        await waitReady(worker, this.options.startTimeoutMs ?? 30_000, (cancel) => {
          this.cancelStart = cancel
        })
      } catch (cause) {
        worker.terminate()
        lastCause = cause
        continue
      } finally {
        this.cancelStart = undefined
      }
      // terminate() was called while this worker was starting: drop it.
      if (this.generation !== gen) {
        worker.terminate()
        throw new WorkerStartError({ worker: this.options.name, cause: 'terminated while starting' })
      }
      const started: Started<T> = { worker, remote: Comlink.wrap<T>(worker) }
      this.current = started
      // A worker that dies later (uncaught error) fails the calls in flight and is replaced on the next call.
      worker.addEventListener('error', ((e: ErrorEvent) => {
        if (this.current !== started) return
        this.terminate(new WorkerStartError({ worker: this.options.name, cause: e?.error ?? e?.message }))
      }) as EventListener)
      this.armIdle()
      return started
    }
    const error = new WorkerStartError({ worker: this.options.name, cause: lastCause, attempts })
    if (this.generation === gen) this.starting = undefined
    throw error
  }
}

/** Resolves on the worker's ready message; rejects on its error event or after `timeoutMs`. */
function waitReady(worker: WorkerLike, timeoutMs: number, onCancel: (cancel: (reason: unknown) => void) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    onCancel((reason) => done(() => reject(reason)))
    const done = (f: () => void) => {
      clearTimeout(timer)
      worker.removeEventListener('message', onMessage as EventListener)
      worker.removeEventListener('error', onError as EventListener)
      f()
    }
    const onMessage = (e: MessageEvent) => {
      if (e.data?.type === READY) done(resolve)
    }
    const onError = (e: ErrorEvent) => done(() => reject(e?.error ?? new Error(e?.message || 'worker error event')))
    const timer = setTimeout(() => done(() => reject(new Error(`no ready message within ${timeoutMs} ms`))), timeoutMs)
    worker.addEventListener('message', onMessage as EventListener)
    worker.addEventListener('error', onError as EventListener)
  })
}

import * as Comlink from 'comlink'
import { VerificationCancelledError } from '../errors/zk.ts'
import type { ReceiptReport } from '../prover/zkvm/receiptReport.ts'
import type { ZkFamily } from '../verify/zk/types.ts'
import type { VerifiedZkResult } from '../verify/zk/verifyZkProof.ts'
import { WorkerBridge } from './bridge.ts'
import type { VerifierWorkerApi } from './verifier.worker.ts'

type Slot = { bridge: WorkerBridge<VerifierWorkerApi>; busy: boolean }
type Job = {
  run: (api: Comlink.Remote<VerifierWorkerApi>) => Promise<unknown>
  signal: AbortSignal | undefined
  resolve: (r: unknown) => void
  reject: (e: unknown) => void
}

/** Verifier workers idle this long are terminated (and restarted lazily on the next job). */
const VERIFIER_IDLE_MS = 120_000

/**
 * A pool of verifier workers, each behind the worker bridge (ready handshake, start retries, idle timeout):
 * jobs queue, run in parallel on up to `size` workers, and can be cancelled with an AbortSignal — a queued
 * job is dropped, a running one terminates its worker (which the bridge restarts on demand). The UI thread
 * never verifies.
 */
export class VerifierPool {
  private readonly slots: Slot[] = []
  private readonly queue: Job[] = []

  constructor(readonly size: number) {}

  private spawn(): Slot {
    const bridge = new WorkerBridge<VerifierWorkerApi>({
      name: 'verifier',
      create: () => new Worker(new URL('./verifier.worker.ts', import.meta.url), { type: 'module', name: 'verifier' }),
      idleTimeoutMs: VERIFIER_IDLE_MS,
    })
    const slot: Slot = { bridge, busy: false }
    this.slots.push(slot)
    return slot
  }

  /** Verifies a proof off the main thread. @throws The verifier's typed error, or VerificationCancelledError. */
  verify(family: ZkFamily, json: unknown, signal?: AbortSignal): Promise<VerifiedZkResult> {
    return this.submit((api) => api.verifyZkProof(family, json), signal)
  }

  /**
   * Parses and verifies a zkVM composite receipt (JSON text) off the main thread; `onSegment` hears after
   * each segment proof verified (index, segment count, ms).
   * @throws MalformedInput, MalformedReceipt, InvalidReceipt or the STARK's typed errors; VerificationCancelledError.
   */
  verifyReceipt(
    text: string,
    options: { signal?: AbortSignal; onSegment?: (index: number, segments: number, ms: number) => void } = {},
  ): Promise<ReceiptReport> {
    const { onSegment } = options
    return this.submit((api) => api.verifyReceipt(text, onSegment ? Comlink.proxy(onSegment) : undefined), options.signal)
  }

  private submit<T>(run: (api: Comlink.Remote<VerifierWorkerApi>) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (signal?.aborted) return reject(new VerificationCancelledError())
      const job: Job = { run, signal, resolve: resolve as (r: unknown) => void, reject }
      signal?.addEventListener(
        'abort',
        () => {
          const i = this.queue.indexOf(job)
          if (i >= 0) {
            this.queue.splice(i, 1)
            reject(new VerificationCancelledError())
          }
        },
        { once: true },
      )
      this.queue.push(job)
      this.pump()
    })
  }

  private pump() {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => !s.busy) ?? (this.slots.length < this.size ? this.spawn() : undefined)
      if (!slot) return
      const job = this.queue.shift() as Job
      void this.run(slot, job)
    }
  }

  private async run(slot: Slot, job: Job) {
    slot.busy = true
    try {
      // Aborting terminates the running worker; the bridge starts a fresh one for the next job.
      job.resolve(
        await slot.bridge.call((api) => job.run(api), {
          ...(job.signal ? { signal: job.signal } : {}),
          cancelError: () => new VerificationCancelledError(),
        }),
      )
    } catch (e) {
      job.reject(e)
    } finally {
      slot.busy = false
      this.pump()
    }
  }
}

let pool: VerifierPool | undefined
/** The page's verifier pool: as many workers as cores allow, at least 2, at most 4. */
export const getVerifierPool = () => {
  pool ??= new VerifierPool(Math.max(2, Math.min(4, (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 2)))
  return pool
}

import * as Comlink from 'comlink'
import { WorkerStartError } from '../errors/net.ts'
import { VerificationCancelledError } from '../errors/zk.ts'
import type { ReceiptReport } from '../prover/zkvm/receiptReport.ts'
import type { ZkFamily } from '../verify/zk/types.ts'
import type { VerifiedZkResult } from '../verify/zk/verifyZkProof.ts'
import { registerErrorTransfer } from './transferErrors.ts'
import type { VerifierWorkerApi } from './verifier.worker.ts'

type Slot = { worker: Worker; api: Comlink.Remote<VerifierWorkerApi>; ready: Promise<void>; busy: boolean }
type Job = {
  run: (api: Comlink.Remote<VerifierWorkerApi>) => Promise<unknown>
  signal: AbortSignal | undefined
  resolve: (r: unknown) => void
  reject: (e: unknown) => void
}

/**
 * A pool of verifier workers (squoosh-style comlink bridge): jobs queue, run in parallel on up to
 * `size` workers, and can be cancelled with an AbortSignal — a queued job is dropped, a running one
 * terminates its worker (which is replaced on demand). The UI thread never verifies.
 */
export class VerifierPool {
  private readonly slots: Slot[] = []
  private readonly queue: Job[] = []

  constructor(readonly size: number) {
    registerErrorTransfer()
  }

  private spawn(): Slot {
    const worker = new Worker(new URL('./verifier.worker.ts', import.meta.url), { type: 'module', name: 'verifier' })
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (e: MessageEvent) => {
        if (e.data?.type === 'lightbus-worker-ready') {
          worker.removeEventListener('message', onMessage)
          resolve()
        }
      }
      worker.addEventListener('message', onMessage)
      worker.addEventListener('error', (e) => reject(new WorkerStartError({ worker: 'verifier', cause: e.message })), { once: true })
    })
    const slot: Slot = { worker, api: Comlink.wrap<VerifierWorkerApi>(worker), ready, busy: false }
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
    const onAbort = () => {
      // Terminate the running worker; the next job gets a fresh one.
      slot.worker.terminate()
      this.slots.splice(this.slots.indexOf(slot), 1)
      job.reject(new VerificationCancelledError())
      this.pump()
    }
    job.signal?.addEventListener('abort', onAbort, { once: true })
    try {
      await slot.ready
      job.resolve(await job.run(slot.api))
    } catch (e) {
      job.reject(e)
    } finally {
      job.signal?.removeEventListener('abort', onAbort)
      slot.busy = false
      if (this.slots.includes(slot)) this.pump()
    }
  }
}

let pool: VerifierPool | undefined
/** The page's verifier pool: as many workers as cores allow, at least 2, at most 4. */
export const getVerifierPool = () => {
  pool ??= new VerifierPool(Math.max(2, Math.min(4, (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 2)))
  return pool
}

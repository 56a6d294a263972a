import * as Comlink from 'comlink'
import { WorkerStartError } from '../errors/net.ts'
import { ProvingCancelledError } from '../errors/zk.ts'
import type { BackendName } from '../prover/backend/index.ts'
import type { ProgramName } from '../prover/zkvm/programs.ts'
import type { ProveProgress, Receipt } from '../prover/zkvm/receipt.ts'
import type { ProverWorkerApi } from './prover.worker.ts'
import { registerErrorTransfer } from './transferErrors.ts'

export type ProveJob = {
  program: ProgramName
  input: number[]
  po2: number
  backend: BackendName
  onProgress?: (p: ProveProgress) => void
  signal?: AbortSignal
}

/**
 * Proves in a fresh prover worker (waits for its "ready" message before the first call), terminated when
 * the job ends. Aborting `signal` terminates the worker at once (proving is synchronous inside it).
 * @throws {ProvingCancelledError} when aborted; the prover's typed errors (VmFault, CycleLimitExceeded…).
 */
export function proveInWorker(job: ProveJob): Promise<Receipt> {
  registerErrorTransfer()
  return new Promise<Receipt>((resolve, reject) => {
    if (job.signal?.aborted) return reject(new ProvingCancelledError())
    const worker = new Worker(new URL('./prover.worker.ts', import.meta.url), { type: 'module', name: 'prover' })
    let done = false
    const finish = (f: () => void) => {
      if (done) return
      done = true
      job.signal?.removeEventListener('abort', onAbort)
      worker.terminate()
      f()
    }
    const onAbort = () => finish(() => reject(new ProvingCancelledError()))
    job.signal?.addEventListener('abort', onAbort, { once: true })
    worker.addEventListener('error', (e) => finish(() => reject(new WorkerStartError({ worker: 'prover', cause: e.message }))), { once: true })
    const onMessage = (e: MessageEvent) => {
      if (e.data?.type !== 'lightbus-worker-ready') return
      worker.removeEventListener('message', onMessage)
      const api = Comlink.wrap<ProverWorkerApi>(worker)
      api.prove(job.program, job.input, job.po2, job.backend, job.onProgress ? Comlink.proxy(job.onProgress) : undefined).then(
        (r) => finish(() => resolve(r)),
        (e) => finish(() => reject(e)),
      )
    }
    worker.addEventListener('message', onMessage)
  })
}

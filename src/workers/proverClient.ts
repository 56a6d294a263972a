import * as Comlink from 'comlink'
import { ProvingCancelledError } from '../errors/zk.ts'
import type { BackendName } from '../prover/backend/index.ts'
import type { ProgramName } from '../prover/zkvm/programs.ts'
import type { ProveProgress, Receipt } from '../prover/zkvm/receipt.ts'
import { WorkerBridge } from './bridge.ts'
import type { ProverWorkerApi } from './prover.worker.ts'

export type ProveJob = {
  program: ProgramName
  input: number[]
  po2: number
  backend: BackendName
  onProgress?: (p: ProveProgress) => void
  signal?: AbortSignal
}

/** A prover worker behind the worker bridge (`idleTimeoutMs`: terminate after that long without a call). */
export function createProverBridge(idleTimeoutMs?: number): WorkerBridge<ProverWorkerApi> {
  return new WorkerBridge<ProverWorkerApi>({
    name: 'prover',
    create: () => new Worker(new URL('./prover.worker.ts', import.meta.url), { type: 'module', name: 'prover' }),
    ...(idleTimeoutMs !== undefined ? { idleTimeoutMs } : {}),
  })
}

/**
 * Proves in a fresh prover worker (the bridge waits for its "ready" message before the first call), terminated
 * when the job ends. Aborting `signal` terminates the worker at once (proving is synchronous inside it).
 * @throws {ProvingCancelledError} when aborted; the prover's typed errors (VmFault, CycleLimitExceeded…); WorkerStartError.
 */
export async function proveInWorker(job: ProveJob): Promise<Receipt> {
  if (job.signal?.aborted) throw new ProvingCancelledError()
  const bridge = createProverBridge()
  try {
    return await bridge.call((api) => api.prove(job.program, job.input, job.po2, job.backend, job.onProgress ? Comlink.proxy(job.onProgress) : undefined), {
      ...(job.signal ? { signal: job.signal } : {}),
      cancelError: () => new ProvingCancelledError(),
    })
  } finally {
    bridge.terminate()
  }
}

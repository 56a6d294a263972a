// The prover worker: proves one shipped zkVM program run (all its segments) off the main thread.
// One worker per job; the page terminates it to cancel.
import * as Comlink from 'comlink'
import type { BackendName } from '../prover/backend/index.ts'
import { resolveBackend } from '../prover/backend/resolve.ts'
import type { WebGpuBackend } from '../prover/backend/webgpu/backend.ts'
import { getProgram, type ProgramName } from '../prover/zkvm/programs.ts'
import { type ProveProgress, proveReceipt, type Receipt } from '../prover/zkvm/receipt.ts'
import { proveLeaseTask } from './proveLeaseTask.ts'
import { registerErrorTransfer } from './transferErrors.ts'

const api = {
  /**
   * Executes `program` on `input` (words, from the registry's `parseInput`), cuts segments of 2^po2 cycles
   * and proves them; `onProgress` (a Comlink.proxy) hears after execution and after each segment.
   */
  async prove(program: ProgramName, input: number[], po2: number, backend: BackendName, onProgress?: (p: ProveProgress) => void): Promise<Receipt> {
    // 'webgpu': this worker's navigator.gpu (a WebGpuUnavailableError without an adapter).
    const { backend: b } = await resolveBackend(backend, (self.navigator as Navigator & { gpu?: GPU }).gpu)
    const receipt = await proveReceipt(getProgram(program).program, input, po2, { backend: b, onProgress: (p) => void onProgress?.(p) })
    if (b.name === 'webgpu') {
      const g = b as WebGpuBackend
      console.info(`[prover] webgpu on ${g.adapterName}: fallbacks ${JSON.stringify(g.fallbacks())}`)
    }
    return receipt
  },
}
/** The Donate page's method: one leased segment of the prover network (proveLeaseTask.ts). */
const networkApi = { proveLease: proveLeaseTask }
export type ProverWorkerApi = typeof api & typeof networkApi

registerErrorTransfer()
Comlink.expose({ ...api, ...networkApi })
self.postMessage({ type: 'lightbus-worker-ready' })

// The prover worker: proves one shipped zkVM program run (all its segments) off the main thread.
// One worker per job; the page terminates it to cancel. The Donate page proves network leases in one
// (proveLease), kept between leases by the worker bridge.
import * as Comlink from 'comlink'
import { MalformedInputError } from '../errors/base.ts'
import { BACKEND_NAMES, type BackendName, getBackend } from '../prover/backend/index.ts'
import { proveLease, type SegmentLease } from '../prover/network/lease.ts'
import { getProgram, type ProgramName } from '../prover/zkvm/programs.ts'
import { type ProveProgress, proveReceipt, type Receipt } from '../prover/zkvm/receipt.ts'
import { registerErrorTransfer } from './transferErrors.ts'

const api = {
  /**
   * Executes `program` on `input` (words, from the registry's `parseInput`), cuts segments of 2^po2 cycles
   * and proves them; `onProgress` (a Comlink.proxy) hears after execution and after each segment.
   */
  prove(program: ProgramName, input: number[], po2: number, backend: BackendName, onProgress?: (p: ProveProgress) => void): Receipt {
    return proveReceipt(getProgram(program).program, input, po2, { backend: getBackend(backend), onProgress: (p) => void onProgress?.(p) })
  },
  /**
   * Proves one leased segment of the prover network (src/prover/network/lease.ts) with the named backend;
   * `onPhase` (a Comlink.proxy) hears the phases (and, where the backend reports them, done/total steps).
   * @returns the encoded STARK proof, transferred (not copied) to the caller.
   * @throws {MalformedInputError} for a backend name this build lacks; MalformedLease; the VM's and prover's errors.
   */
  async proveLease(lease: SegmentLease, backend: string, onPhase?: (phase: string, done?: number, total?: number) => void): Promise<Uint8Array> {
    if (!(BACKEND_NAMES as readonly string[]).includes(backend))
      throw new MalformedInputError({ what: 'prover backend', details: `unknown backend "${backend}"; this build has ${BACKEND_NAMES.join(', ')}` })
    const report = onPhase ? (phase: string, done?: number, total?: number) => void onPhase(phase, done, total) : undefined
    const proof = await proveLease(lease, await getBackend(backend as BackendName), report)
    return Comlink.transfer(proof, [proof.buffer])
  },
}

export type ProverWorkerApi = typeof api

registerErrorTransfer()
Comlink.expose(api)
self.postMessage({ type: 'lightbus-worker-ready' })

import * as Comlink from 'comlink'
import { MalformedInputError } from '../errors/base.ts'
import { BACKEND_NAMES, type BackendName } from '../prover/backend/index.ts'
import { resolveBackend } from '../prover/backend/resolve.ts'
import { proveLease, type SegmentLease } from '../prover/network/lease.ts'

/**
 * The prover worker's `proveLease` (the Donate page): proves one leased segment of the prover network
 * (src/prover/network/lease.ts) with the named backend; `onPhase` (a Comlink.proxy) hears the phases (and,
 * where the backend reports them, done/total steps).
 * @returns the encoded STARK proof, transferred (not copied) to the caller.
 * @throws {MalformedInputError} for a backend name this build lacks; MalformedLease; the VM's and prover's errors.
 */
export async function proveLeaseTask(
  lease: SegmentLease,
  backend: string,
  onPhase?: (phase: string, done?: number, total?: number) => void,
): Promise<Uint8Array> {
  if (!(BACKEND_NAMES as readonly string[]).includes(backend))
    throw new MalformedInputError({ what: 'prover backend', details: `unknown backend "${backend}"; this build has ${BACKEND_NAMES.join(', ')}` })
  const report = onPhase ? (phase: string, done?: number, total?: number) => void onPhase(phase, done, total) : undefined
  // 'webgpu': this worker's navigator.gpu (WebGpuUnavailableError without an adapter).
  const { backend: b } = await resolveBackend(backend as BackendName, (self.navigator as Navigator & { gpu?: GPU }).gpu)
  const proof = await proveLease(lease, b, { onPhase: report })
  return Comlink.transfer(proof, [proof.buffer])
}

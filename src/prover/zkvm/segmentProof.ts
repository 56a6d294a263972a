import { getBackend } from '../backend/index.ts'
import type { ProverBackend } from '../backend/types.ts'
import { DEFAULT_FRI_PARAMS } from '../fri/params.ts'
import { type OnPhase, type PROVE_PHASES, proveStark, reportPhase } from '../stark/prover.ts'
import type { StarkParams, StarkProof } from '../stark/shape.ts'
import { verifyStark } from '../stark/verifier.ts'
import type { Instruction } from '../vm/isa.ts'
import type { Segment } from '../vm/segments.ts'
import { ZKVM_AIR } from './air.ts'
import { type ZkvmKernels, zkvmKernels } from './kernels.ts'
import { type SegmentStatement, toPublicInputs } from './statement.ts'
import { segmentTrace } from './trace.ts'

/** Transcript label of segment proofs (docs/zkvm-air.md). */
export const SEGMENT_LABEL = 'lightbus-zkvm-segment-v1'
/** Parameters of segment proofs: the FRI defaults (120 conjectured bits). */
export const SEGMENT_PARAMS: StarkParams = DEFAULT_FRI_PARAMS

/**
 * Proves one segment: its trace (trace.ts) against the zkVM AIR, with the statement as public inputs,
 * on `options.backend` (default: the WASM backend). With the WASM backend the composition and aux
 * trace come from the zkVM WASM kernels (kernels.ts); the proof is byte-identical to the TypeScript
 * backend's.
 * @throws {InvalidProverInputError} if the segment is malformed.
 */
export async function proveSegment(
  segment: Segment,
  code: readonly Instruction[],
  input: readonly number[],
  ids: { imageId: Uint8Array; inputDigest: Uint8Array },
  options: SegmentProveOptions = {},
): Promise<{ statement: SegmentStatement; proof: StarkProof }> {
  reportPhase(options.onPhase, 'trace')
  const { main, statement } = segmentTrace(segment, code, input, ids)
  const params = options.params ?? SEGMENT_PARAMS
  const backend = options.backend ?? getBackend('wasm')
  // The backend's zkVM kernels (WASM: specialised composition and aux trace; WebGPU: its own; same proof).
  const { composition, auxTrace } = options.kernels ?? zkvmKernels(backend)
  const proof = await proveStark(ZKVM_AIR, main, toPublicInputs(statement), params, SEGMENT_LABEL, {
    backend,
    composition,
    auxTrace,
    onPhase: options.onPhase,
  })
  return { statement, proof }
}

/** Options of {@link proveSegment}. */
export type SegmentProveOptions = {
  /** Kernels (default: the WASM backend). */
  readonly backend?: ProverBackend
  readonly params?: StarkParams
  /** The zkVM composition and aux-trace kernels (default: `zkvmKernels(backend)`). */
  readonly kernels?: ZkvmKernels
  /** Progress within the proof (phases of {@link PROVE_PHASES}, "trace" first). */
  readonly onPhase?: OnPhase
}

/**
 * Verifies one segment proof against its statement.
 * @throws {InvalidStarkProofError} {@link InvalidMerkleOpeningError} {@link InvalidFriProofError}
 * {@link InvalidProofOfWorkError} when it does not hold.
 */
export function verifySegment(statement: SegmentStatement, proof: StarkProof, params: StarkParams = SEGMENT_PARAMS): void {
  verifyStark(ZKVM_AIR, proof, toPublicInputs(statement), params, SEGMENT_LABEL)
}

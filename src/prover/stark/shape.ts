import { InvalidProverInputError } from '../../errors/prover.ts'
import type { Digest } from '../commit/merkle.ts'
import type { Transcript } from '../commit/transcript.ts'
import type { Base } from '../field/babybear.ts'
import type { Ext4 } from '../field/ext4.ts'
import { type FriParams, type FriProof, conjecturedSecurityBits as friSecurityBits } from '../fri/params.ts'
import type { Air } from './air.ts'

/**
 * STARK parameters, proof shape and the statement-binding transcript prefix (docs/zkvm-stark.md,
 * "STARK"; protocol: DEEP-ALI of the ethSTARK documentation, StarkWare, IACR ePrint 2021/582).
 * The STARK reuses the FRI parameters: its LDE blowup is FRI's and its query positions are FRI's.
 */
export type StarkParams = FriParams

/** Smallest trace: 2^3 rows. */
export const MIN_LOG_TRACE_LENGTH = 3

/** One Merkle opening whose leaf index the verifier derives from a FRI query position. */
export type StarkOpening = { readonly row: readonly Base[]; readonly path: readonly Digest[] }

/** Openings at FRI query q: LDE rows q and q + N/2 (the points x and −x of FRI's layer-0 pair). */
export type StarkQuery = {
  readonly trace: readonly [StarkOpening, StarkOpening]
  readonly composition: readonly [StarkOpening, StarkOpening]
}

export type StarkProof = {
  readonly logTraceLength: number
  readonly traceRoot: Digest
  readonly compositionRoot: Digest
  /** T_i(z), i < width. */
  readonly oodTrace: readonly Ext4[]
  /** T_i(g·z), i < width. */
  readonly oodTraceNext: readonly Ext4[]
  /** H_k(z), k < K (composition chunks). */
  readonly oodComposition: readonly Ext4[]
  readonly fri: FriProof
  readonly queries: readonly StarkQuery[]
}

/**
 * Shape of a proof for a trace of 2^logN rows:
 *   logDegree D = max(logN, finalPolyLogDegree + 1) — the FRI degree bound and the chunk size (log);
 *   logDomain = logDegree + logBlowup — the LDE coset GENERATOR·⟨ω_N⟩, N = 2^logDomain;
 *   chunks K = max(1, maxConstraintDegree − 1) — the composition has degree < K·2^logDegree.
 * @throws {InvalidProverInputError} if logN is out of range, the blowup is below the AIR's constraint
 * degree, or the AIR is malformed.
 */
export function starkShape(air: Air, params: StarkParams, logN: number): { logDegree: number; logDomain: number; chunks: number } {
  const bad = (reason: string) => new InvalidProverInputError({ what: 'STARK shape', reason })
  if (!Number.isInteger(logN) || logN < MIN_LOG_TRACE_LENGTH) throw bad(`log trace length ${logN} is below ${MIN_LOG_TRACE_LENGTH}`)
  if (!Number.isInteger(air.width) || air.width < 1 || air.width > 4096) throw bad(`width ${air.width}`)
  const d = air.maxConstraintDegree
  if (!Number.isInteger(d) || d < 1) throw bad(`max constraint degree ${d}`)
  if (2 ** params.logBlowup < d) throw bad(`blowup 2^${params.logBlowup} is below the constraint degree ${d}`)
  const logDegree = Math.max(logN, params.finalPolyLogDegree + 1)
  const logDomain = logDegree + params.logBlowup
  if (logDomain > 27) throw bad(`domain 2^${logDomain} exceeds 2^27`)
  return { logDegree, logDomain, chunks: Math.max(1, d - 1) }
}

/** The conjectured security of the STARK: that of its FRI parameters (ePrint 2021/582's conjecture; see fri/params.ts). */
export function conjecturedSecurityBits(params: StarkParams): number {
  return friSecurityBits(params)
}

/**
 * The first transcript messages, identical for prover and verifier (they bind the statement before
 * anything the prover chooses): absorbBytes("stark-air", name); absorbBase("stark-shape", [logN,
 * width, numTransitionConstraints, maxConstraintDegree, K, logBlowup, numQueries, powBits,
 * finalPolyLogDegree]); absorbBase("stark-public", publicInputs).
 */
export function bindStatement(t: Transcript, air: Air, params: StarkParams, logN: number, chunks: number, publicInputs: readonly Base[]): void {
  t.absorbBytes(
    'stark-air',
    Uint8Array.from(air.name, (c) => c.charCodeAt(0) & 0x7f),
  )
  t.absorbBase('stark-shape', [
    logN,
    air.width,
    air.numTransitionConstraints,
    air.maxConstraintDegree,
    chunks,
    params.logBlowup,
    params.numQueries,
    params.powBits,
    params.finalPolyLogDegree,
  ])
  t.absorbBase('stark-public', publicInputs)
}

import { InvalidProverInputError } from '../../errors/prover.ts'
import type { Digest } from '../commit/merkle.ts'
import type { Transcript } from '../commit/transcript.ts'
import type { Base } from '../field/babybear.ts'
import type { Ext4 } from '../field/ext4.ts'
import { type FriParams, type FriProof, conjecturedSecurityBits as friSecurityBits } from '../fri/params.ts'
import type { Air, ConstraintCounts } from './air.ts'

/**
 * STARK parameters, proof shape and the statement-binding transcript prefix (docs/zkvm-stark.md,
 * "STARK"; protocol: DEEP-ALI of the ethSTARK documentation, StarkWare, IACR ePrint 2021/582).
 * The STARK reuses the FRI parameters: its LDE blowup is FRI's and its query positions are FRI's.
 */
export type StarkParams = FriParams

/** Smallest trace: 2^3 rows. */
export const MIN_LOG_TRACE_LENGTH = 3
/** Largest width of any one commitment (columns). */
export const MAX_WIDTH = 4096

/** One Merkle opening whose leaf index the verifier derives from a FRI query position. */
export type StarkOpening = { readonly row: readonly Base[]; readonly path: readonly Digest[] }

/**
 * Openings at FRI query q: LDE rows q and q + N/2 (the points x and −x of FRI's layer-0 pair) of
 * the main, aux (absent when the AIR has no aux columns) and composition commitments.
 */
export type StarkQuery = {
  readonly main: readonly [StarkOpening, StarkOpening]
  readonly aux: readonly [StarkOpening, StarkOpening] | null
  readonly composition: readonly [StarkOpening, StarkOpening]
}

export type StarkProof = {
  readonly logTraceLength: number
  readonly mainRoot: Digest
  /** Null iff the AIR has no aux columns. */
  readonly auxRoot: Digest | null
  readonly compositionRoot: Digest
  /** Each main column at z and at g·z (ext4). */
  readonly oodMain: readonly Ext4[]
  readonly oodMainNext: readonly Ext4[]
  /** Each aux base column (coordinate) at z and g·z. */
  readonly oodAux: readonly Ext4[]
  readonly oodAuxNext: readonly Ext4[]
  /** Each composition coordinate column (4K of them: chunk k, coordinate j at 4k + j) at z. */
  readonly oodComposition: readonly Ext4[]
  readonly fri: FriProof
  readonly queries: readonly StarkQuery[]
}

export type StarkShape = { logDegree: number; logDomain: number; chunks: number; counts: ConstraintCounts }

/**
 * Shape of a proof for a trace of 2^logN rows:
 *   logDegree D = max(logN, finalPolyLogDegree + 1) — the FRI degree bound and the chunk size (log);
 *   logDomain = logDegree + logBlowup — the LDE coset GENERATOR·⟨ω_N⟩, N = 2^logDomain;
 *   chunks K = max(1, maxConstraintDegree − 1) — the composition has degree < K·2^logDegree and is
 *   committed as 4K base coordinate columns.
 * @throws {InvalidProverInputError} if logN is out of range, the blowup is below the AIR's constraint
 * degree, or the AIR is malformed.
 */
export function starkShape(air: Air, params: StarkParams, logN: number, publicInputs: readonly Base[]): StarkShape {
  const bad = (reason: string) => new InvalidProverInputError({ what: 'STARK shape', reason })
  if (!Number.isInteger(logN) || logN < MIN_LOG_TRACE_LENGTH) throw bad(`log trace length ${logN} is below ${MIN_LOG_TRACE_LENGTH}`)
  const okWidth = (w: number, min: number) => Number.isInteger(w) && w >= min && w <= MAX_WIDTH
  if (!okWidth(air.mainWidth, 1)) throw bad(`main width ${air.mainWidth}`)
  if (!okWidth(air.auxWidth, 0) || air.auxWidth % 4 !== 0) throw bad(`aux width ${air.auxWidth}`)
  if (!Number.isInteger(air.numChallenges) || air.numChallenges < 0 || air.numChallenges > 16) throw bad(`${air.numChallenges} challenges`)
  const d = air.maxConstraintDegree
  if (!Number.isInteger(d) || d < 1 || d > 8) throw bad(`max constraint degree ${d}`)
  if (2 ** params.logBlowup < d) throw bad(`blowup 2^${params.logBlowup} is below the constraint degree ${d}`)
  const logDegree = Math.max(logN, params.finalPolyLogDegree + 1)
  const logDomain = logDegree + params.logBlowup
  if (logDomain > 27) throw bad(`domain 2^${logDomain} exceeds 2^27`)
  const counts = air.counts(publicInputs)
  for (const v of [counts.transition, counts.row, counts.first, counts.last])
    if (!Number.isInteger(v) || v < 0 || v > 65_535) throw bad(`constraint count ${v}`)
  return { logDegree, logDomain, chunks: Math.max(1, d - 1), counts }
}

/** The conjectured security of the STARK: that of its FRI parameters (ePrint 2021/582's conjecture; see fri/params.ts). */
export function conjecturedSecurityBits(params: StarkParams): number {
  return friSecurityBits(params)
}

/**
 * The first transcript messages, identical for prover and verifier (they bind the statement before
 * anything the prover chooses): absorbBytes("stark-air", name); absorbBase("stark-shape", [logN,
 * mainWidth, auxWidth, numChallenges, maxConstraintDegree, #transition, #row, #first, #last, K,
 * logBlowup, numQueries, powBits, finalPolyLogDegree]); absorbBase("stark-public", publicInputs).
 */
export function bindStatement(t: Transcript, air: Air, params: StarkParams, logN: number, shape: StarkShape, publicInputs: readonly Base[]): void {
  t.absorbBytes(
    'stark-air',
    Uint8Array.from(air.name, (c) => c.charCodeAt(0) & 0x7f),
  )
  const c = shape.counts
  t.absorbBase('stark-shape', [
    logN,
    air.mainWidth,
    air.auxWidth,
    air.numChallenges,
    air.maxConstraintDegree,
    c.transition,
    c.row,
    c.first,
    c.last,
    shape.chunks,
    params.logBlowup,
    params.numQueries,
    params.powBits,
    params.finalPolyLogDegree,
  ])
  t.absorbBase('stark-public', publicInputs)
}

/** Total number of constraints (one α each, in the order transition, row, first, last). */
export function totalConstraints(c: ConstraintCounts): number {
  return c.transition + c.row + c.first + c.last
}

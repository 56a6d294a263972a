import { InvalidProverInputError } from '../../errors/prover.ts'
import type { Digest } from '../commit/merkle.ts'
import { TWO_ADICITY } from '../field/babybear.ts'
import type { Ext4 } from '../field/ext4.ts'

/**
 * FRI parameters and proof shape (docs/zkvm-stark.md, "FRI"). The protocol is the binary-folding FRI
 * of Ben-Sasson, Bentov, Horesh and Riabzev ("Fast Reed–Solomon Interactive Oracle Proofs of
 * Proximity", ICALP 2018), in the form summarized by Haböck, "A summary on the FRI low degree test"
 * (IACR ePrint 2022/1216), with the query-phase grinding and parameter choice of the ethSTARK
 * documentation (StarkWare, IACR ePrint 2021/582).
 */
export type FriParams = {
  /** log2 of the blowup factor ρ^(−1): the evaluation domain has n·2^logBlowup points for degree < n. */
  readonly logBlowup: number
  /** Number of query positions checked by the verifier. */
  readonly numQueries: number
  /** Grinding bits before the query indices are squeezed (0..40). */
  readonly powBits: number
  /** Each round halves the domain; only arity 2 is implemented. */
  readonly foldingArity: 2
  /** Folding stops at degree < 2^finalPolyLogDegree; those coefficients are sent in the clear. */
  readonly finalPolyLogDegree: number
}

/**
 * Default: blowup 4, 52 queries, 16 grinding bits, final polynomial of degree < 8:
 * 52·2 + 16 = 120 conjectured bits (see {@link conjecturedSecurityBits}).
 */
export const DEFAULT_FRI_PARAMS: FriParams = { logBlowup: 2, numQueries: 52, powBits: 16, foldingArity: 2, finalPolyLogDegree: 3 }

/** 4·31: the extension field F_p^4 has ≈ 2^124 elements, so no challenge-based bound can exceed this. */
export const EXTENSION_FIELD_BITS = 124

/**
 * Conjectured bits of security of FRI with these parameters: min(numQueries·logBlowup + powBits, 124).
 * Conjecture used: the ethSTARK conjecture (ethSTARK documentation, ePrint 2021/582, its
 * FRI soundness conjecture; also discussed in Haböck, ePrint 2022/1216): Reed–Solomon codes are list-decodable up to capacity
 * and the folding rounds contribute no error beyond |F|^(−1)-terms, so each query of a word that is
 * δ-far from every codeword passes with probability ≈ ρ = 2^(−logBlowup); grinding adds powBits. The
 * cap is the extension field size (challenges β are drawn from F_p^4). This is a conjecture, not the
 * proven Johnson-bound soundness (which gives about half as many bits per query).
 */
export function conjecturedSecurityBits(params: FriParams): number {
  return Math.min(params.numQueries * params.logBlowup + params.powBits, EXTENSION_FIELD_BITS)
}

/**
 * Checks parameters against a degree bound n = 2^logDegree and returns the number of folding rounds
 * R = logDegree − finalPolyLogDegree (≥ 1) and the log domain size logDegree + logBlowup.
 * @throws {InvalidProverInputError} for out-of-range parameters.
 */
export function friShape(params: FriParams, logDegree: number): { rounds: number; logDomain: number } {
  const bad = (reason: string) => new InvalidProverInputError({ what: 'FRI parameters', reason })
  const { logBlowup, numQueries, powBits, foldingArity, finalPolyLogDegree } = params
  if (foldingArity !== 2) throw bad(`folding arity ${foldingArity} is not 2`)
  if (!Number.isInteger(logBlowup) || logBlowup < 1 || logBlowup > 8) throw bad(`logBlowup ${logBlowup} is not in [1, 8]`)
  if (!Number.isInteger(numQueries) || numQueries < 1 || numQueries > 1024) throw bad(`numQueries ${numQueries} is not in [1, 1024]`)
  if (!Number.isInteger(powBits) || powBits < 0 || powBits > 40) throw bad(`powBits ${powBits} is not in [0, 40]`)
  if (!Number.isInteger(finalPolyLogDegree) || finalPolyLogDegree < 0) throw bad(`finalPolyLogDegree ${finalPolyLogDegree} is negative`)
  if (!Number.isInteger(logDegree) || logDegree <= finalPolyLogDegree) throw bad(`log degree ${logDegree} must exceed finalPolyLogDegree ${finalPolyLogDegree}`)
  if (logDegree + logBlowup > TWO_ADICITY) throw bad(`domain 2^${logDegree + logBlowup} exceeds 2^${TWO_ADICITY}`)
  return { rounds: logDegree - finalPolyLogDegree, logDomain: logDegree + logBlowup }
}

/** One layer's opening for one query: the sibling pair (f(x), f(−x)) as one Merkle row, and its path. */
export type FriLayerOpening = {
  readonly pair: readonly [Ext4, Ext4]
  readonly path: readonly Digest[]
}

/**
 * A FRI proof for R = logDegree − finalPolyLogDegree rounds: R layer roots, 2^finalPolyLogDegree final
 * coefficients (ascending powers), the grinding nonce, and per query R layer openings (layer r's path
 * has logDomain − 1 − r digests). Query indices are not sent: the verifier squeezes them.
 */
export type FriProof = {
  readonly layerRoots: readonly Digest[]
  readonly finalPoly: readonly Ext4[]
  readonly powNonce: number
  readonly queries: readonly (readonly FriLayerOpening[])[]
}

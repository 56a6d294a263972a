import { InvalidFriProofError } from '../../errors/prover.ts'
import { verifyMerkleOpening } from '../commit/merkle.ts'
import type { Transcript } from '../commit/transcript.ts'
import { inv, mul } from '../field/babybear.ts'
import { type Ext4, extEq } from '../field/ext4.ts'
import { evalExtPolyAtBase, foldPair, layerPoint, pairRow } from './fold.ts'
import { type FriParams, type FriProof, friShape } from './params.ts'

/**
 * FRI verifier (Haböck, ePrint 2022/1216, query phase; ethSTARK documentation, ePrint
 * 2021/582). Replays the prover's transcript (see prover.ts) from the caller's `transcript`, which must
 * be in the state the prover's was in when FRI began — so the proof is bound to everything committed
 * before it. For each query q: opens layer r at row i_r = q mod |D_r|/2 against root_r; checks that
 * the value folded from layer r − 1 equals the opened f_r at q mod |D_r| (the row's first slot when
 * that is < |D_r|/2, else the second); folds f_{r+1}(x^2) = (f(x)+f(−x))/2 + β_r·(f(x)−f(−x))/(2x);
 * and checks the last folded value against the final polynomial at s^(2^R)·ω_R^(q mod |D_R|).
 * Returns the query indices q ∈ [0, |D_0|/2), so a caller can check its own openings against layer 0.
 * @throws {InvalidProverInputError} for invalid parameters.
 * @throws {InvalidFriProofError} if the proof's shape does not match the parameters, or a folding or final check fails.
 * @throws {InvalidProofOfWorkError} if the grinding nonce is short.
 * @throws {InvalidMerkleOpeningError} if an opening does not hash to its layer root.
 */
export function verifyFri(proof: FriProof, logDegree: number, params: FriParams, transcript: Transcript): number[] {
  const { rounds, logDomain } = friShape(params, logDegree)
  const bad = (reason: string) => new InvalidFriProofError({ reason })
  if (proof.layerRoots.length !== rounds) throw bad(`${proof.layerRoots.length} layer roots, expected ${rounds}`)
  if (proof.finalPoly.length !== 2 ** params.finalPolyLogDegree)
    throw bad(`final polynomial has ${proof.finalPoly.length} coefficients, expected ${2 ** params.finalPolyLogDegree}`)
  if (proof.queries.length !== params.numQueries) throw bad(`${proof.queries.length} queries, expected ${params.numQueries}`)
  if (proof.queries.some((q) => q.length !== rounds)) throw bad(`a query does not open exactly ${rounds} layers`)

  transcript.absorbBase('fri-params', [logDegree, params.logBlowup, params.numQueries, params.powBits, params.finalPolyLogDegree])
  const betas: Ext4[] = []
  for (const root of proof.layerRoots) {
    if (root.length !== 32) throw bad('a layer root is not 32 bytes')
    transcript.absorbDigest('fri-layer', root)
    betas.push(transcript.squeezeExt4('fri-beta'))
  }
  transcript.absorbExt4('fri-final', proof.finalPoly)
  transcript.checkPow(params.powBits, proof.powNonce)
  const indices = transcript.squeezeIndices('fri-query', params.numQueries, 2 ** (logDomain - 1))

  indices.forEach((q, k) => {
    const openings = proof.queries[k] ?? []
    let folded: Ext4 | null = null
    for (let r = 0; r < rounds; r++) {
      const half = 2 ** (logDomain - 1 - r)
      const i = q % half
      const o = openings[r]
      if (o === undefined) throw bad(`query ${k} has no layer ${r}`)
      const [lo, hi] = o.pair
      verifyMerkleOpening(proof.layerRoots[r] as Uint8Array, { index: i, row: pairRow(lo, hi), path: o.path }, logDomain - 1 - r, 8)
      if (folded !== null && !extEq(folded, q % (2 * half) < half ? lo : hi)) throw bad(`query ${k}: layer ${r} is not the fold of layer ${r - 1}`)
      folded = foldPair(lo, hi, betas[r] as Ext4, inv(mul(2, layerPoint(logDomain, r, i))))
    }
    const y = layerPoint(logDomain, rounds, q % 2 ** (logDomain - rounds))
    if (folded === null || !extEq(folded, evalExtPolyAtBase(proof.finalPoly, y))) throw bad(`query ${k}: last layer disagrees with the final polynomial`)
  })
  return indices
}

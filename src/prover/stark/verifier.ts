import { InvalidStarkProofError } from '../../errors/prover.ts'
import { verifyMerkleOpening } from '../commit/merkle.ts'
import { Transcript } from '../commit/transcript.ts'
import { type Base, GENERATOR, mul, P, pow, rootOfUnity } from '../field/babybear.ts'
import { type Ext4, extEq, extMulBase } from '../field/ext4.ts'
import { verifyFri } from '../fri/verifier.ts'
import type { Air } from './air.ts'
import { combineChunks, compositionAt } from './composition.ts'
import { compRowValues, deepAt, isValidOodPoint, powers } from './deep.ts'
import { bindStatement, type StarkParams, type StarkProof, starkShape } from './shape.ts'

/**
 * STARK verifier (DEEP-ALI, ethSTARK documentation, IACR ePrint 2021/582, §5): replays the prover's
 * transcript (prover.ts) from `label`, the statement (AIR, shape, public inputs) first; checks the
 * composition identity Σ_k z^{k·D}·H_k(z) = Σ_j α_j·C_j(T(z), T(g·z))/Z_T(z) + Σ_b α_b·(T_c(z) − v_b)/(z − g^row_b);
 * runs FRI on the DEEP quotient; and at every FRI query q opens trace and composition rows q and
 * q + N/2 against their roots and checks that DEEP computed from them equals FRI's layer-0 pair.
 * Returns nothing when the proof is accepted.
 * @throws {InvalidStarkProofError} on a wrong shape, an invalid z, a failed identity or a layer-0 mismatch.
 * @throws {InvalidMerkleOpeningError} if an opening does not hash to its root.
 * @throws {InvalidFriProofError} or {InvalidProofOfWorkError} if FRI rejects.
 * @throws {InvalidProverInputError} if the parameters or the AIR are unusable, or the public inputs are malformed.
 */
export function verifyStark(air: Air, proof: StarkProof, publicInputs: readonly Base[], params: StarkParams, label: string): void {
  const bad = (reason: string) => new InvalidStarkProofError({ reason })
  const logN = proof.logTraceLength
  if (!Number.isInteger(logN) || logN < 3 || logN > 27) throw bad(`log trace length ${logN}`)
  const { logDegree, logDomain, chunks } = starkShape(air, params, logN)
  const n = 2 ** logN
  if (publicInputs.length !== air.numPublicInputs || publicInputs.some((v) => !Number.isInteger(v) || v < 0 || v >= P))
    throw bad(`public inputs are not ${air.numPublicInputs} canonical elements`)
  const boundary = air.boundary(publicInputs, n)
  if (boundary.some((b) => b.row < 0 || b.row >= n || b.column < 0 || b.column >= air.width)) throw bad('a boundary constraint is outside the trace')
  const w = air.width
  if (proof.traceRoot.length !== 32 || proof.compositionRoot.length !== 32) throw bad('a root is not 32 bytes')
  if (proof.oodTrace.length !== w || proof.oodTraceNext.length !== w || proof.oodComposition.length !== chunks)
    throw bad(`out-of-domain values: ${proof.oodTrace.length}/${proof.oodTraceNext.length}/${proof.oodComposition.length}, expected ${w}/${w}/${chunks}`)
  if (proof.queries.length !== params.numQueries) throw bad(`${proof.queries.length} query openings, expected ${params.numQueries}`)

  const t = new Transcript(label)
  bindStatement(t, air, params, logN, chunks, publicInputs)
  t.absorbDigest('stark-trace', proof.traceRoot)
  const alphas = Array.from({ length: air.numTransitionConstraints + boundary.length }, () => t.squeezeExt4('stark-alpha'))
  t.absorbDigest('stark-composition', proof.compositionRoot)
  let z: Ext4
  do z = t.squeezeExt4('stark-ood')
  while (!isValidOodPoint(z, logN, logDomain))
  const gz = extMulBase(z, rootOfUnity(logN))
  const ood = { trace: proof.oodTrace, next: proof.oodTraceNext, composition: proof.oodComposition }
  t.absorbExt4('stark-ood', [...ood.trace, ...ood.next, ...ood.composition])

  const lhs = combineChunks(ood.composition, z, logDegree)
  const rhs = compositionAt(air, ood.trace, ood.next, z, logN, boundary, alphas)
  if (!extEq(lhs, rhs)) throw bad('the composition identity fails at the out-of-domain point')

  const gammas = powers(t.squeezeExt4('stark-deep'), 2 * w + chunks)
  const indices = verifyFri(proof.fri, logDegree, params, t)
  const size = 2 ** logDomain
  const omega = rootOfUnity(logDomain)
  indices.forEach((q, k) => {
    const query = proof.queries[k]
    const layer0 = proof.fri.queries[k]?.[0]
    if (query === undefined || layer0 === undefined || query.trace?.length !== 2 || query.composition?.length !== 2)
      throw bad(`query ${k} is missing or malformed`)
    const x = mul(GENERATOR, pow(omega, q))
    for (const side of [0, 1] as const) {
      const index = q + side * (size / 2)
      const tr = query.trace[side]
      const cp = query.composition[side]
      verifyMerkleOpening(proof.traceRoot, { index, row: tr.row, path: tr.path }, logDomain, w)
      verifyMerkleOpening(proof.compositionRoot, { index, row: cp.row, path: cp.path }, logDomain, 4 * chunks)
      const xs = side === 0 ? x : P - x
      const v = deepAt(xs, tr.row, compRowValues(cp.row), ood, z, gz, gammas)
      if (!extEq(v, layer0.pair[side])) throw bad(`query ${k}: DEEP value at row ${index} differs from FRI layer 0`)
    }
  })
}

import { InvalidStarkProofError } from '../../errors/prover.ts'
import { verifyMerkleOpening } from '../commit/merkle.ts'
import { Transcript } from '../commit/transcript.ts'
import { type Base, GENERATOR, mul, P, pow, rootOfUnity } from '../field/babybear.ts'
import { type Ext4, extEq, extMulBase } from '../field/ext4.ts'
import { verifyFri } from '../fri/verifier.ts'
import type { Air, Frame } from './air.ts'
import { combineChunks, combineCoordinates, compositionAt } from './composition.ts'
import { deepAt, isValidOodPoint, powers } from './deep.ts'
import { bindStatement, type StarkOpening, type StarkParams, type StarkProof, starkShape, totalConstraints } from './shape.ts'

/**
 * STARK verifier (DEEP-ALI, ethSTARK documentation, IACR ePrint 2021/582, §5): replays the prover's
 * transcript (prover.ts) from `label`, the statement (AIR, shape, public inputs) first; checks the
 * composition identity Σ_k z^{k·D}·H_k(z) = H(z) computed from the claimed main and aux values at z
 * and g·z (composition.ts); runs FRI on the DEEP quotient; and at every FRI query q opens the main,
 * aux and composition rows q and q + N/2 against their roots and checks that DEEP computed from them
 * equals FRI's layer-0 pair. Returns nothing when the proof is accepted.
 * @throws {InvalidStarkProofError} on a wrong shape, malformed public inputs, a failed identity or a layer-0 mismatch.
 * @throws {InvalidMerkleOpeningError} if an opening does not hash to its root.
 * @throws {InvalidFriProofError} or {InvalidProofOfWorkError} if FRI rejects.
 * @throws {InvalidProverInputError} if the parameters or the AIR are unusable.
 */
export function verifyStark(air: Air, proof: StarkProof, publicInputs: readonly Base[], params: StarkParams, label: string): void {
  const bad = (reason: string) => new InvalidStarkProofError({ reason })
  const logN = proof.logTraceLength
  if (!Number.isInteger(logN) || logN < 3 || logN > 27) throw bad(`log trace length ${logN}`)
  if (publicInputs.some((v) => !Number.isInteger(v) || v < 0 || v >= P)) throw bad('a public input is not canonical')
  const reason = air.validatePublicInputs(publicInputs)
  if (reason !== null) throw bad(`public inputs: ${reason}`)
  const shape = starkShape(air, params, logN, publicInputs)
  const { logDegree, logDomain, chunks, counts } = shape
  const mw = air.mainWidth
  const aw = air.auxWidth
  const cw = 4 * chunks
  if (proof.mainRoot.length !== 32 || proof.compositionRoot.length !== 32) throw bad('a root is not 32 bytes')
  if (aw > 0 !== (proof.auxRoot !== null) || (proof.auxRoot !== null && proof.auxRoot.length !== 32))
    throw bad('aux commitment present/absent contrary to the AIR')
  const lens = [proof.oodMain.length, proof.oodMainNext.length, proof.oodAux.length, proof.oodAuxNext.length, proof.oodComposition.length]
  if (lens.join() !== [mw, mw, aw, aw, cw].join()) throw bad(`out-of-domain value counts ${lens.join('/')}, expected ${[mw, mw, aw, aw, cw].join('/')}`)
  if (proof.queries.length !== params.numQueries) throw bad(`${proof.queries.length} query openings, expected ${params.numQueries}`)

  const t = new Transcript(label)
  bindStatement(t, air, params, logN, shape, publicInputs)
  t.absorbDigest('stark-main', proof.mainRoot)
  const challenges = Array.from({ length: air.numChallenges }, () => t.squeezeExt4('stark-challenge'))
  if (proof.auxRoot) t.absorbDigest('stark-aux', proof.auxRoot)
  const alphas = Array.from({ length: totalConstraints(counts) }, () => t.squeezeExt4('stark-alpha'))
  t.absorbDigest('stark-composition', proof.compositionRoot)
  let z: Ext4
  do z = t.squeezeExt4('stark-ood')
  while (!isValidOodPoint(z, logN, logDomain))
  const gz = extMulBase(z, rootOfUnity(logN))
  t.absorbExt4('stark-ood', [...proof.oodMain, ...proof.oodMainNext, ...proof.oodAux, ...proof.oodAuxNext, ...proof.oodComposition])

  const frame: Frame<Ext4> = {
    main: proof.oodMain,
    next: proof.oodMainNext,
    aux: combineCoordinates(proof.oodAux),
    auxNext: combineCoordinates(proof.oodAuxNext),
  }
  const derived = air.derive(challenges, publicInputs)
  const lhs = combineChunks(proof.oodComposition, z, logDegree)
  const rhs = compositionAt({ air, frame, z, logN, challenges, derived, publicInputs, alphas, counts })
  if (!extEq(lhs, rhs)) throw bad('the composition identity fails at the out-of-domain point')

  const atZ = [...proof.oodMain, ...proof.oodAux, ...proof.oodComposition]
  const atGz = [...proof.oodMainNext, ...proof.oodAuxNext]
  const gammas = powers(t.squeezeExt4('stark-deep'), atZ.length + atGz.length)
  const indices = verifyFri(proof.fri, logDegree, params, t)
  const size = 2 ** logDomain
  const omega = rootOfUnity(logDomain)
  const pairOk = (p: readonly [StarkOpening, StarkOpening] | null | undefined) => Array.isArray(p) && p.length === 2
  indices.forEach((q, k) => {
    const query = proof.queries[k]
    const layer0 = proof.fri.queries[k]?.[0]
    if (query === undefined || layer0 === undefined || !pairOk(query.main) || !pairOk(query.composition) || (aw > 0 ? !pairOk(query.aux) : query.aux !== null))
      throw bad(`query ${k} is missing or malformed`)
    const x = mul(GENERATOR, pow(omega, q))
    for (const side of [0, 1] as const) {
      const index = q + side * (size / 2)
      const m = query.main[side]
      const c = query.composition[side]
      verifyMerkleOpening(proof.mainRoot, { index, row: m.row, path: m.path }, logDomain, mw)
      let auxRow: readonly Base[] = []
      if (proof.auxRoot && query.aux) {
        const a = query.aux[side]
        verifyMerkleOpening(proof.auxRoot, { index, row: a.row, path: a.path }, logDomain, aw)
        auxRow = a.row
      }
      verifyMerkleOpening(proof.compositionRoot, { index, row: c.row, path: c.path }, logDomain, cw)
      const xs = side === 0 ? x : P - x
      const v = deepAt(xs, [...m.row, ...auxRow, ...c.row], atZ, atGz, z, gz, gammas)
      if (!extEq(v, layer0.pair[side])) throw bad(`query ${k}: DEEP value at row ${index} differs from FRI layer 0`)
    }
  })
}

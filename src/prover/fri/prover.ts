import { InvalidProverInputError } from '../../errors/prover.ts'
import type { ProverBackend } from '../backend/types.ts'
import { buildMerkleTree, type Digest, openMerkle } from '../commit/merkle.ts'
import type { Transcript } from '../commit/transcript.ts'
import { type Base, inv, mul, pow } from '../field/babybear.ts'
import { type Ext4, fromBase } from '../field/ext4.ts'
import { intt } from '../field/ntt.ts'
import { FRI_SHIFT, foldLayer, pairRow } from './fold.ts'
import { type FriLayerOpening, type FriParams, type FriProof, friShape } from './params.ts'
import { commitLayersFlat, flatten, unflatten } from './proverFlat.ts'

/**
 * FRI commit and query phases, prover side (Haböck, ePrint 2022/1216; ethSTARK documentation,
 * ePrint 2021/582). Transcript messages, in order (docs/zkvm-stark.md, "FRI"):
 *   absorbBase("fri-params", [logDegree, logBlowup, numQueries, powBits, finalPolyLogDegree]);
 *   for each round r < R: absorbDigest("fri-layer", root_r), β_r = squeezeExt4("fri-beta");
 *   absorbExt4("fri-final", finalPoly); grind(powBits); squeezeIndices("fri-query", numQueries, |D_0|/2).
 * Layer r (values on D_r, see fold.ts) is committed as a Merkle tree over |D_r|/2 rows, row i =
 * (f(x_i), f(−x_i)) = (v[i], v[i + |D_r|/2]) as 8 base elements, so one opening gives both values a
 * fold needs. A query q ∈ [0, |D_0|/2) opens row q mod |D_r|/2 of every layer.
 */

/** Lifts base evaluations (e.g. a `cosetLde` output) to the extension. */
export function liftBase(values: ArrayLike<Base>): Ext4[] {
  return Array.from(values as ArrayLike<number>, (v) => fromBase(v))
}

/** Coefficients (ascending) of the polynomial of degree < m with the given m values on s·⟨ω⟩ (natural order). */
export function interpolateCoset(values: readonly Ext4[], shift: Base): Ext4[] {
  const m = values.length
  const cols = [0, 1, 2, 3].map((k) => {
    const c = Uint32Array.from(values, (v) => v[k] as number)
    intt(c)
    return c
  })
  const sInv = inv(shift)
  const out: Ext4[] = new Array(m)
  let t = 1
  for (let j = 0; j < m; j++) {
    out[j] = [mul(cols[0]?.[j] as Base, t), mul(cols[1]?.[j] as Base, t), mul(cols[2]?.[j] as Base, t), mul(cols[3]?.[j] as Base, t)]
    t = mul(t, sInv)
  }
  return out
}

/**
 * Proves that `values` — f on D_0 = GENERATOR·⟨ω⟩ of size 2^(logDegree + logBlowup), natural order,
 * as produced by `cosetLde(·, logBlowup)` (base values: see {@link liftBase}) — are the evaluations
 * of a polynomial of degree < 2^logDegree. `transcript` must already hold everything the caller
 * committed before FRI; it is advanced exactly as the verifier will replay it.
 * @throws {InvalidProverInputError} if the sizes or parameters are invalid, or (unless
 * `checkDegree` is false, a test-only hook to build proofs for too-high degrees) the final layer is
 * not of degree < 2^finalPolyLogDegree, i.e. deg f ≥ 2^logDegree.
 */
export function proveFri(values: readonly Ext4[], logDegree: number, params: FriParams, transcript: Transcript, checkDegree = true): FriProof {
  const { rounds, logDomain } = startFri(values, logDegree, params, transcript)
  return finishFri(commitLayers(values, rounds, logDomain, transcript), { logDegree, rounds, logDomain }, params, transcript, checkDegree).proof
}

/**
 * {@link proveFri}, also returning the squeezed query indices q ∈ [0, |D_0|/2) (query k opens the
 * layer-0 pair (f(x_q), f(x_{q+|D_0|/2}))), so a caller such as the STARK prover can open its own
 * commitments at the same positions.
 */
export async function proveFriIndexed(
  values: readonly Ext4[] | Uint32Array,
  logDegree: number,
  params: FriParams,
  transcript: Transcript,
  checkDegree = true,
  backend?: ProverBackend,
): Promise<{ proof: FriProof; indices: number[] }> {
  const { rounds, logDomain } = startFri(values, logDegree, params, transcript)
  // With a backend: flat layers, backend folds and Merkle trees (the same roots and openings).
  const committed = backend
    ? await commitLayersFlat(backend, flatten(values), rounds, logDomain, transcript)
    : commitLayers(values instanceof Uint32Array ? unflatten(values) : values, rounds, logDomain, transcript)
  return finishFri(committed, { logDegree, rounds, logDomain }, params, transcript, checkDegree)
}

/** Checks the input size and absorbs the parameters. */
function startFri(values: readonly Ext4[] | Uint32Array, logDegree: number, params: FriParams, transcript: Transcript) {
  const { rounds, logDomain } = friShape(params, logDegree)
  const count = values instanceof Uint32Array ? values.length / 4 : values.length
  if (count !== 2 ** logDomain) {
    throw new InvalidProverInputError({ what: 'FRI input', reason: `${count} values, expected 2^${logDomain}` })
  }
  transcript.absorbBase('fri-params', [logDegree, params.logBlowup, params.numQueries, params.powBits, params.finalPolyLogDegree])
  return { rounds, logDomain }
}

/** Final polynomial, proof of work and query openings after the commit phase. */
function finishFri(
  { layers, current }: { layers: Layer[]; current: Ext4[] },
  { logDegree, rounds, logDomain }: { logDegree: number; rounds: number; logDomain: number },
  params: FriParams,
  transcript: Transcript,
  checkDegree: boolean,
): { proof: FriProof; indices: number[] } {
  const all = interpolateCoset(current, pow(FRI_SHIFT, 2 ** rounds))
  const d = 2 ** params.finalPolyLogDegree
  if (checkDegree && all.slice(d).some((c) => c.some((x) => x !== 0))) {
    throw new InvalidProverInputError({ what: 'FRI input', reason: `not of degree < 2^${logDegree}` })
  }
  const finalPoly = all.slice(0, d)
  transcript.absorbExt4('fri-final', finalPoly)
  const powNonce = transcript.grind(params.powBits)
  const indices = transcript.squeezeIndices('fri-query', params.numQueries, 2 ** (logDomain - 1))
  const queries = indices.map((q) => layers.map((layer) => layer.open(q)))
  return { proof: { layerRoots: layers.map((l) => l.root), finalPoly, powNonce, queries }, indices }
}

/** A committed FRI layer: its root and its opening at a query q (row q mod |D_r|/2). */
export type Layer = { readonly root: Digest; open(q: number): FriLayerOpening }

/** The reference commit phase: rows as arrays, TypeScript Merkle trees and folds. */
function commitLayers(values: readonly Ext4[], rounds: number, logDomain: number, transcript: Transcript): { layers: Layer[]; current: Ext4[] } {
  const layers: Layer[] = []
  let current = values
  for (let r = 0; r < rounds; r++) {
    const half = current.length / 2
    const rows = Array.from({ length: half }, (_, i) => pairRow(current[i] as Ext4, current[i + half] as Ext4))
    const tree = buildMerkleTree(rows)
    layers.push({
      root: tree.root,
      open: (q) => {
        const o = openMerkle(tree, rows, q % rows.length)
        return { pair: [o.row.slice(0, 4) as unknown as Ext4, o.row.slice(4, 8) as unknown as Ext4], path: o.path }
      },
    })
    transcript.absorbDigest('fri-layer', tree.root)
    const beta = transcript.squeezeExt4('fri-beta')
    current = foldLayer(current, beta, logDomain, r)
  }
  return { layers, current: current as Ext4[] }
}

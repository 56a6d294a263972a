import { InvalidStarkProofError } from '../../errors/prover.ts'
import type { ProverBackend } from '../backend/types.ts'
import { type Base, batchInv, GENERATOR, inv, mul, pow, rootOfUnity, sub } from '../field/babybear.ts'
import { EXT_ONE, EXT_ZERO, type Ext4, extAdd, extInv, extMul, extMulBase, extPow, extSub, fromBase } from '../field/ext4.ts'
import { type Air, type ConstraintCounts, type ConstraintValues, EXT_OPS, type Frame } from './air.ts'

/**
 * The DEEP-ALI composition polynomial (ethSTARK documentation, ePrint 2021/582, §5.1–5.2, "ALI"),
 * with g = rootOfUnity(log n), Z(x) = x^n − 1 and α_j the transcript challenges in the order
 * transition, row, first, last:
 *   H(x) = Σ α·C_trans(x)·(x − g^{n−1})/Z(x) + Σ α·C_row(x)/Z(x) + Σ α·C_first(x)/(x − 1)
 *        + Σ α·C_last(x)/(x − g^{n−1}).
 * H is committed as K chunks of degree < D = 2^logDegree, H(x) = Σ_k x^{k·D}·H_k(x), each chunk as
 * its 4 base coordinate columns (H_k = Σ_j X^j·H_{k,j}, X the generator of F_p^4 over F_p).
 */

/** X^j·v in F_p^4 = F_p[X]/(X^4 − 11), j ∈ [0, 4). */
function shiftBasis(v: Ext4, j: number): Ext4 {
  const basis: Ext4 = [j === 0 ? 1 : 0, j === 1 ? 1 : 0, j === 2 ? 1 : 0, j === 3 ? 1 : 0]
  return extMul(v, basis)
}

/** Σ_j X^j·coords[4e + j] for each ext column e: ext values from the ext values of their coordinate columns. */
export function combineCoordinates(coords: readonly Ext4[]): Ext4[] {
  const out: Ext4[] = []
  for (let e = 0; e < coords.length / 4; e++) {
    let acc = EXT_ZERO
    for (let j = 0; j < 4; j++) acc = extAdd(acc, shiftBasis(coords[4 * e + j] as Ext4, j))
    out.push(acc)
  }
  return out
}

function checkCounts(v: ConstraintValues<unknown>, c: ConstraintCounts): void {
  if (v.transition.length !== c.transition || v.row.length !== c.row || v.first.length !== c.first || v.last.length !== c.last)
    throw new InvalidStarkProofError({ reason: 'the AIR returned a constraint count other than it declared' })
}

function combine(values: readonly Ext4[], alphas: readonly Ext4[], offset: number): Ext4 {
  let acc = EXT_ZERO
  for (let j = 0; j < values.length; j++) {
    const v = values[j] as Ext4
    const a = alphas[offset + j] as Ext4
    acc = extAdd(acc, v[1] === 0 && v[2] === 0 && v[3] === 0 ? extMulBase(a, v[0]) : extMul(a, v))
  }
  return acc
}

export type CompositionInput = {
  readonly air: Air
  readonly main: readonly Uint32Array[]
  readonly aux: readonly Uint32Array[]
  readonly logN: number
  readonly logDomain: number
  readonly challenges: readonly Ext4[]
  readonly derived: readonly Ext4[]
  readonly publicInputs: readonly Base[]
  readonly alphas: readonly Ext4[]
  readonly counts: ConstraintCounts
}

/**
 * Evaluations of H on the LDE coset GENERATOR·⟨ω_N⟩ (natural order) from the main and aux LDE
 * columns, as 4 coordinate columns of length N. The generic (TypeScript, F_p^4) evaluator.
 */
export function compositionOnDomain(c: CompositionInput): Uint32Array[] {
  const n = 2 ** c.logN
  const size = 2 ** c.logDomain
  const step = size / n
  const gLast = pow(rootOfUnity(c.logN), n - 1)
  const w = rootOfUnity(c.logDomain)
  const xs = new Uint32Array(size)
  let x = GENERATOR
  for (let i = 0; i < size; i++) {
    xs[i] = x
    x = mul(x, w)
  }
  // x^n − 1 repeats with period N/n; invert one period.
  const zInv = batchInv(Array.from({ length: step }, (_, i) => sub(pow(xs[i] as Base, n), 1)))
  const firstInv = c.counts.first > 0 ? batchInv(Array.from(xs, (xi) => sub(xi, 1))) : []
  const lastInv = c.counts.last > 0 ? batchInv(Array.from(xs, (xi) => sub(xi, gLast))) : []
  const out = [0, 1, 2, 3].map(() => new Uint32Array(size))
  const { transition: t, row: r, first: f } = c.counts
  const mw = c.main.length
  const aw = c.aux.length / 4
  const fast = c.air.evaluateAtBasePoint?.bind(c.air)
  const mainB: Base[] = new Array(mw)
  const nextB: Base[] = new Array(mw)
  const main: Ext4[] = new Array(mw)
  const next: Ext4[] = new Array(mw)
  const aux: Ext4[] = new Array(aw)
  const auxNext: Ext4[] = new Array(aw)
  const frame: Frame<Ext4> = { main, next, aux, auxNext }
  const auxAt = (i: number, e: number): Ext4 => [
    (c.aux[4 * e] as Uint32Array)[i] as Base,
    (c.aux[4 * e + 1] as Uint32Array)[i] as Base,
    (c.aux[4 * e + 2] as Uint32Array)[i] as Base,
    (c.aux[4 * e + 3] as Uint32Array)[i] as Base,
  ]
  for (let i = 0; i < size; i++) {
    const j = (i + step) % size
    for (let e = 0; e < aw; e++) {
      aux[e] = auxAt(i, e)
      auxNext[e] = auxAt(j, e)
    }
    let v: ConstraintValues<Ext4>
    if (fast) {
      for (let k = 0; k < mw; k++) {
        mainB[k] = (c.main[k] as Uint32Array)[i] as Base
        nextB[k] = (c.main[k] as Uint32Array)[j] as Base
      }
      v = fast({ main: mainB, next: nextB, aux, auxNext }, c.challenges, c.derived, c.publicInputs)
    } else {
      for (let k = 0; k < mw; k++) {
        main[k] = fromBase((c.main[k] as Uint32Array)[i] as Base)
        next[k] = fromBase((c.main[k] as Uint32Array)[j] as Base)
      }
      v = c.air.evaluate(EXT_OPS, frame, c.challenges, c.derived, c.publicInputs)
    }
    if (i === 0) checkCounts(v, c.counts)
    const zi = zInv[i % step] as Base
    let acc = extMulBase(combine(v.transition, c.alphas, 0), mul(zi, sub(xs[i] as Base, gLast)))
    acc = extAdd(acc, extMulBase(combine(v.row, c.alphas, t), zi))
    if (f > 0) acc = extAdd(acc, extMulBase(combine(v.first, c.alphas, t + r), firstInv[i] as Base))
    if (v.last.length > 0) acc = extAdd(acc, extMulBase(combine(v.last, c.alphas, t + r + f), lastInv[i] as Base))
    for (let k = 0; k < 4; k++) (out[k] as Uint32Array)[i] = acc[k] as Base
  }
  return out
}

/** H(z) from the claimed values at z and g·z (the verifier's side of the identity). */
export function compositionAt(c: Omit<CompositionInput, 'main' | 'aux' | 'logDomain'> & { frame: Frame<Ext4>; z: Ext4 }): Ext4 {
  const n = 2 ** c.logN
  const gLast = fromBase(pow(rootOfUnity(c.logN), n - 1))
  const zn1 = extSub(extPow(c.z, n), EXT_ONE)
  const zInv = extInv(zn1)
  const v = c.air.evaluate(EXT_OPS, c.frame, c.challenges, c.derived, c.publicInputs)
  checkCounts(v, c.counts)
  const { transition: t, row: r, first: f } = c.counts
  let acc = extMul(combine(v.transition, c.alphas, 0), extMul(zInv, extSub(c.z, gLast)))
  acc = extAdd(acc, extMul(combine(v.row, c.alphas, t), zInv))
  if (f > 0) acc = extAdd(acc, extMul(combine(v.first, c.alphas, t + r), extInv(extSub(c.z, EXT_ONE))))
  if (v.last.length > 0) acc = extAdd(acc, extMul(combine(v.last, c.alphas, t + r + f), extInv(extSub(c.z, gLast))))
  return acc
}

/** Σ_k z^{k·D}·H_k(z), H_k(z) from its 4 coordinate values (combineCoordinates). */
export function combineChunks(coordsAtZ: readonly Ext4[], z: Ext4, logDegree: number): Ext4 {
  const chunks = combineCoordinates(coordsAtZ)
  const zd = extPow(z, 2 ** logDegree)
  let acc = EXT_ZERO
  for (let k = chunks.length - 1; k >= 0; k--) acc = extAdd(extMul(acc, zd), chunks[k] as Ext4)
  return acc
}

/**
 * Splits H (4 coordinate columns on the coset GENERATOR·⟨ω_N⟩) into K chunks of D = 2^logDegree
 * coefficients and returns, per chunk k and coordinate j (column 4k + j), its coefficients and its
 * evaluations on the coset. Coefficients of degree ≥ K·D are dropped without a check (an honest H
 * has none; a dishonest one then fails the identity at z).
 */
export async function splitComposition(
  backend: ProverBackend,
  h: readonly Uint32Array[],
  logDegree: number,
  chunks: number,
  logDomain: number,
): Promise<{ coeffs: Uint32Array[]; evals: Uint32Array[] }> {
  const d = 2 ** logDegree
  const all = await backend.interpolate(h)
  // Coefficients of H(s·X) → of H(X): divide coefficient m by s^m.
  const sInv = inv(GENERATOR)
  const size = 2 ** logDomain
  const scale = new Uint32Array(chunks * d)
  let t = 1
  for (let m = 0; m < chunks * d && m < size; m++) {
    scale[m] = t
    t = mul(t, sInv)
  }
  const coeffs: Uint32Array[] = []
  const mulF = mul // bound once: no live-binding lookup per coefficient under tsx
  for (let k = 0; k < chunks; k++)
    for (let j = 0; j < 4; j++) {
      const col = new Uint32Array(d)
      const src = all[j] as Uint32Array
      for (let m = 0; m < d; m++) col[m] = mulF(src[k * d + m] as Base, scale[k * d + m] as Base)
      coeffs.push(col)
    }
  return { coeffs, evals: await backend.evaluateOnCoset(coeffs, logDomain - logDegree) }
}

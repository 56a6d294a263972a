import { InvalidStarkProofError } from '../../errors/prover.ts'
import { type Base, batchInv, GENERATOR, mul, pow, rootOfUnity, sub } from '../field/babybear.ts'
import { EXT_ONE, EXT_ZERO, type Ext4, extAdd, extInv, extMul, extMulBase, extPow, extSub, fromBase } from '../field/ext4.ts'
import { ntt } from '../field/ntt.ts'
import { interpolateCoset } from '../fri/prover.ts'
import { type Air, BASE_OPS, type BoundaryConstraint, EXT_OPS } from './air.ts'

/**
 * The DEEP-ALI composition polynomial (ethSTARK documentation, ePrint 2021/582, §5.1–5.2, "ALI"):
 *   H(x) = Σ_j α_j·C_j(T(x), T(g·x)) / Z_T(x) + Σ_b α_{t+b}·(T_{col_b}(x) − v_b) / (x − g^{row_b}),
 * Z_T(x) = (x^n − 1)/(x − g^{n−1}) (the transition constraints hold on every row but the last),
 * g = rootOfUnity(log n). H is committed as K chunks of degree < D = 2^logDegree:
 * H(x) = Σ_k x^{k·D}·H_k(x).
 */

/** Evaluations of H on the LDE coset GENERATOR·⟨ω_N⟩ (natural order) from the trace LDE columns. */
export function compositionOnDomain(
  air: Air,
  lde: readonly Uint32Array[],
  logN: number,
  logDomain: number,
  boundary: readonly BoundaryConstraint[],
  alphas: readonly Ext4[],
): Ext4[] {
  const n = 2 ** logN
  const size = 2 ** logDomain
  const step = size / n
  const g = rootOfUnity(logN)
  const gLast = pow(g, n - 1)
  const w = rootOfUnity(logDomain)
  const xs: Base[] = new Array(size)
  let x = GENERATOR
  for (let i = 0; i < size; i++) {
    xs[i] = x
    x = mul(x, w)
  }
  const zInv = batchInv(xs.map((xi) => sub(pow(xi, n), 1)))
  const bInv = boundary.map((b) => batchInv(xs.map((xi) => sub(xi, pow(g, b.row)))))
  const t = air.numTransitionConstraints
  const out: Ext4[] = new Array(size)
  for (let i = 0; i < size; i++) {
    const cur = lde.map((c) => c[i] as Base)
    const next = lde.map((c) => c[(i + step) % size] as Base)
    const cs = air.transition(BASE_OPS, cur, next)
    const zt = mul(zInv[i] as Base, sub(xs[i] as Base, gLast))
    let acc = EXT_ZERO
    for (let j = 0; j < t; j++) acc = extAdd(acc, extMulBase(alphas[j] as Ext4, mul(cs[j] as Base, zt)))
    boundary.forEach((b, k) => {
      const q = mul(sub(cur[b.column] as Base, b.value), (bInv[k] as Base[])[i] as Base)
      acc = extAdd(acc, extMulBase(alphas[t + k] as Ext4, q))
    })
    out[i] = acc
  }
  return out
}

/** H(z) from the claimed T(z), T(g·z); the verifier's side of the identity. */
export function compositionAt(
  air: Air,
  oodTrace: readonly Ext4[],
  oodNext: readonly Ext4[],
  z: Ext4,
  logN: number,
  boundary: readonly BoundaryConstraint[],
  alphas: readonly Ext4[],
): Ext4 {
  const n = 2 ** logN
  const g = rootOfUnity(logN)
  const zt = extMul(extSub(z, fromBase(pow(g, n - 1))), extInv(extSub(extPow(z, n), EXT_ONE)))
  const cs = air.transition(EXT_OPS, oodTrace, oodNext)
  if (cs.length !== air.numTransitionConstraints) throw new InvalidStarkProofError({ reason: `the AIR returned ${cs.length} transition values` })
  let acc = EXT_ZERO
  cs.forEach((c, j) => {
    acc = extAdd(acc, extMul(alphas[j] as Ext4, extMul(c, zt)))
  })
  const t = air.numTransitionConstraints
  boundary.forEach((b, k) => {
    const q = extMul(extSub(oodTrace[b.column] as Ext4, fromBase(b.value)), extInv(extSub(z, fromBase(pow(g, b.row)))))
    acc = extAdd(acc, extMul(alphas[t + k] as Ext4, q))
  })
  return acc
}

/** Σ_k z^{k·D}·H_k(z). */
export function combineChunks(chunksAtZ: readonly Ext4[], z: Ext4, logDegree: number): Ext4 {
  const zd = extPow(z, 2 ** logDegree)
  let acc = EXT_ZERO
  for (let k = chunksAtZ.length - 1; k >= 0; k--) acc = extAdd(extMul(acc, zd), chunksAtZ[k] as Ext4)
  return acc
}

/** Σ_j coeffs[j]·z^j for extension coefficients (Horner). */
export function evalExtCoeffs(coeffs: readonly Ext4[], z: Ext4): Ext4 {
  let acc = EXT_ZERO
  for (let j = coeffs.length - 1; j >= 0; j--) acc = extAdd(extMul(acc, z), coeffs[j] as Ext4)
  return acc
}

/** Evaluations on GENERATOR·⟨ω_N⟩ (natural order) of the polynomial with extension coefficients (≤ N of them). */
export function evalOnCoset(coeffs: readonly Ext4[], logDomain: number): Ext4[] {
  const size = 2 ** logDomain
  const cols = [0, 1, 2, 3].map((k) => {
    const a = new Uint32Array(size)
    let s = 1
    for (let j = 0; j < coeffs.length; j++) {
      a[j] = mul((coeffs[j] as Ext4)[k] as Base, s)
      s = mul(s, GENERATOR)
    }
    ntt(a)
    return a
  })
  return Array.from({ length: size }, (_, i): Ext4 => [cols[0]?.[i] ?? 0, cols[1]?.[i] ?? 0, cols[2]?.[i] ?? 0, cols[3]?.[i] ?? 0])
}

/**
 * Splits H (given on the coset) into K chunks of D = 2^logDegree coefficients: returns each chunk's
 * coefficients and its evaluations on the coset. Coefficients of degree ≥ K·D are dropped without a
 * check (an honest H has none; a dishonest one then fails the identity at z).
 */
export function splitComposition(values: readonly Ext4[], logDegree: number, chunks: number, logDomain: number): { coeffs: Ext4[][]; evals: Ext4[][] } {
  const all = interpolateCoset(values, GENERATOR)
  const d = 2 ** logDegree
  const coeffs = Array.from({ length: chunks }, (_, k) => all.slice(k * d, (k + 1) * d))
  return { coeffs, evals: coeffs.map((c) => evalOnCoset(c, logDomain)) }
}

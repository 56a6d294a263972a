import { type Base, batchInv, GENERATOR, inv, mul, pow, rootOfUnity } from '../field/babybear.ts'
import { EXT_ZERO, type Ext4, extAdd, extMul, extMulBase, extSub } from '../field/ext4.ts'

/**
 * FRI evaluation domains and the binary fold (Haböck, "A summary on the FRI low degree test", ePrint
 * 2022/1216: f = f_e(x^2) + x·f_o(x^2) ↦ f' = f_e + β·f_o).
 *
 * Layer r of a FRI instance over 2^logDomain points is evaluated on the coset
 * D_r = s^(2^r) · ⟨ω_r⟩, ω_r = rootOfUnity(logDomain − r), s = GENERATOR (the LDE shift of
 * `cosetLde`), in natural order: point i is s^(2^r)·ω_r^i, i ∈ [0, 2^(logDomain−r)). Points i and
 * i + |D_r|/2 are x and −x, and both square to point i of D_{r+1}.
 */
export const FRI_SHIFT: Base = GENERATOR

/** The i-th point of layer r: s^(2^r)·ω_r^i. */
export function layerPoint(logDomain: number, r: number, i: number): Base {
  return mul(pow(FRI_SHIFT, 2 ** r), pow(rootOfUnity(logDomain - r), i))
}

/**
 * f'(x^2) = (f(x) + f(−x))/2 + β·(f(x) − f(−x))/(2x), given lo = f(x), hi = f(−x) and inv2x = (2x)^(−1).
 * Equals f_e(x^2) + β·f_o(x^2) for f = f_e(X^2) + X·f_o(X^2).
 */
export function foldPair(lo: Ext4, hi: Ext4, beta: Ext4, inv2x: Base): Ext4 {
  const even = extMulBase(extAdd(lo, hi), INV2)
  const odd = extMulBase(extSub(lo, hi), inv2x)
  return extAdd(even, extMul(beta, odd))
}
const INV2: Base = inv(2)

/**
 * Folds a whole layer. Input: values on D_r (length m = 2^(logDomain−r)); output: values on D_{r+1}
 * (length m/2), out[i] = foldPair(f[i], f[i + m/2], β, (2·x_i)^(−1)).
 */
export function foldLayer(values: readonly Ext4[], beta: Ext4, logDomain: number, r: number): Ext4[] {
  const half = values.length / 2
  const x0 = pow(FRI_SHIFT, 2 ** r)
  const w = rootOfUnity(logDomain - r)
  const twoX: Base[] = new Array(half)
  let x = mul(2, x0)
  for (let i = 0; i < half; i++) {
    twoX[i] = x
    x = mul(x, w)
  }
  const inv2x = batchInv(twoX)
  const out: Ext4[] = new Array(half)
  for (let i = 0; i < half; i++) out[i] = foldPair(values[i] as Ext4, values[i + half] as Ext4, beta, inv2x[i] as Base)
  return out
}

/** Σ_j coeffs[j]·y^j at a base point y (Horner). */
export function evalExtPolyAtBase(coeffs: readonly Ext4[], y: Base): Ext4 {
  let acc = EXT_ZERO
  for (let j = coeffs.length - 1; j >= 0; j--) acc = extAdd(extMulBase(acc, y), coeffs[j] as Ext4)
  return acc
}

/** The Merkle row of a sibling pair: the 4 coefficients of f(x), then those of f(−x) (width 8). */
export function pairRow(lo: Ext4, hi: Ext4): Base[] {
  return [...lo, ...hi]
}

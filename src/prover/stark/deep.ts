import type { Transcript } from '../commit/transcript.ts'
import { type Base, GENERATOR, inv } from '../field/babybear.ts'
import { EXT_ONE, EXT_ZERO, type Ext4, extAdd, extEq, extInv, extMul, extMulBase, extPow, extSub, fromBase } from '../field/ext4.ts'

/**
 * The out-of-domain point and the DEEP quotient (ethSTARK documentation, ePrint 2021/582, §5.3,
 * "DEEP": Domain Extension for Eliminating Pretenders). With γ the transcript challenge and w the
 * trace width, K the chunk count:
 *   DEEP(x) = [Σ_{i<w} γ^i·(T_i(x) − T_i(z)) + Σ_{k<K} γ^{2w+k}·(H_k(x) − H_k(z))] / (x − z)
 *           + [Σ_{i<w} γ^{w+i}·(T_i(x) − T_i(g·z))] / (x − g·z).
 * If the claimed values are correct it has degree < D (each numerator vanishes at its point); FRI
 * proves that.
 */

/** True iff z is usable: z^n ≠ 1 (not in the trace domain) and (z/GENERATOR)^N ≠ 1 (not on the LDE coset, so x − z and x − g·z never vanish there). */
export function isValidOodPoint(z: Ext4, logN: number, logDomain: number): boolean {
  if (extEq(extPow(z, 2 ** logN), EXT_ONE)) return false
  return !extEq(extPow(extMulBase(z, inv(GENERATOR)), 2 ** logDomain), EXT_ONE)
}

/** z = squeezeExt4("stark-ood"), repeated until {@link isValidOodPoint} (probability of a repeat ≈ N/p^4). */
export function sampleOod(t: Transcript, logN: number, logDomain: number): Ext4 {
  for (;;) {
    const z = t.squeezeExt4('stark-ood')
    if (isValidOodPoint(z, logN, logDomain)) return z
  }
}

/** γ^0, γ^1, …, γ^(count−1). */
export function powers(gamma: Ext4, count: number): Ext4[] {
  const out: Ext4[] = []
  let p = EXT_ONE
  for (let i = 0; i < count; i++) {
    out.push(p)
    p = extMul(p, gamma)
  }
  return out
}

/**
 * DEEP(x) at one LDE point from the committed base values there (`values`: main, aux, composition
 * columns, in that order), their claimed values at z (`atZ`, same order) and at g·z (`atGz`, main and
 * aux only), with γ^i weighting column i at z and γ^(W+i) column i at g·z (W = values.length):
 *   Σ_i γ^i·(c_i(x) − c_i(z))/(x − z) + Σ_{i < |atGz|} γ^(W+i)·(c_i(x) − c_i(g·z))/(x − g·z).
 */
export function deepAt(x: Base, values: readonly Base[], atZ: readonly Ext4[], atGz: readonly Ext4[], z: Ext4, gz: Ext4, gammas: readonly Ext4[]): Ext4 {
  const w = values.length
  let sumZ = EXT_ZERO
  let sumG = EXT_ZERO
  for (let i = 0; i < w; i++) {
    const v = fromBase(values[i] as Base)
    sumZ = extAdd(sumZ, extMul(gammas[i] as Ext4, extSub(v, atZ[i] as Ext4)))
    if (i < atGz.length) sumG = extAdd(sumG, extMul(gammas[w + i] as Ext4, extSub(v, atGz[i] as Ext4)))
  }
  const xe = fromBase(x)
  return extAdd(extMul(sumZ, extInv(extSub(xe, z))), extMul(sumG, extInv(extSub(xe, gz))))
}

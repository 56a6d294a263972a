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

export type OodValues = { readonly trace: readonly Ext4[]; readonly next: readonly Ext4[]; readonly composition: readonly Ext4[] }

/**
 * DEEP(x) at one LDE point x from the trace row and the composition chunks at x (`comp`: K
 * extension values), given z, g·z and γ powers (length 2w + K).
 */
export function deepAt(x: Base, traceRow: readonly Base[], comp: readonly Ext4[], ood: OodValues, z: Ext4, gz: Ext4, gammas: readonly Ext4[]): Ext4 {
  const w = traceRow.length
  let atZ = EXT_ZERO
  let atGz = EXT_ZERO
  for (let i = 0; i < w; i++) {
    const t = fromBase(traceRow[i] as Base)
    atZ = extAdd(atZ, extMul(gammas[i] as Ext4, extSub(t, ood.trace[i] as Ext4)))
    atGz = extAdd(atGz, extMul(gammas[w + i] as Ext4, extSub(t, ood.next[i] as Ext4)))
  }
  comp.forEach((h, k) => {
    atZ = extAdd(atZ, extMul(gammas[2 * w + k] as Ext4, extSub(h, ood.composition[k] as Ext4)))
  })
  const xe = fromBase(x)
  return extAdd(extMul(atZ, extInv(extSub(xe, z))), extMul(atGz, extInv(extSub(xe, gz))))
}

/** The K extension values of a composition Merkle row (4 base elements each). */
export function compRowValues(row: readonly Base[]): Ext4[] {
  return Array.from({ length: row.length / 4 }, (_, k) => row.slice(4 * k, 4 * k + 4) as unknown as Ext4)
}

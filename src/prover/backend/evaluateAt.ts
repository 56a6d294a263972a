import { type Base, mul, P } from '../field/babybear.ts'
import { type Ext4, extMul } from '../field/ext4.ts'
import type { Columns } from './types.ts'

/**
 * Σ_j c_j·z^j for many coefficient columns at a few points, with the powers of each point computed
 * once (4 base multiplications per coefficient instead of Horner's 16). Same results as
 * `evalCoeffsAt` (exact field arithmetic).
 */
export function evaluateAtPowers(coeffs: Columns, points: readonly Ext4[]): Ext4[][] {
  const len = coeffs.reduce((m, c) => Math.max(m, c.length), 0)
  return points.map((z) => {
    const pw = [new Uint32Array(len), new Uint32Array(len), new Uint32Array(len), new Uint32Array(len)] as const
    let x: Ext4 = [1, 0, 0, 0]
    for (let j = 0; j < len; j++) {
      for (let k = 0; k < 4; k++) (pw[k] as Uint32Array)[j] = x[k] as Base
      x = extMul(x, z)
    }
    return coeffs.map((c) => {
      const acc = [0, 0, 0, 0]
      for (let k = 0; k < 4; k++) {
        const w = pw[k] as Uint32Array
        let s = 0
        for (let j = 0; j < c.length; j++) {
          s += mul(c[j] as Base, w[j] as Base)
          if (s >= 2 ** 52) s %= P
        }
        acc[k] = s % P
      }
      return acc as unknown as Ext4
    })
  })
}

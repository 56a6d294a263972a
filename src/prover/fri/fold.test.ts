import { describe, expect, it } from 'vitest'
import { rng } from '../../test/fri.ts'
import { pow } from '../field/babybear.ts'
import { type Ext4, extAdd, extMul } from '../field/ext4.ts'
import { evalExtPolyAtBase, FRI_SHIFT, foldLayer, layerPoint } from './fold.ts'
import { interpolateCoset } from './prover.ts'

describe('FRI fold', () => {
  it('maps f = f_e(X^2) + X·f_o(X^2) to f_e + β·f_o (Haböck, ePrint 2022/1216)', () => {
    const next = rng(7)
    const ext = (): Ext4 => [next(), next(), next(), next()]
    const logDomain = 6
    const coeffs = Array.from({ length: 16 }, ext)
    const values = Array.from({ length: 64 }, (_, i) => evalExtPolyAtBase(coeffs, layerPoint(logDomain, 0, i)))
    expect(interpolateCoset(values, FRI_SHIFT).slice(0, 16)).toEqual(coeffs)
    const beta = ext()
    const folded = foldLayer(values, beta, logDomain, 0)
    const expected = Array.from({ length: 8 }, (_, j) => extAdd(coeffs[2 * j] as Ext4, extMul(beta, coeffs[2 * j + 1] as Ext4)))
    const got = interpolateCoset(folded, pow(FRI_SHIFT, 2))
    expect(got.slice(0, 8)).toEqual(expected)
    expect(got.slice(8).every((c) => c.every((x) => x === 0))).toBe(true)
  })

  it('points i and i + |D_r|/2 are x and −x, and both square to point i of D_{r+1}', () => {
    for (const r of [0, 1, 3]) {
      const half = 2 ** (6 - r - 1)
      for (const i of [0, 1, half - 1]) {
        const x = layerPoint(6, r, i)
        expect(layerPoint(6, r, i + half)).toBe((2013265921 - x) % 2013265921)
        expect(pow(x, 2)).toBe(layerPoint(6, r + 1, i))
      }
    }
  })
})

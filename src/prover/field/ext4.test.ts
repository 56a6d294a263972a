import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FieldDivisionByZeroError, NonCanonicalFieldElementError } from '../../errors/prover.ts'
import { mul, P, pow } from './babybear.ts'
import { decodeExt4, EXT_ONE, EXT_ZERO, type Ext4, encodeExt4, extAdd, extInv, extMul, extNorm, extPow, extSub, fromBase, W } from './ext4.ts'

const p = BigInt(P)
const base = fc.integer({ min: 0, max: P - 1 })
const ext = fc.tuple(base, base, base, base) as fc.Arbitrary<Ext4>
const nonzero = ext.filter((a) => a.some((c) => c !== 0))

/** Independent BigInt reference: polynomial product mod (x^4 − 11, p). */
function refMul(a: Ext4, b: Ext4): Ext4 {
  const c = new Array<bigint>(7).fill(0n)
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) c[i + j] = (c[i + j] as bigint) + BigInt(a[i] as number) * BigInt(b[j] as number)
  for (let k = 6; k >= 4; k--) c[k - 4] = (c[k - 4] as bigint) + BigInt(W) * (c[k] as bigint)
  return [0, 1, 2, 3].map((i) => Number((c[i] as bigint) % p)) as unknown as Ext4
}

describe('BabyBear^4 = F_p[x]/(x^4 − 11)', () => {
  it('x^4 − 11 is irreducible: 11 is a non-square, p ≡ 1 mod 4, and x^(p^4) = x ≠ x^(p^2)', () => {
    expect(pow(W, (P - 1) / 2)).toBe(P - 1)
    expect(P % 4).toBe(1)
    const x: Ext4 = [0, 1, 0, 0]
    expect(extPow(x, p ** 4n)).toEqual(x)
    expect(extPow(x, p ** 2n)).not.toEqual(x)
  })

  it('mul agrees with a BigInt polynomial reference; add/sub are inverse', () => {
    fc.assert(
      fc.property(ext, ext, (a, b) => {
        expect(extMul(a, b)).toEqual(refMul(a, b))
        expect(extSub(extAdd(a, b), b)).toEqual(a)
      }),
      { numRuns: 2000 },
    )
  })

  it('inverse multiplies back to 1; inv(0) throws a typed error', () => {
    fc.assert(
      fc.property(nonzero, (a) => {
        expect(extMul(a, extInv(a))).toEqual(EXT_ONE)
      }),
      { numRuns: 2000 },
    )
    expect(() => extInv(EXT_ZERO)).toThrow(FieldDivisionByZeroError)
  })

  it('the norm is a^(1+p+p^2+p^3), multiplicative, and restricts to a ↦ a^4 on F_p', () => {
    fc.assert(
      fc.property(nonzero, nonzero, (a, b) => {
        expect(extNorm(extMul(a, b))).toBe(mul(extNorm(a), extNorm(b)))
      }),
    )
    fc.assert(
      fc.property(nonzero, (a) => {
        expect(extPow(a, 1n + p + p ** 2n + p ** 3n)).toEqual(fromBase(extNorm(a)))
      }),
      { numRuns: 20 },
    )
    fc.assert(
      fc.property(base, (a) => {
        expect(extNorm(fromBase(a))).toBe(pow(a, 4))
      }),
    )
  })

  it('the embedding is a ring homomorphism', () => {
    fc.assert(
      fc.property(base, base, (a, b) => {
        expect(extMul(fromBase(a), fromBase(b))).toEqual(fromBase(mul(a, b)))
      }),
    )
  })

  it('encodes 16 bytes (c0..c3, 4 bytes LE each) and rejects non-canonical bytes', () => {
    expect([...encodeExt4([[1, 2, 3, P - 1]])]).toEqual([1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0x78])
    fc.assert(
      fc.property(ext, (a) => {
        expect(decodeExt4(encodeExt4([a]))).toEqual(a)
      }),
    )
    const bad = encodeExt4([[1, 2, 3, 4]])
    bad.set([1, 0, 0, 0x78], 8)
    expect(() => decodeExt4(bad)).toThrow(NonCanonicalFieldElementError)
    expect(() => decodeExt4(new Uint8Array(15))).toThrow(NonCanonicalFieldElementError)
  })
})

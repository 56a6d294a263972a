import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FieldDivisionByZeroError, NonCanonicalFieldElementError } from '../../errors/prover.ts'
import { add, batchInv, decodeBase, encodeBase, GENERATOR, inv, mul, neg, P, pow, rootOfUnity, sub, TWO_ADICITY, toBase } from './babybear.ts'

const p = BigInt(P)
const elem = fc.oneof(fc.integer({ min: 0, max: P - 1 }), fc.constantFrom(0, 1, 2, P - 1, P - 2, 65535, 65536, 2 ** 30, P - 65536))

describe('BabyBear', () => {
  it('p = 15·2^27 + 1', () => expect(P).toBe(15 * 2 ** 27 + 1))

  it('add, sub, mul, neg agree with BigInt for all inputs', () => {
    fc.assert(
      fc.property(elem, elem, (a, b) => {
        expect(add(a, b)).toBe(Number((BigInt(a) + BigInt(b)) % p))
        expect(sub(a, b)).toBe(Number((((BigInt(a) - BigInt(b)) % p) + p) % p))
        expect(mul(a, b)).toBe(Number((BigInt(a) * BigInt(b)) % p))
        expect(add(a, neg(a))).toBe(0)
      }),
      { numRuns: 5000 },
    )
  })

  it('mul is exact at the extremes', () => {
    expect(mul(P - 1, P - 1)).toBe(1)
    expect(mul(P - 1, P - 2)).toBe(2)
  })

  it('pow and inv agree with BigInt; inv(0) throws a typed error', () => {
    fc.assert(
      fc.property(elem, fc.integer({ min: 0, max: 2 ** 40 }), (a, e) => {
        let r = 1n
        let b = BigInt(a)
        for (let k = BigInt(e); k > 0n; k >>= 1n, b = (b * b) % p) if (k & 1n) r = (r * b) % p
        expect(pow(a, e)).toBe(Number(r))
        expect(pow(a, BigInt(e))).toBe(Number(r))
        if (a !== 0) expect(mul(a, inv(a))).toBe(1)
      }),
    )
    expect(() => inv(0)).toThrow(FieldDivisionByZeroError)
  })

  it('batchInv equals elementwise inv and rejects 0', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: P - 1 }), { maxLength: 40 }), (xs) => {
        expect(batchInv(xs)).toEqual(xs.map(inv))
      }),
    )
    expect(() => batchInv([1, 0, 2])).toThrow(FieldDivisionByZeroError)
  })

  it('31 generates F_p^* and the two-adic roots have exact order', () => {
    for (const q of [2, 3, 5]) expect(pow(GENERATOR, (P - 1) / q)).not.toBe(1)
    expect(rootOfUnity(TWO_ADICITY)).toBe(0x1a427a41) // Plonky3 BabyBear TWO_ADIC_GENERATOR
    for (let k = 0; k <= TWO_ADICITY; k++) {
      const w = rootOfUnity(k)
      expect(pow(w, 2 ** k)).toBe(1)
      if (k > 0) expect(pow(w, 2 ** (k - 1))).toBe(P - 1)
    }
    expect(() => rootOfUnity(28)).toThrow()
  })

  it('toBase reduces numbers and bigints', () => {
    expect(toBase(-1)).toBe(P - 1)
    expect(toBase(P)).toBe(0)
    expect(toBase(-1n)).toBe(P - 1)
    expect(toBase(2n ** 64n)).toBe(Number(2n ** 64n % p))
  })

  it('encodes 4 bytes little-endian and rejects non-canonical bytes', () => {
    expect([...encodeBase([1, 0x01020304, P - 1])]).toEqual([1, 0, 0, 0, 4, 3, 2, 1, 0, 0, 0, 0x78])
    fc.assert(
      fc.property(elem, (a) => {
        expect(decodeBase(encodeBase([a]))).toBe(a)
      }),
    )
    expect(() => decodeBase(new Uint8Array([1, 0, 0, 0x78]))).toThrow(NonCanonicalFieldElementError)
    expect(() => decodeBase(new Uint8Array([0xff, 0xff, 0xff, 0xff]))).toThrow(NonCanonicalFieldElementError)
    expect(() => decodeBase(new Uint8Array(3))).toThrow(NonCanonicalFieldElementError)
  })
})

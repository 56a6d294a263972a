import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidProverInputError } from '../../errors/prover.ts'
import { add, type Base, GENERATOR, mul, P, pow, rootOfUnity } from './babybear.ts'
import { type Ext4, fromBase } from './ext4.ts'
import { cosetLde, evalCoeffsAt, evalEvalsAt, intt, ntt } from './ntt.ts'

const elem = fc.integer({ min: 0, max: P - 1 })
const ext = fc.tuple(elem, elem, elem, elem) as fc.Arbitrary<Ext4>
const column = (maxLog: number) =>
  fc.integer({ min: 0, max: maxLog }).chain((k) => fc.array(elem, { minLength: 2 ** k, maxLength: 2 ** k }).map((xs) => Uint32Array.from(xs)))

/** Naive O(n^2) evaluation of Σ c_j x^j at x. */
function naiveEval(c: ArrayLike<Base>, x: Base): Base {
  let acc = 0
  for (let j = 0; j < c.length; j++) acc = add(acc, mul(c[j] as Base, pow(x, j)))
  return acc
}

describe('NTT over BabyBear', () => {
  it('matches the naive DFT y_i = Σ c_j ω^(ij) for n up to 64', () => {
    for (let k = 0; k <= 6; k++) {
      const n = 2 ** k
      const c = Uint32Array.from({ length: n }, (_, i) => mul(i + 1, 0x12345 + i * 977) % P)
      const y = c.slice()
      ntt(y)
      const w = rootOfUnity(k)
      expect([...y]).toEqual([...c].map((_, i) => naiveEval(c, pow(w, i))))
    }
  })

  it('intt ∘ ntt = id and ntt ∘ intt = id', () => {
    fc.assert(
      fc.property(column(8), (c) => {
        const a = c.slice()
        ntt(a)
        intt(a)
        expect(a).toEqual(c)
        intt(a)
        ntt(a)
        expect(a).toEqual(c)
      }),
    )
  })

  it('rejects lengths that are not powers of two', () => {
    expect(() => ntt(new Uint32Array(3))).toThrow(InvalidProverInputError)
    expect(() => cosetLde(new Uint32Array(4), 26)).toThrow(InvalidProverInputError)
  })

  it('coset LDE with shift 1 restricts to the original evaluations', () => {
    fc.assert(
      fc.property(column(6), fc.integer({ min: 0, max: 3 }), (e, lb) => {
        const out = cosetLde(e, lb, 1)
        expect(out.length).toBe(e.length << lb)
        for (let i = 0; i < e.length; i++) expect(out[i << lb]).toBe(e[i])
      }),
    )
  })

  it('coset LDE evaluates the interpolant on 31·H′ (naive check)', () => {
    fc.assert(
      fc.property(column(4), fc.integer({ min: 0, max: 2 }), (e, lb) => {
        const c = e.slice()
        intt(c)
        const out = cosetLde(e, lb)
        const w = rootOfUnity(Math.log2(e.length) + lb)
        expect([...out]).toEqual([...out].map((_, i) => naiveEval(c, mul(GENERATOR, pow(w, i)))))
      }),
    )
  })

  it('Horner and barycentric evaluation at an extension point agree', () => {
    fc.assert(
      fc.property(column(5), ext, fc.constantFrom(1, GENERATOR, 7), (e, z, shift) => {
        // f = the interpolant of e on H; onCoset = f on shift·H
        const onCoset = cosetLde(e, 0, shift)
        const coeffs = e.slice()
        intt(coeffs)
        if (z.slice(1).every((v) => v === 0)) return // base point: may lie on the domain
        expect(evalEvalsAt(onCoset, z, shift)).toEqual(evalCoeffsAt(coeffs, z))
        expect(evalEvalsAt(e, z)).toEqual(evalCoeffsAt(coeffs, z))
      }),
    )
    expect(evalCoeffsAt([5, 3], fromBase(2))).toEqual(fromBase(11))
    expect(() => evalEvalsAt([1, 2], fromBase(1))).toThrow(InvalidProverInputError)
  })
})

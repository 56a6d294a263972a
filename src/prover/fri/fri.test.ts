import { describe, expect, it } from 'vitest'
import { InvalidFriProofError, InvalidMerkleOpeningError, InvalidProofOfWorkError, InvalidProverInputError } from '../../errors/prover.ts'
import { ctx, expectRejected, PARAMS, prove, proveCheating, randomEvals, rng, subgroupEvals } from '../../test/fri.ts'
import { P } from '../field/babybear.ts'
import type { Ext4 } from '../field/ext4.ts'
import { cosetLde } from '../field/ntt.ts'
import { conjecturedSecurityBits, DEFAULT_FRI_PARAMS } from './params.ts'
import { liftBase, proveFri } from './prover.ts'
import { verifyFri } from './verifier.ts'

describe('FRI parameters', () => {
  it('conjectured security is numQueries·logBlowup + powBits, capped at 124', () => {
    expect(conjecturedSecurityBits(DEFAULT_FRI_PARAMS)).toBe(52 * 2 + 16)
    expect(conjecturedSecurityBits({ ...PARAMS, numQueries: 30, logBlowup: 3, powBits: 10 })).toBe(100)
    expect(conjecturedSecurityBits({ ...PARAMS, numQueries: 100, logBlowup: 3, powBits: 20 })).toBe(124)
  })
  it('rejects bad parameters with a typed error', () => {
    expect(() => prove(1, 2, 1, { ...PARAMS, finalPolyLogDegree: 1 })).toThrow(InvalidProverInputError)
    expect(() => prove(4, 2, 1, { ...PARAMS, foldingArity: 4 as 2 })).toThrow(InvalidProverInputError)
  })
})

describe('FRI completeness', () => {
  for (const logDegree of [2, 3, 5, 7]) {
    it(`accepts random polynomials of degree < 2^${logDegree}`, () => {
      for (const seed of [1, 2]) {
        const proof = prove(logDegree, 2 ** logDegree, seed)
        expect(() => verifyFri(proof, logDegree, PARAMS, ctx())).not.toThrow()
      }
    })
  }
  it('accepts lower degrees, base-field inputs, finalPolyLogDegree 0', () => {
    const p0 = { ...PARAMS, finalPolyLogDegree: 0 }
    expect(() => verifyFri(prove(4, 3, 5, p0), 4, p0, ctx())).not.toThrow()
    const base = cosetLde(subgroupEvals(Uint32Array.from({ length: 64 }, (_, i) => (i < 16 ? i * 12345 + 1 : 0))), 0)
    const proof = proveFri(liftBase(base), 4, PARAMS, ctx())
    expect(() => verifyFri(proof, 4, PARAMS, ctx())).not.toThrow()
  })
  it('accepts with the default parameters (52 queries, 16 grinding bits)', () => {
    const proof = proveFri(randomEvals(8, 8 + DEFAULT_FRI_PARAMS.logBlowup, 2 ** 8), 8, DEFAULT_FRI_PARAMS, ctx())
    expect(() => verifyFri(proof, 8, DEFAULT_FRI_PARAMS, ctx())).not.toThrow()
  })
  it('the honest prover refuses a too-high degree', () => {
    expect(() => proveFri(randomEvals(3, 6, 17), 4, PARAMS, ctx())).toThrow(InvalidProverInputError)
  })
})

describe('FRI soundness', () => {
  it('rejects a polynomial of degree exactly n', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const proof = prove(5, 2 ** 5 + 1, seed)
      expect(() => verifyFri(proof, 5, PARAMS, ctx())).toThrow(InvalidFriProofError)
    }
  })
  it('a degree-n word folded by a cheater towards its degree-< n truncation is rejected', () => {
    // f = g + c·X^n: |f − codeword| ≥ 3/4 on the domain, so every query catches it.
    const f = randomEvals(21, 7, 2 ** 5 + 1)
    const g = randomEvals(21, 7, 2 ** 5)
    expect(() => verifyFri(proveCheating(f, g, 5, PARAMS, ctx()), 5, PARAMS, ctx())).toThrow(InvalidFriProofError)
  })

  it('rejects a word that is 1/4-far from the code (cheater: fold the closest codeword), over many seeds', () => {
    // Each query's pair avoids the corruption with probability ≈ (3/4)^2, so acceptance ≈ (9/16)^24 ≈ 1e-6.
    for (let seed = 1; seed <= 20; seed++) {
      const g = randomEvals(seed, 7, 2 ** 5)
      const next = rng(1000 + seed)
      const word = g.map((v) => (next() % 4 === 0 ? ([(v[0] + 1) % P, v[1], v[2], v[3]] as Ext4) : v))
      expectRejected(() => verifyFri(proveCheating(word, g, 5, PARAMS, ctx()), 5, PARAMS, ctx()))
    }
  })

  it('the cheating prover is accepted when it does not cheat (the test above is not vacuous)', () => {
    const g = randomEvals(3, 7, 2 ** 5)
    expect(() => verifyFri(proveCheating(g, g, 5, PARAMS, ctx()), 5, PARAMS, ctx())).not.toThrow()
  })

  it('binds the degree bound: a proof for degree < 2^5 does not verify as degree < 2^4 or 2^6', () => {
    const p = prove(5, 32, 4)
    expect(() => verifyFri(p, 4, PARAMS, ctx())).toThrow(InvalidFriProofError)
    expect(() => verifyFri(p, 6, PARAMS, ctx())).toThrow(InvalidFriProofError)
  })

  const good = prove(5, 32, 9)
  it('rejects a changed final-polynomial coefficient', () => {
    const f = good.finalPoly.map((c, j) => (j === 0 ? ([(c[0] + 1) % P, c[1], c[2], c[3]] as Ext4) : c))
    expectRejected(() => verifyFri({ ...good, finalPoly: f }, 5, PARAMS, ctx()))
  })
  it('rejects fewer queries than the parameters say', () => {
    expect(() => verifyFri({ ...good, queries: good.queries.slice(1) }, 5, PARAMS, ctx())).toThrow(InvalidFriProofError)
  })
  it('rejects openings spliced from another proof', () => {
    const other = prove(5, 32, 10)
    expect(() => verifyFri({ ...good, queries: other.queries }, 5, PARAMS, ctx())).toThrow(InvalidMerkleOpeningError)
  })
  it('rejects one query spliced from another proof, and openings swapped between queries', () => {
    const other = prove(5, 32, 10)
    const one = good.queries.map((q, k) => (k === 3 ? (other.queries[3] ?? q) : q))
    expectRejected(() => verifyFri({ ...good, queries: one }, 5, PARAMS, ctx()))
    const swapped = good.queries.map((q, k) => (k === 0 ? (good.queries[1] ?? q) : k === 1 ? (good.queries[0] ?? q) : q))
    expectRejected(() => verifyFri({ ...good, queries: swapped }, 5, PARAMS, ctx()))
  })

  it('rejects a different transcript prefix', () => {
    expectRejected(() => verifyFri(good, 5, PARAMS, ctx('other')))
    const t = ctx()
    t.absorbBytes('extra', new Uint8Array([1]))
    expectRejected(() => verifyFri(good, 5, PARAMS, t))
  })
  it('rejects a wrong pow nonce', () => {
    const p16 = { ...PARAMS, powBits: 10 }
    const proof = prove(4, 16, 3, p16)
    expect(() => verifyFri({ ...proof, powNonce: proof.powNonce ^ 1 }, 4, p16, ctx())).toThrow(InvalidProofOfWorkError)
  })
})

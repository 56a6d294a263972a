import { expect } from 'vitest'
import { InvalidFriProofError, InvalidMerkleOpeningError, InvalidProofOfWorkError, MalformedFriProofError } from '../errors/prover.ts'
import { Transcript } from '../prover/commit/transcript.ts'
import { P } from '../prover/field/babybear.ts'
import type { Ext4 } from '../prover/field/ext4.ts'
import { cosetLde, ntt } from '../prover/field/ntt.ts'
import type { FriParams, FriProof } from '../prover/fri/params.ts'
import { proveFri } from '../prover/fri/prover.ts'

/** Shared helpers for the FRI tests (src/prover/fri/*.test.ts). */
export const PARAMS: FriParams = { logBlowup: 2, numQueries: 24, powBits: 4, foldingArity: 2, finalPolyLogDegree: 1 }

export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1
  return () => {
    s ^= s << 13
    s >>>= 0
    s ^= s >>> 17
    s ^= s << 5
    s >>>= 0
    return s % P
  }
}

/** Evaluations on the LDE coset of a random extension polynomial with `numCoeffs` coefficients (degree numCoeffs − 1), as 4 base columns. */
export function randomEvals(seed: number, logDomain: number, numCoeffs: number): Ext4[] {
  const next = rng(seed)
  const n = 2 ** logDomain
  const cols = [0, 1, 2, 3].map(() => {
    // Evaluations on the subgroup of size n of a polynomial with numCoeffs coefficients, then moved to the coset.
    const coeffs = new Uint32Array(n)
    for (let j = 0; j < numCoeffs; j++) coeffs[j] = next()
    return cosetLde(subgroupEvals(coeffs), 0)
  })
  return Array.from({ length: n }, (_, i) => [cols[0]?.[i], cols[1]?.[i], cols[2]?.[i], cols[3]?.[i]] as unknown as Ext4)
}

export function subgroupEvals(coeffs: Uint32Array): Uint32Array {
  const a = coeffs.slice()
  ntt(a)
  return a
}

/** Rejected with one of the typed verification errors. */
export function expectRejected(f: () => unknown): void {
  let err: unknown = null
  try {
    f()
  } catch (e) {
    err = e
  }
  expect(
    [InvalidFriProofError, InvalidMerkleOpeningError, InvalidProofOfWorkError, MalformedFriProofError].some((C) => err instanceof C),
    String(err),
  ).toBe(true)
}

export const ctx = (label = 'test') => {
  const t = new Transcript(label)
  t.absorbDigest('trace', new Uint8Array(32).fill(7))
  return t
}

export function prove(logDegree: number, numCoeffs: number, seed = 1, params = PARAMS): FriProof {
  return proveFri(randomEvals(seed, logDegree + params.logBlowup, numCoeffs), logDegree, params, ctx(), false)
}

import { expect } from 'vitest'
import { InvalidFriProofError, InvalidMerkleOpeningError, InvalidProofOfWorkError, MalformedFriProofError } from '../errors/prover.ts'
import { buildMerkleTree, type MerkleTree, openMerkle } from '../prover/commit/merkle.ts'
import { Transcript } from '../prover/commit/transcript.ts'
import { type Base, P, pow } from '../prover/field/babybear.ts'
import type { Ext4 } from '../prover/field/ext4.ts'
import { cosetLde, ntt } from '../prover/field/ntt.ts'
import { FRI_SHIFT, foldLayer, pairRow } from '../prover/fri/fold.ts'
import { type FriParams, type FriProof, friShape } from '../prover/fri/params.ts'
import { interpolateCoset, proveFri } from '../prover/fri/prover.ts'

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

/**
 * A cheating prover: commits `word` as layer 0 but continues from layer 1 with the folds of `honest`
 * (a low-degree codeword, e.g. the one closest to `word`), so that every later layer and the final
 * polynomial are consistent. It is caught exactly when a query's layer-0 pair differs from `honest`.
 * Mirrors proveFri's transcript.
 */
export function proveCheating(word: readonly Ext4[], honest: readonly Ext4[], logDegree: number, params: FriParams, transcript: Transcript): FriProof {
  const { rounds, logDomain } = friShape(params, logDegree)
  transcript.absorbBase('fri-params', [logDegree, params.logBlowup, params.numQueries, params.powBits, params.finalPolyLogDegree])
  const layers: { rows: Base[][]; tree: MerkleTree }[] = []
  let committed = word
  let current = honest
  for (let r = 0; r < rounds; r++) {
    const half = committed.length / 2
    const rows = Array.from({ length: half }, (_, i) => pairRow(committed[i] as Ext4, committed[i + half] as Ext4))
    const tree = buildMerkleTree(rows)
    layers.push({ rows, tree })
    transcript.absorbDigest('fri-layer', tree.root)
    current = foldLayer(current, transcript.squeezeExt4('fri-beta'), logDomain, r)
    committed = current
  }
  const finalPoly = interpolateCoset(current, pow(FRI_SHIFT, 2 ** rounds)).slice(0, 2 ** params.finalPolyLogDegree)
  transcript.absorbExt4('fri-final', finalPoly)
  const powNonce = transcript.grind(params.powBits)
  const indices = transcript.squeezeIndices('fri-query', params.numQueries, 2 ** (logDomain - 1))
  const queries = indices.map((q) =>
    layers.map(({ rows, tree }) => {
      const o = openMerkle(tree, rows, q % rows.length)
      return { pair: [o.row.slice(0, 4), o.row.slice(4, 8)] as unknown as [Ext4, Ext4], path: o.path }
    }),
  )
  return { layerRoots: layers.map((l) => l.tree.root), finalPoly, powNonce, queries }
}

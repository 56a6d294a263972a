import { describe, expect, it } from 'vitest'
import { FieldDivisionByZeroError, InvalidProverInputError } from '../../errors/prover.ts'
import { fieldRng } from '../../test/fieldRng.ts'
import { buildMerkleTree } from '../commit/merkle.ts'
import { GENERATOR, mul, P, pow, rootOfUnity } from '../field/babybear.ts'
import type { Ext4 } from '../field/ext4.ts'
import { cosetLde } from '../field/ntt.ts'
import { tsBackend } from './ts.ts'
import type { ColumnMerkleTree, DeepArgs, SyncProverBackend } from './types.ts'
import { createWasmBackend, wasmBackend } from './wasm.ts'

const rng = fieldRng

/** Index of the first difference (−1 if equal), so failures print one number instead of a huge diff. */
function firstDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return -2
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i
  return -1
}
const sameColumns = (a: readonly Uint32Array[], b: readonly Uint32Array[]) =>
  a.length === b.length && a.every((c, i) => firstDiff(c, b[i] as Uint32Array) === -1)
function sameTree(a: ColumnMerkleTree, b: ColumnMerkleTree): boolean {
  return a.depth === b.depth && a.width === b.width && firstDiff(a.root, b.root) === -1 && sameColumns(a.layers as never, b.layers as never)
}
function deepArgs(r: ReturnType<typeof rng>, w: number, n: number, nextCount: number): DeepArgs {
  return {
    columns: r.cols(w, n),
    nextCount,
    z: r.ext(),
    gz: r.ext(),
    gammaZ: Array.from({ length: w }, r.ext),
    valueZ: Array.from({ length: w }, r.ext),
    gammaNext: Array.from({ length: nextCount }, r.ext),
    valueNext: Array.from({ length: nextCount }, r.ext),
  }
}

// Tiny copy-in limits so that every size runs several NTT batches and row blocks.
const smallBatches = createWasmBackend({ nttBatchBytes: 4096, rowBlockBytes: 512 })
const wasmBackends: [string, SyncProverBackend][] = [
  ['wasmBackend', wasmBackend],
  ['small batches', smallBatches],
]
const LOGS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14]

describe.each(wasmBackends)('%s equals tsBackend (random inputs)', (_, wasm) => {
  it.each(LOGS)('interpolate and evaluateOnCoset, 2^%i rows', (log) => {
    const r = rng(log * 101)
    const cols = r.cols(log === 14 ? 2 : 5, 2 ** log)
    const coeffs = tsBackend.interpolate(cols)
    expect(sameColumns(wasm.interpolate(cols), coeffs)).toBe(true)
    for (const b of log === 14 ? [2] : [0, 1, 2, 3]) expect(sameColumns(wasm.evaluateOnCoset(coeffs, b), tsBackend.evaluateOnCoset(coeffs, b))).toBe(true)
  })
  it.each(LOGS)('merkleTree, 2^%i rows', (log) => {
    const r = rng(log * 103)
    for (const w of log === 14 ? [7] : [1, 2, 8, 37]) {
      const cols = r.cols(w, 2 ** log)
      expect(sameTree(wasm.merkleTree(cols), tsBackend.merkleTree(cols))).toBe(true)
    }
  })
  it.each(LOGS)('foldLayer, 2^%i points', (log) => {
    const r = rng(log * 107)
    for (const round of [0, 1, 3]) {
      const values = r.col(4 * 2 ** log)
      const beta = r.ext()
      expect(firstDiff(wasm.foldLayer(values, beta, log + round, round), tsBackend.foldLayer(values, beta, log + round, round))).toBe(-1)
    }
  })
  it.each(LOGS)('deepQuotient, 2^%i rows', (log) => {
    const r = rng(log * 109)
    for (const [w, next] of log === 14
      ? [[6, 3]]
      : [
          [1, 0],
          [1, 1],
          [5, 2],
          [9, 9],
          [12, 0],
        ]) {
      const args = deepArgs(r, w as number, 2 ** log, next as number)
      expect(firstDiff(wasm.deepQuotient(args), tsBackend.deepQuotient(args))).toBe(-1)
    }
  })
  it.each(LOGS)('evaluateAt, 2^%i coefficients', (log) => {
    const r = rng(log * 113)
    const cols = r.cols(log === 14 ? 3 : 7, 2 ** log)
    for (const points of [[r.ext()], [r.ext(), r.ext()]]) expect(wasm.evaluateAt(cols, points)).toEqual(tsBackend.evaluateAt(cols, points))
  })
})

describe('backend edge cases', () => {
  it('sizes 1 and 2 and mixed column lengths', () => {
    const r = rng(7)
    const cols = [r.col(1), r.col(2), r.col(2), r.col(8)]
    expect(sameColumns(wasmBackend.interpolate(cols), tsBackend.interpolate(cols))).toBe(true)
    expect(sameColumns(wasmBackend.evaluateOnCoset(cols, 2), tsBackend.evaluateOnCoset(cols, 2))).toBe(true)
    const one = [r.col(1), r.col(1)]
    expect(sameTree(wasmBackend.merkleTree(one), tsBackend.merkleTree(one))).toBe(true)
    expect(wasmBackend.interpolate([])).toEqual([])
    const points = [r.ext(), r.ext()]
    for (const be of [wasmBackend, smallBatches]) {
      expect(be.evaluateAt(cols, points)).toEqual(tsBackend.evaluateAt(cols, points))
      expect(be.evaluateAt([], points)).toEqual([[], []])
      expect(be.evaluateAt(cols, [])).toEqual([])
    }
  })
  it('rejects bad shapes with InvalidProverInputError', () => {
    const r = rng(8)
    for (const be of [tsBackend, wasmBackend]) {
      expect(() => be.interpolate([r.col(6)])).toThrow(InvalidProverInputError)
      expect(() => be.evaluateOnCoset([r.col(4)], 26)).toThrow(InvalidProverInputError)
      expect(() => be.merkleTree([])).toThrow(InvalidProverInputError)
      expect(() => be.merkleTree([r.col(4), r.col(8)])).toThrow(InvalidProverInputError)
    }
    expect(() => wasmBackend.foldLayer(r.col(4 * 8), r.ext(), 5, 0)).toThrow(InvalidProverInputError)
    expect(() => wasmBackend.deepQuotient({ ...deepArgs(r, 2, 8, 0), nextCount: 3 })).toThrow(InvalidProverInputError)
  })
  it('deepQuotient with z on the coset throws FieldDivisionByZeroError in both backends', () => {
    const r = rng(9)
    const onCoset: Ext4 = [mul(GENERATOR, pow(rootOfUnity(5), 17)), 0, 0, 0]
    for (const be of [tsBackend, wasmBackend, smallBatches]) {
      expect(() => be.deepQuotient({ ...deepArgs(r, 3, 32, 1), z: onCoset })).toThrow(FieldDivisionByZeroError)
      expect(() => be.deepQuotient({ ...deepArgs(r, 3, 32, 0), gz: onCoset })).toThrow(FieldDivisionByZeroError)
    }
  })
})

describe('tsBackend against the existing prover code', () => {
  it('merkleTree equals buildMerkleTree of the rows', () => {
    const r = rng(10)
    for (const [w, log] of [
      [1, 0],
      [3, 1],
      [5, 6],
      [16, 9],
    ] as const) {
      const cols = r.cols(w, 2 ** log)
      const rows = Array.from({ length: 2 ** log }, (_, i) => cols.map((c) => c[i] as number))
      const ref = buildMerkleTree(rows)
      const tree = tsBackend.merkleTree(cols)
      expect(tree.depth).toBe(ref.depth)
      expect(tree.width).toBe(w)
      expect(firstDiff(tree.root, ref.root)).toBe(-1)
      ref.layers.forEach((layer, t) => {
        const flat = new Uint8Array(32 * layer.length)
        layer.forEach((d, i) => {
          flat.set(d, 32 * i)
        })
        expect(firstDiff(tree.layers[t] as Uint8Array, flat)).toBe(-1)
      })
    }
  })
  it('evaluateOnCoset ∘ interpolate equals cosetLde (both backends)', () => {
    const r = rng(11)
    for (const log of [0, 3, 8, 11]) {
      for (const b of [0, 1, 3]) {
        const cols = r.cols(3, 2 ** log)
        const ref = cols.map((c) => cosetLde(c, b))
        for (const be of [tsBackend, wasmBackend]) expect(sameColumns(be.evaluateOnCoset(be.interpolate(cols), b), ref)).toBe(true)
      }
    }
  })
})

describe('merkleTree rejects a non-canonical element (tamper)', () => {
  const r = rng(12)
  const positions: [string, number, number][] = [
    ['first row, first column', 0, 0],
    ['middle', 300, 2],
    ['last row, last column', 1023, 4],
  ]
  it.each(positions)('%s', (_, row, col) => {
    for (const bad of [P, P + 1, 0xffffffff]) {
      const cols = r.cols(5, 1024)
      ;(cols[col] as Uint32Array)[row] = bad
      for (const be of [tsBackend, wasmBackend, smallBatches]) {
        expect(() => be.merkleTree(cols)).toThrow(InvalidProverInputError)
        expect(() => be.merkleTree(cols)).toThrow(`element ${bad} is not canonical`)
      }
    }
  })
})

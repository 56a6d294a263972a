import { bytesToHex, keccak256 } from 'viem'
import { describe, expect, it } from 'vitest'
import { InvalidProverInputError } from '../../errors/prover.ts'
import { P } from '../field/babybear.ts'
import { tsBackend } from './ts.ts'
import { createWasmBackend, wasmBackend } from './wasm.ts'
import { getProverKernels, reserveScratch } from './wasmKernels.ts'

// The two-way SIMD Keccak of the prover module (wasm/assembly/keccakx2.ts) against viem, and the
// Merkle kernels built on it (pairs of rows, pairs of nodes, scalar odd row) against tsBackend.

function xorshift(seed: number) {
  let s = seed >>> 0 || 1
  return () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return s >>> 0
  }
}
const bytes = (next: () => number, len: number) => Uint8Array.from({ length: len }, () => next() & 0xff)

/** keccak256x2 of a and b (equal lengths) through WASM memory. */
function keccakPair(a: Uint8Array, b: Uint8Array): [string, string] {
  const k = getProverKernels()
  const len = a.length
  const base = reserveScratch(k, 0, 2 * len + 64 + 64)
  const pa = base + 64
  const pb = pa + len
  const mem = new Uint8Array(k.memory.buffer)
  mem.set(a, pa)
  mem.set(b, pb)
  k.keccak256x2(pa, pb, len, base, base + 32)
  const out = new Uint8Array(k.memory.buffer)
  return [bytesToHex(out.slice(base, base + 32)), bytesToHex(out.slice(base + 32, base + 64))]
}

describe('keccak256x2 (two-way SIMD Keccak-256) equals viem', () => {
  it('the lengths the Merkle trees hash (32, 64, 128, 332) and the rate boundaries', () => {
    const next = xorshift(1)
    for (const len of [0, 1, 4, 32, 64, 128, 131, 132, 135, 136, 137, 271, 272, 273, 332, 408, 544]) {
      for (let rep = 0; rep < 20; rep++) {
        const a = bytes(next, len)
        const b = bytes(next, len)
        expect(keccakPair(a, b)).toEqual([keccak256(a), keccak256(b)])
      }
    }
  })
  it('random lengths up to 600 bytes', () => {
    const next = xorshift(2)
    for (let rep = 0; rep < 500; rep++) {
      const len = next() % 601
      const a = bytes(next, len)
      const b = rep % 7 === 0 ? a.slice() : bytes(next, len)
      expect(keccakPair(a, b)).toEqual([keccak256(a), keccak256(b)])
    }
  })
})

describe('SIMD Merkle kernels equal tsBackend (odd widths, small row counts)', () => {
  const next = xorshift(3)
  const cols = (w: number, n: number) => Array.from({ length: w }, () => Uint32Array.from({ length: n }, () => next() % P))
  // rowBlockBytes 512: wide matrices get row blocks of 1 or 2 rows (the scalar odd-row path, single pairs).
  const backends = [
    ['wasmBackend', wasmBackend],
    ['small row blocks', createWasmBackend({ nttBatchBytes: 4096, rowBlockBytes: 512 })],
  ] as const
  const WIDTHS = [1, 3, 5, 17, 33, 34, 35, 67, 68, 69, 83, 101]
  it.each([0, 1, 2, 10])('2^%i rows', (log) => {
    for (const w of WIDTHS) {
      const m = cols(w, 2 ** log)
      const ref = tsBackend.merkleTree(m)
      for (const [, be] of backends) {
        const tree = be.merkleTree(m)
        expect(bytesToHex(tree.root)).toBe(bytesToHex(ref.root))
        expect(tree.layers.map((l) => bytesToHex(l))).toEqual(ref.layers.map((l) => bytesToHex(l)))
      }
    }
  })
  it('reports the first non-canonical element in row-major order when both rows of a pair have one', () => {
    for (const [, be] of backends) {
      const m = cols(83, 64)
      ;(m[70] as Uint32Array)[40] = P + 5 // row 40 (first of its pair), a late column
      ;(m[2] as Uint32Array)[41] = P + 9 // row 41, an early column
      expect(() => be.merkleTree(m)).toThrow(InvalidProverInputError)
      expect(() => be.merkleTree(m)).toThrow(`element ${P + 5} is not canonical`)
      expect(() => tsBackend.merkleTree(m)).toThrow(`element ${P + 5} is not canonical`)
      ;(m[70] as Uint32Array)[40] = 1
      expect(() => be.merkleTree(m)).toThrow(`element ${P + 9} is not canonical`)
      ;(m[2] as Uint32Array)[41] = 1
      ;(m[82] as Uint32Array)[63] = 0xffffffff // the last element (odd width: the half lane of the tail block)
      expect(() => be.merkleTree(m)).toThrow(`element ${0xffffffff} is not canonical`)
    }
  })
})

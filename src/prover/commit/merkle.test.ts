import fc from 'fast-check'
import { concat, hexToBytes, keccak256 } from 'viem'
import { describe, expect, it } from 'vitest'
import { InvalidMerkleOpeningError, InvalidProverInputError } from '../../errors/prover.ts'
import { P } from '../field/babybear.ts'
import { buildMerkleTree, isValidMerkleOpening, type MerkleOpening, openMerkle, verifyMerkleOpening } from './merkle.ts'

const rowsOf = (n: number, w: number) => Array.from({ length: n }, (_, i) => Array.from({ length: w }, (_, j) => (i * 7919 + j * 104729 + 1) % P))
const le = (v: number) => new Uint8Array([v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24])

describe('Keccak-256 Merkle tree over BabyBear rows', () => {
  it('matches an independent viem reimplementation (leaf = keccak(LE row), node = keccak(l ‖ r))', () => {
    const rows = rowsOf(4, 3)
    const leaf = (r: number[]) => keccak256(concat(r.map(le)), 'bytes')
    const node = (a: Uint8Array, b: Uint8Array) => keccak256(concat([a, b]), 'bytes')
    const [l0, l1, l2, l3] = rows.map(leaf) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array]
    expect(buildMerkleTree(rows).root).toEqual(node(node(l0, l1), node(l2, l3)))
    expect(buildMerkleTree([[1]]).root).toEqual(hexToBytes(keccak256(new Uint8Array([1, 0, 0, 0]))))
  })

  it('every opening verifies (completeness)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 5 }), (depth, w) => {
        const rows = rowsOf(2 ** depth, w)
        const t = buildMerkleTree(rows)
        for (let i = 0; i < rows.length; i++) expect(isValidMerkleOpening(t.root, openMerkle(t, rows, i), depth, w)).toBe(true)
      }),
      { numRuns: 20 },
    )
  })

  it('rejects tampering: a flipped byte in a leaf element, a sibling, the index, the root; wrong shape', () => {
    const rows = rowsOf(16, 4)
    const t = buildMerkleTree(rows)
    const o = openMerkle(t, rows, 5)
    const ok = (root: Uint8Array, op: MerkleOpening, depth = 4, w = 4) => isValidMerkleOpening(root, op, depth, w)
    expect(ok(t.root, o)).toBe(true)
    for (let j = 0; j < 4; j++)
      for (const bit of [1, 256, 65536]) expect(ok(t.root, { ...o, row: o.row.map((v, k) => (k === j ? (v ^ bit) % P : v)) })).toBe(false)
    for (let d = 0; d < 4; d++)
      for (const byte of [0, 17, 31]) {
        const path = o.path.map((s) => s.slice())
        ;(path[d] as Uint8Array)[byte] = ((path[d] as Uint8Array)[byte] as number) ^ 1
        expect(ok(t.root, { ...o, path })).toBe(false)
      }
    for (const index of [4, 6, 7, 13, 16, -1, 5.5]) expect(ok(t.root, { ...o, index })).toBe(false)
    const root = t.root.slice()
    root[9] = (root[9] as number) ^ 0x80
    expect(ok(root, o)).toBe(false)
    expect(ok(t.root, { ...o, path: o.path.slice(0, 3) })).toBe(false)
    expect(ok(t.root, o, 3)).toBe(false)
    expect(ok(t.root, o, 4, 5)).toBe(false)
    expect(ok(t.root, { ...o, row: [...o.row.slice(0, 3), (o.row[3] as number) + P] })).toBe(false)
    expect(() => verifyMerkleOpening(root, o, 4, 4)).toThrow(InvalidMerkleOpeningError)
    expect(() => verifyMerkleOpening(t.root, o, 4, 4)).not.toThrow()
  })

  it('rejects a non-power-of-two leaf count and out-of-range indices', () => {
    expect(() => buildMerkleTree(rowsOf(3, 1))).toThrow(InvalidProverInputError)
    expect(() => buildMerkleTree([])).toThrow(InvalidProverInputError)
    const rows = rowsOf(2, 1)
    expect(() => openMerkle(buildMerkleTree(rows), rows, 2)).toThrow(InvalidProverInputError)
  })
})

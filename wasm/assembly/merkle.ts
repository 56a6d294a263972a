// Keccak-256 Merkle trees over the rows of a column-major matrix (docs/zkvm-stark.md, "Merkle
// commitments"; src/prover/commit/merkle.ts): leaf_i = keccak256(u32le(col_0[i]) ‖ … ‖ u32le(col_{w−1}[i])),
// node = keccak256(left ‖ right). Two leaves or two nodes at a time through the two-way SIMD Keccak of
// keccakx2.ts; the scalar keccak.ts for an odd last row and for the root.
import { P } from './babybear'
import { keccak256, keccak64 } from './keccak'
import { clear2, keccak64x2, keccakF2, ST2, squeeze2 } from './keccakx2'

// @ts-ignore: decorator
@inline function firstBad(cols: usize, i: u32, width: u32, stride: u32): i32 {
  const colBytes = <usize>stride << 2
  let src = cols + (<usize>i << 2)
  for (let c: u32 = 0; c < width; c++, src += colBytes) if (load<u32>(src) >= P) return <i32>(c * stride + i)
  return -1
}

/**
 * Leaf digests of `rows` rows: column c of the block is `rows` u32 at cols + 4·stride·c (stride ≥ rows;
 * padding the stride past a multiple of 4 KB keeps the row gather from thrashing one cache set).
 * Writes 32·rows bytes at `out`; `row` is scratch of ≥ 4·width bytes (for an odd last row). Returns −1, or the flat index
 * c·stride + i of the first (row-major order) element ≥ p, in which case `out` is partly written.
 */
export function merkleLeaves(cols: usize, rows: u32, width: u32, stride: u32, row: usize, out: usize): i32 {
  const colBytes = <usize>stride << 2
  const pv = i32x4.splat(P)
  const ones = i32x4.splat(1)
  const pad = i64x2.splat(0x01)
  const end = i64x2.splat(0x8000000000000000)
  let i: u32 = 0
  // Rows i and i + 1 in lock-step (keccakx2.ts): lane k of the pair interleaves u32 pairs
  // (col_2k[i], col_2k+1[i]) and (col_2k[i+1], col_2k+1[i+1]) gathered straight from two columns.
  // A row of 4·width bytes fills 17 lanes (34 elements) per 136-byte block; the tail block holds the
  // remaining pairs, then either a last element with the padding byte 0x01 above it (odd count) or a
  // lane 0x01, and 0x80 in the top byte of lane 16.
  for (; i + 1 < rows; i += 2) {
    clear2()
    let src = cols + (<usize>i << 2)
    let bad = i32x4.splat(0)
    let left = width
    for (;;) {
      const lanes: u32 = left >= 34 ? 17 : left >> 1
      let p = ST2
      for (let k: u32 = 0; k < lanes; k++, p += 16, src += colBytes << 1) {
        const v = i32x4.shuffle(v128.load64_zero(src), v128.load64_zero(src + colBytes), 0, 4, 1, 5)
        bad = v128.or(bad, i32x4.ge_u(v, pv))
        v128.store(p, v128.xor(v128.load(p), v))
      }
      if (left >= 34) {
        left -= 34
        keccakF2(ST2)
        continue
      }
      // Tail block: the last odd element, then the padding byte 0x01 and the final 0x80.
      if (left & 1) {
        const v = i32x4.shuffle(v128.load64_zero(src), ones, 0, 4, 1, 4)
        bad = v128.or(bad, i32x4.ge_u(v, pv))
        v128.store(p, v128.xor(v128.load(p), v))
      } else {
        v128.store(p, v128.xor(v128.load(p), pad))
      }
      v128.store(ST2, v128.xor(v128.load(ST2, 16 << 4), end), 16 << 4)
      keccakF2(ST2)
      break
    }
    if (v128.any_true(bad)) {
      const b = firstBad(cols, i, width, stride)
      return b >= 0 ? b : firstBad(cols, i + 1, width, stride)
    }
    squeeze2(out + (<usize>i << 5), out + (<usize>(i + 1) << 5))
  }
  // An odd last row: the scalar path.
  for (; i < rows; i++) {
    let src = cols + (<usize>i << 2)
    let bad: u32 = 0
    for (let c: u32 = 0; c < width; c++) {
      const v = load<u32>(src)
      bad |= <u32>(v >= P)
      store<u32>(row + (<usize>c << 2), v)
      src += colBytes
    }
    if (bad) return firstBad(cols, i, width, stride)
    keccak256(row, width << 2, out + (<usize>i << 5))
  }
  return -1
}

/**
 * Builds the upper levels in place: level 0 is n = 2^depth digests at `base`; level t + 1 (n/2^(t+1)
 * digests) follows level t directly, so level t starts at base + 32·(2n − 2^(depth−t+1)) and the root
 * is the 32 bytes at base + 32·(2n − 2).
 */
export function merkleLayers(base: usize, depth: i32): void {
  let count: usize = (<usize>1) << <usize>depth
  let below = base
  while (count > 1) {
    const above = below + (count << 5)
    count >>= 1
    if (count == 1) keccak64(below, above)
    else for (let i: usize = 0; i < count; i += 2) keccak64x2(below + (i << 6), below + (i << 6) + 64, above + (i << 5), above + (i << 5) + 32)
    below = above
  }
}

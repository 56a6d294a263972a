// Keccak-256 Merkle trees over the rows of a column-major matrix (docs/zkvm-stark.md, "Merkle
// commitments"; src/prover/commit/merkle.ts): leaf_i = keccak256(u32le(col_0[i]) ‖ … ‖ u32le(col_{w−1}[i])),
// node = keccak256(left ‖ right).
import { P } from './babybear'
import { keccak256, keccak64 } from './keccak'

/**
 * Leaf digests of `rows` rows: column c of the block is `rows` u32 at cols + 4·stride·c (stride ≥ rows;
 * padding the stride past a multiple of 4 KB keeps the row gather from thrashing one cache set).
 * Writes 32·rows bytes at `out`; `row` is scratch of ≥ 4·width bytes. Returns −1, or the flat index
 * c·stride + i of the first (row-major order) element ≥ p, in which case `out` is partly written.
 */
export function merkleLeaves(cols: usize, rows: u32, width: u32, stride: u32, row: usize, out: usize): i32 {
  const colBytes = <usize>stride << 2
  for (let i: u32 = 0; i < rows; i++) {
    let src = cols + (<usize>i << 2)
    let bad: u32 = 0
    for (let c: u32 = 0; c < width; c++) {
      const v = load<u32>(src)
      bad |= <u32>(v >= P)
      store<u32>(row + (<usize>c << 2), v)
      src += colBytes
    }
    if (bad) {
      for (let c: u32 = 0; c < width; c++) if (load<u32>(row + (<usize>c << 2)) >= P) return <i32>(c * stride + i)
    }
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
    for (let i: usize = 0; i < count; i++) keccak64(below + (i << 6), above + (i << 5))
    below = above
  }
}

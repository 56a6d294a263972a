import { InvalidMerkleOpeningError, InvalidProverInputError } from '../../errors/prover.ts'
import { keccak256Wasm } from '../../kernels/kernels.ts'
import { type Base, encodeBase, P } from '../field/babybear.ts'

/**
 * Keccak-256 Merkle commitment to a matrix of BabyBear rows (docs/zkvm-stark.md, "Merkle commitments").
 * leaf_i = keccak256(row_i encoded as 4-byte little-endian elements, concatenated);
 * node = keccak256(left ‖ right) (64 bytes). The number of rows is a power of two ≥ 1; a tree of one
 * row has root = its leaf. Leaves and nodes are not domain-separated, so a verifier must fix the
 * depth and the row width before checking an opening (both functions below take them as input).
 * Keccak is the project's WASM kernel (src/kernels/kernels.ts).
 */
export type Digest = Uint8Array

export type MerkleTree = {
  /** layers[0] are the leaf digests, layers[depth] = [root]. */
  readonly layers: readonly (readonly Digest[])[]
  readonly depth: number
  readonly root: Digest
}

export type MerkleOpening = {
  readonly index: number
  readonly row: readonly Base[]
  /** Sibling digests from the leaf level up (length = depth). */
  readonly path: readonly Digest[]
}

/** Digest of one row. Elements must be canonical (a non-canonical one is rejected). */
export function hashRow(row: ArrayLike<Base>): Digest {
  for (let i = 0; i < row.length; i++) {
    const v = row[i] as number
    if (!Number.isInteger(v) || v < 0 || v >= P) throw new InvalidProverInputError({ what: 'Merkle row', reason: `element ${v} is not canonical` })
  }
  return keccak256Wasm(encodeBase(row))
}

/** keccak256(left ‖ right). */
export function hashNode(left: Digest, right: Digest): Digest {
  const buf = new Uint8Array(64)
  buf.set(left, 0)
  buf.set(right, 32)
  return keccak256Wasm(buf)
}

/**
 * Builds the tree over rows (row i is leaf i).
 * @throws {InvalidProverInputError} if the row count is not a power of two or an element is not canonical.
 */
export function buildMerkleTree(rows: readonly ArrayLike<Base>[]): MerkleTree {
  const depth = Math.log2(rows.length)
  if (!Number.isInteger(depth)) throw new InvalidProverInputError({ what: 'Merkle leaves', reason: `${rows.length} is not a power of two ≥ 1` })
  const layers: Digest[][] = [rows.map(hashRow)]
  for (let d = 0; d < depth; d++) {
    const below = layers[d] as Digest[]
    const up: Digest[] = []
    for (let i = 0; i < below.length; i += 2) up.push(hashNode(below[i] as Digest, below[i + 1] as Digest))
    layers.push(up)
  }
  return { layers, depth, root: (layers[depth] as Digest[])[0] as Digest }
}

/**
 * The opening of leaf index: its row and the sibling path.
 * @throws {InvalidProverInputError} if index is out of range.
 */
export function openMerkle(tree: MerkleTree, rows: readonly ArrayLike<Base>[], index: number): MerkleOpening {
  if (!Number.isInteger(index) || index < 0 || index >= 2 ** tree.depth) {
    throw new InvalidProverInputError({ what: 'Merkle index', reason: `${index} is outside [0, ${2 ** tree.depth})` })
  }
  const path: Digest[] = []
  for (let d = 0, i = index; d < tree.depth; d++, i >>= 1) path.push((tree.layers[d] as Digest[])[i ^ 1] as Digest)
  return { index, row: Array.from(rows[index] as ArrayLike<Base>), path }
}

function check(root: Digest, o: MerkleOpening, depth: number, width: number): string | null {
  if (!Number.isInteger(o.index) || o.index < 0 || o.index >= 2 ** depth) return 'index out of range'
  if (o.path.length !== depth) return `path length ${o.path.length} ≠ depth ${depth}`
  if (o.row.length !== width) return `row width ${o.row.length} ≠ ${width}`
  if (root.length !== 32 || o.path.some((s) => s.length !== 32)) return 'digest is not 32 bytes'
  let h: Digest
  try {
    h = hashRow(o.row)
  } catch {
    return 'row element is not canonical'
  }
  for (let d = 0, i = o.index; d < depth; d++, i >>= 1) h = i & 1 ? hashNode(o.path[d] as Digest, h) : hashNode(h, o.path[d] as Digest)
  for (let k = 0; k < 32; k++) if (h[k] !== root[k]) return 'root mismatch'
  return null
}

/** True iff the opening has the expected depth and row width and hashes to root. Never throws. */
export function isValidMerkleOpening(root: Digest, opening: MerkleOpening, depth: number, width: number): boolean {
  return check(root, opening, depth, width) === null
}

/**
 * Like {@link isValidMerkleOpening}, but throws.
 * @throws {InvalidMerkleOpeningError} naming the first failed check.
 */
export function verifyMerkleOpening(root: Digest, opening: MerkleOpening, depth: number, width: number): void {
  const reason = check(root, opening, depth, width)
  if (reason !== null) throw new InvalidMerkleOpeningError({ index: opening.index, reason })
}

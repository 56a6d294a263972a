/**
 * SSZ inclusion proof of a blob's KZG commitment in a Deneb/Electra `BeaconBlockBody` (consensus-specs
 * deneb/p2p-interface.md `verify_blob_sidecar_inclusion_proof`, `is_valid_merkle_branch`), and the block root of a
 * `BeaconBlockHeader`. Depth and generalized index from @lodestar/params (mainnet preset): depth 17, subtree
 * index `KZG_COMMITMENT_SUBTREE_INDEX0 + index` (gindex 221184 + index). Pure.
 */
import { KZG_COMMITMENT_INCLUSION_PROOF_DEPTH, KZG_COMMITMENT_SUBTREE_INDEX0, MAX_BLOB_COMMITMENTS_PER_BLOCK } from '@lodestar/params'
import { sha256 } from '@noble/hashes/sha2.js'
import { MalformedInputError } from '../../errors/base.ts'
import { InclusionProofInvalidError } from '../../errors/storage.ts'
import { type Hex, toHex } from '../hex.ts'

export { KZG_COMMITMENT_INCLUSION_PROOF_DEPTH, MAX_BLOB_COMMITMENTS_PER_BLOCK }

/** hash_tree_root of a 48-byte `KZGCommitment` (ByteVector[48]): sha256(c[0:32] ‖ c[32:48] ‖ 0^16). */
export function commitmentRoot(commitment: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(64)
  chunk.set(commitment)
  return sha256(chunk)
}

/**
 * Checks that `commitment` (48 bytes) is `blob_kzg_commitments[index]` of the body whose root is `bodyRoot`
 * (32 bytes), by the 17 sibling hashes of `branch` (32 bytes each, leaf side first).
 * @throws {MalformedInputError} Wrong lengths, index outside 0…MAX_BLOB_COMMITMENTS_PER_BLOCK−1.
 * @throws {InclusionProofInvalidError} The branch does not lead to `bodyRoot`.
 */
export function verifyCommitmentInclusion(commitment: Uint8Array, index: number, branch: Uint8Array[], bodyRoot: Uint8Array): void {
  if (!(commitment instanceof Uint8Array) || commitment.length !== 48) throw new MalformedInputError({ what: 'KZG commitment', details: 'expected 48 bytes' })
  if (!Number.isSafeInteger(index) || index < 0 || index >= MAX_BLOB_COMMITMENTS_PER_BLOCK) {
    throw new MalformedInputError({ what: 'blob index', details: `expected 0…${MAX_BLOB_COMMITMENTS_PER_BLOCK - 1}` })
  }
  if (!Array.isArray(branch) || branch.length !== KZG_COMMITMENT_INCLUSION_PROOF_DEPTH || branch.some((b) => !(b instanceof Uint8Array) || b.length !== 32)) {
    throw new MalformedInputError({ what: 'KZG commitment inclusion proof', details: `expected ${KZG_COMMITMENT_INCLUSION_PROOF_DEPTH} hashes of 32 bytes` })
  }
  if (!(bodyRoot instanceof Uint8Array) || bodyRoot.length !== 32) throw new MalformedInputError({ what: 'body root', details: 'expected 32 bytes' })
  const position = KZG_COMMITMENT_SUBTREE_INDEX0 + index
  let node = commitmentRoot(commitment)
  const pair = new Uint8Array(64)
  for (let i = 0; i < KZG_COMMITMENT_INCLUSION_PROOF_DEPTH; i++) {
    if (Math.floor(position / 2 ** i) % 2 === 1) {
      pair.set(branch[i] as Uint8Array, 0)
      pair.set(node, 32)
    } else {
      pair.set(node, 0)
      pair.set(branch[i] as Uint8Array, 32)
    }
    node = sha256(pair)
  }
  for (let i = 0; i < 32; i++) if (node[i] !== bodyRoot[i]) throw new InclusionProofInvalidError({ index, bodyRoot: toHex(bodyRoot) })
}

/** A `BeaconBlockHeader` (phase0 onwards). */
export type BeaconBlockHeaderFields = { slot: bigint; proposerIndex: bigint; parentRoot: Uint8Array; stateRoot: Uint8Array; bodyRoot: Uint8Array }

/** An SSZ uint64 leaf: 8 bytes little-endian, zero-padded to 32. */
function uint64Leaf(v: bigint): Uint8Array {
  const leaf = new Uint8Array(32)
  for (let i = 0; i < 8; i++) leaf[i] = Number((v >> BigInt(8 * i)) & 0xffn)
  return leaf
}

/**
 * hash_tree_root(BeaconBlockHeader): the beacon block root a light client verifies. The container's five fields
 * are leaves 0…4 of an 8-leaf tree (leaves 5…7 zero).
 * @throws {MalformedInputError} A root not 32 bytes, a uint64 out of range.
 */
export function beaconBlockRoot(h: BeaconBlockHeaderFields): Hex {
  for (const v of [h.slot, h.proposerIndex]) {
    if (typeof v !== 'bigint' || v < 0n || v >= 2n ** 64n)
      throw new MalformedInputError({ what: 'beacon block header', details: 'slot / proposer_index must be uint64' })
  }
  for (const r of [h.parentRoot, h.stateRoot, h.bodyRoot]) {
    if (!(r instanceof Uint8Array) || r.length !== 32) throw new MalformedInputError({ what: 'beacon block header', details: 'roots must be 32 bytes' })
  }
  let level = [
    uint64Leaf(h.slot),
    uint64Leaf(h.proposerIndex),
    h.parentRoot,
    h.stateRoot,
    h.bodyRoot,
    new Uint8Array(32),
    new Uint8Array(32),
    new Uint8Array(32),
  ]
  while (level.length > 1) {
    const next: Uint8Array[] = []
    for (let i = 0; i < level.length; i += 2) {
      const pair = new Uint8Array(64)
      pair.set(level[i] as Uint8Array, 0)
      pair.set(level[i + 1] as Uint8Array, 32)
      next.push(sha256(pair))
    }
    level = next
  }
  return toHex(level[0] as Uint8Array)
}

import { hasher } from '@chainsafe/persistent-merkle-tree'
import type { BitArray } from '@chainsafe/ssz'
import { EPOCHS_PER_SYNC_COMMITTEE_PERIOD, SLOTS_PER_EPOCH } from '@lodestar/params'

// Three consensus-specs helpers, written here rather than imported from `@lodestar/light-client/utils`: that entry
// re-exports its REST client, which drags @lodestar/api and js-yaml (~270 KB of source) into the light-client
// worker and its start-up (docs/performance.md).

/** consensus-specs altair `compute_sync_committee_period_at_slot`: ⌊slot / SLOTS_PER_EPOCH / EPOCHS_PER_SYNC_COMMITTEE_PERIOD⌋. */
export function computeSyncPeriodAtSlot(slot: number): number {
  return Math.floor(Math.floor(slot / SLOTS_PER_EPOCH) / EPOCHS_PER_SYNC_COMMITTEE_PERIOD)
}

/** Number of set bits (sync-committee participants). */
export function sumBits(bits: BitArray): number {
  return bits.getTrueBitIndexes().length
}

/**
 * consensus-specs phase0 `is_valid_merkle_branch`: hashes `leaf` (32 bytes) up `depth` levels with the sibling
 * nodes of `branch` (32 bytes each), left or right by the bits of `index`, and compares with `root` (32 bytes).
 * A branch shorter than `depth` or with a node that is not 32 bytes is invalid (the spec would fail indexing it).
 */
export function isValidMerkleBranch(leaf: Uint8Array, branch: Uint8Array[], depth: number, index: number, root: Uint8Array): boolean {
  if (branch.length < depth || leaf.length !== 32 || root.length !== 32) return false
  let value = leaf
  for (let i = 0; i < depth; i++) {
    const node = branch[i] as Uint8Array
    if (node.length !== 32) return false
    value = Math.floor(index / 2 ** i) % 2 ? hasher.digest64(node, value) : hasher.digest64(value, node)
  }
  for (let i = 0; i < 32; i++) if (value[i] !== root[i]) return false
  return true
}

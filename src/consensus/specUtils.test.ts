import { isValidMerkleBranch as lodestarIsValid } from '@lodestar/light-client/utils'
import { ssz } from '@lodestar/types'
import { describe, expect, it } from 'vitest'
import bootstrap from '../../fixtures/mainnet-lc/bootstrap.json'
import { computeSyncPeriodAtSlot, isValidMerkleBranch } from './specUtils.ts'

// The bootstrap's current-sync-committee branch (capella: depth 5, index 22 % 32) against its header's state root.
const b = ssz.capella.LightClientBootstrap.fromJson(bootstrap.data)
const leaf = ssz.altair.SyncCommittee.hashTreeRoot(b.currentSyncCommittee)
const branch = b.currentSyncCommitteeBranch
const root = b.header.beacon.stateRoot

describe('specUtils (consensus-specs helpers written in-tree)', () => {
  it('is_valid_merkle_branch accepts the real mainnet committee branch, as Lodestar does', () => {
    expect(isValidMerkleBranch(leaf, branch, 5, 22, root)).toBe(true)
    expect(lodestarIsValid(leaf, branch, 5, 22, root)).toBe(true)
  })

  it('rejects a flipped bit in the leaf, any branch node or the root, a wrong index, a short branch or a short node', () => {
    const flip = (x: Uint8Array) => Uint8Array.from(x, (v, i) => (i === 31 ? v ^ 1 : v))
    expect(isValidMerkleBranch(flip(leaf), branch, 5, 22, root)).toBe(false)
    for (let i = 0; i < branch.length; i++)
      expect(
        isValidMerkleBranch(
          leaf,
          branch.map((n, j) => (j === i ? flip(n) : n)),
          5,
          22,
          root,
        ),
      ).toBe(false)
    expect(isValidMerkleBranch(leaf, branch, 5, 22, flip(root))).toBe(false)
    expect(isValidMerkleBranch(leaf, branch, 5, 23, root)).toBe(false)
    expect(isValidMerkleBranch(leaf, branch.slice(0, 4), 5, 22, root)).toBe(false)
    expect(isValidMerkleBranch(leaf, [branch[0]?.slice(0, 31) as Uint8Array, ...branch.slice(1)], 5, 22, root)).toBe(false)
  })

  it('compute_sync_committee_period_at_slot: 8192 slots per period', () => {
    expect(computeSyncPeriodAtSlot(0)).toBe(0)
    expect(computeSyncPeriodAtSlot(8191)).toBe(0)
    expect(computeSyncPeriodAtSlot(8192)).toBe(1)
    expect(computeSyncPeriodAtSlot(Number(bootstrap.data.header.beacon.slot))).toBe(862)
  })
})

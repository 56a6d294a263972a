import { isForkPostElectra } from '@lodestar/params'
import type { LightClientBootstrap } from '@lodestar/types'
import { toHex } from '@lodestar/utils'
import { CheckpointMismatchError, InvalidMerkleBranchError } from '../errors/consensus.ts'
import type { LightClientConfig } from './lightClientConfig.ts'
import { assertValidLightClientHeader } from './lightClientHeader.ts'
import { isValidMerkleBranch } from './specUtils.ts'
import { BeaconBlockHeader, SyncCommittee } from './sszLightClient.ts'

/**
 * `CURRENT_SYNC_COMMITTEE_GINDEX` in `BeaconState`: 54 (depth 5) before Electra, 86 (depth 6) after.
 * Spec: https://github.com/ethereum/consensus-specs/blob/v1.5.0/specs/electra/light-client/sync-protocol.md#new-constants
 */
const CURRENT_SYNC_COMMITTEE_INDEX = 22

/**
 * `initialize_light_client_store` checks: the header hashes to the trusted block root, the header is a
 * valid light-client header (execution branch), and `current_sync_committee` is proven under the
 * header's `state_root`.
 * Spec: https://github.com/ethereum/consensus-specs/blob/v1.5.0/specs/altair/light-client/sync-protocol.md#initialize_light_client_store
 * @param checkpointRoot - Trusted block root, 32 bytes.
 * @throws {CheckpointMismatchError} When hash_tree_root(header.beacon) differs from the checkpoint.
 * @throws {InvalidMerkleBranchError} When the execution or committee branch does not verify.
 */
export function validateBootstrap(config: LightClientConfig, checkpointRoot: Uint8Array, bootstrap: LightClientBootstrap): void {
  const headerRoot = BeaconBlockHeader.hashTreeRoot(bootstrap.header.beacon)
  if (toHex(headerRoot) !== toHex(checkpointRoot)) {
    throw new CheckpointMismatchError({ expected: toHex(checkpointRoot), actual: toHex(headerRoot) })
  }
  assertValidLightClientHeader(config, bootstrap.header)
  const electra = isForkPostElectra(config.getForkName(bootstrap.header.beacon.slot))
  const depth = electra ? 6 : 5
  if (
    !isValidMerkleBranch(
      SyncCommittee.hashTreeRoot(bootstrap.currentSyncCommittee),
      bootstrap.currentSyncCommitteeBranch,
      depth,
      CURRENT_SYNC_COMMITTEE_INDEX,
      bootstrap.header.beacon.stateRoot,
    )
  ) {
    throw new InvalidMerkleBranchError({ what: 'current sync committee', gindex: 2 ** depth + CURRENT_SYNC_COMMITTEE_INDEX })
  }
}

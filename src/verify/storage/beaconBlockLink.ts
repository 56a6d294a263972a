import { ForkName, isForkPostDeneb } from '@lodestar/params'
import { sszTypesFor } from '@lodestar/types'
import type { Hex } from 'viem'
import { MalformedInputError } from '../../errors/base.ts'
import { BlobNotAnchoredError } from '../../errors/storage.ts'
import { toHex } from '../hex.ts'
import { kzgToVersionedHash } from './kzg.ts'

/** A beacon block whose root was checked, with what a blob anchor needs from it. */
export type LinkedBeaconBlock = {
  root: Hex
  slot: number
  parentRoot: Hex
  /** The execution payload's block number. */
  executionBlockNumber: number
  /** Versioned hashes of `body.blob_kzg_commitments`, in order (0x01 ‖ sha256(commitment)[1:]). */
  versionedHashes: Hex[]
}

/**
 * Checks a served beacon block (beacon-API `/eth/v2/beacon/blocks/{root}` JSON, Deneb or later) against the root it
 * must have: hash_tree_root(BeaconBlock) = `root`. A root a verified child names as `parent_root` (or a verified
 * header's root) is thereby verified too, and so is everything in the body: the execution payload's block number and
 * the blob KZG commitments. Spec: consensus-specs deneb/beacon-chain.md `BeaconBlockBody.blob_kzg_commitments`
 * (https://github.com/ethereum/consensus-specs/blob/v1.5.0/specs/deneb/beacon-chain.md#beaconblockbody).
 * @param root - 32 bytes, 0x-hex.
 * @throws {MalformedInputError} Not a Deneb-or-later signed beacon block.
 * @throws {BlobNotAnchoredError} Its root is not `root`.
 */
export function linkBeaconBlock(blockJson: unknown, root: Hex): LinkedBeaconBlock {
  const v = blockJson as { version?: string; data?: unknown } | null
  const fork = v?.version as ForkName | undefined
  if (!v || !fork || !Object.values(ForkName).includes(fork) || !isForkPostDeneb(fork))
    throw new MalformedInputError({ what: 'signed beacon block', details: `expected a Deneb-or-later block, got version ${String(v?.version).slice(0, 40)}` })
  const types = sszTypesFor(fork) as any
  let message: any
  try {
    message = types.SignedBeaconBlock.fromJson(v.data).message
  } catch (cause) {
    throw new MalformedInputError({ what: `signed beacon block (${fork})`, cause })
  }
  const got = toHex(types.BeaconBlock.hashTreeRoot(message)) as Hex
  if (got !== root.toLowerCase()) throw new BlobNotAnchoredError({ details: `the beacon served block ${got} for root ${root}` })
  return {
    root: got,
    slot: Number(message.slot),
    parentRoot: toHex(message.parentRoot) as Hex,
    executionBlockNumber: Number(message.body.executionPayload.blockNumber),
    versionedHashes: (message.body.blobKzgCommitments as Uint8Array[]).map((c) => kzgToVersionedHash(c)),
  }
}

import bls from '@chainsafe/bls/switchable'
import type { PublicKey, Signature } from '@chainsafe/bls/types'
import {
  DOMAIN_SYNC_COMMITTEE,
  FINALIZED_ROOT_DEPTH,
  FINALIZED_ROOT_DEPTH_ELECTRA,
  FINALIZED_ROOT_INDEX,
  FINALIZED_ROOT_INDEX_ELECTRA,
  GENESIS_SLOT,
  isForkPostElectra,
  MIN_SYNC_COMMITTEE_PARTICIPANTS,
  NEXT_SYNC_COMMITTEE_DEPTH,
  NEXT_SYNC_COMMITTEE_DEPTH_ELECTRA,
  NEXT_SYNC_COMMITTEE_INDEX,
  NEXT_SYNC_COMMITTEE_INDEX_ELECTRA,
} from '@lodestar/params'
import type { altair, LightClientHeader } from '@lodestar/types'
import { InvalidMerkleBranchError, InvalidSyncCommitteeSignatureError, LightClientUpdateRejectedError } from '../errors/consensus.ts'
import type { LightClientConfig } from './lightClientConfig.ts'
import { assertValidLightClientHeader } from './lightClientHeader.ts'
import { isValidMerkleBranch } from './specUtils.ts'
import { BeaconBlockHeader, requireLightClientTypes, SigningData, SyncCommittee } from './sszLightClient.ts'
import { participantAggregatePubkey } from './syncCommitteePubkey.ts'

/**
 * Any light-client update, normalised: a `LightClientUpdate`, `LightClientFinalityUpdate` or
 * `LightClientOptimisticUpdate`; absent parts are null (a full update with zeroed parts becomes the same).
 */
export type NormalizedUpdate = {
  attestedHeader: LightClientHeader
  finalizedHeader: LightClientHeader | null
  finalityBranch: Uint8Array[] | null
  nextSyncCommittee: altair.SyncCommittee | null
  nextSyncCommitteeBranch: Uint8Array[] | null
  syncAggregate: altair.SyncAggregate
  signatureSlot: number
}

const isZero = (b: Uint8Array) => b.every((x) => x === 0)

/**
 * `is_valid_normalized_merkle_branch`: a branch longer than `depth` (a later fork's container) must start
 * with zero nodes; a shorter one is invalid.
 * Spec: https://github.com/ethereum/consensus-specs/blob/v1.5.0/specs/altair/light-client/sync-protocol.md#is_valid_normalized_merkle_branch
 */
function isValidNormalizedMerkleBranch(leaf: Uint8Array, branch: Uint8Array[], depth: number, index: number, root: Uint8Array): boolean {
  const extra = branch.length - depth
  if (extra < 0 || branch.slice(0, extra).some((n) => !isZero(n))) return false
  return isValidMerkleBranch(leaf, branch.slice(extra), depth, index, root)
}

/**
 * True when `header` is `LightClientHeader()` (every field zero, as SSZ `default`) of the container fork
 * of `attestedSlot` (the beacon-API `version` of the update; the decoders enforce that they agree).
 */
function isZeroLightClientHeader(config: LightClientConfig, attestedSlot: number, header: LightClientHeader): boolean {
  // An attested header before Capella (in an update of a later container) has no execution header to verify against.
  const type = (
    requireLightClientTypes(config.getForkName(attestedSlot)) as unknown as {
      LightClientHeader: { equals(a: unknown, b: unknown): boolean; defaultValue(): unknown }
    }
  ).LightClientHeader
  try {
    return type.equals(header, type.defaultValue())
  } catch {
    return false
  }
}

/**
 * Splits a full `LightClientUpdate` into its present parts: `is_finality_update` ⇔ some finality branch node
 * is non-zero, `is_sync_committee_update` ⇔ some next-committee branch node is non-zero. As
 * `validate_light_client_update` asserts, an absent part must be the zero value
 * (`finalized_header == LightClientHeader()`, `next_sync_committee == SyncCommittee()`).
 * @throws {LightClientUpdateRejectedError} When an absent part is not zero. {UnsupportedForkError} When the attested header is before Capella.
 */
export function normalizeUpdate(
  config: LightClientConfig,
  u: {
    attestedHeader: LightClientHeader
    finalizedHeader: LightClientHeader
    finalityBranch: Uint8Array[]
    nextSyncCommittee: altair.SyncCommittee
    nextSyncCommitteeBranch: Uint8Array[]
    syncAggregate: altair.SyncAggregate
    signatureSlot: number
  },
): NormalizedUpdate {
  const hasFinality = u.finalityBranch.some((n) => !isZero(n))
  const hasCommittee = u.nextSyncCommitteeBranch.some((n) => !isZero(n))
  if (!hasFinality && !isZeroLightClientHeader(config, u.attestedHeader.beacon.slot, u.finalizedHeader)) {
    throw new LightClientUpdateRejectedError({ kind: 'update', reason: 'finalized header must be zero for a non-finality update' })
  }
  if (!hasCommittee && (!isZero(u.nextSyncCommittee.aggregatePubkey) || u.nextSyncCommittee.pubkeys.some((k) => !isZero(k)))) {
    throw new LightClientUpdateRejectedError({ kind: 'update', reason: 'next sync committee must be zero for a non-committee update' })
  }
  return {
    attestedHeader: u.attestedHeader,
    finalizedHeader: hasFinality ? u.finalizedHeader : null,
    finalityBranch: hasFinality ? u.finalityBranch : null,
    nextSyncCommittee: hasCommittee ? u.nextSyncCommittee : null,
    nextSyncCommitteeBranch: hasCommittee ? u.nextSyncCommitteeBranch : null,
    syncAggregate: u.syncAggregate,
    signatureSlot: u.signatureSlot,
  }
}

/**
 * The store-independent part of `validate_light_client_update`, given the committee the store chose by
 * signature period (`LightClientStore.validate` does the store-dependent part first): participation, header
 * validity (execution branch), slot order, finality branch, next-committee branch and the sync-committee
 * BLS signature over the attested header.
 * Spec: https://github.com/ethereum/consensus-specs/blob/v1.5.0/specs/altair/light-client/sync-protocol.md#validate_light_client_update
 * DIFF FROM SPEC: the participants' aggregate key is `aggregate_pubkey` minus the non-participants
 * (`participantAggregatePubkey`), which is the same point without decompressing every member key.
 * @param checkSignature - The final pairing check: {@link verifySignatureNow} (default), or a collector for a batch.
 * @throws {InvalidMerkleBranchError | InvalidSyncCommitteeSignatureError | LightClientUpdateRejectedError | UnsupportedForkError}
 */
export function validateLightClientUpdate(
  config: LightClientConfig,
  update: NormalizedUpdate,
  committee: altair.SyncCommittee,
  checkSignature: SignatureCheck = verifySignatureNow,
): void {
  const bits = update.syncAggregate.syncCommitteeBits
  if (bits.getTrueBitIndexes().length < MIN_SYNC_COMMITTEE_PARTICIPANTS) {
    throw new LightClientUpdateRejectedError({ kind: 'update', reason: 'too few sync-committee participants' })
  }
  assertValidLightClientHeader(config, update.attestedHeader)
  const attested = update.attestedHeader.beacon
  if (update.signatureSlot <= attested.slot) {
    throw new LightClientUpdateRejectedError({ kind: 'update', reason: `signature slot ${update.signatureSlot} is not after attested slot ${attested.slot}` })
  }
  const electra = isForkPostElectra(config.getForkName(attested.slot))
  if (update.finalizedHeader && update.finalityBranch) {
    const f = update.finalizedHeader.beacon
    if (attested.slot < f.slot) {
      throw new LightClientUpdateRejectedError({ kind: 'update', reason: `attested slot ${attested.slot} is before finalized slot ${f.slot}` })
    }
    let root: Uint8Array
    if (f.slot === GENESIS_SLOT) {
      if (!isZeroLightClientHeader(config, attested.slot, update.finalizedHeader))
        throw new LightClientUpdateRejectedError({ kind: 'update', reason: 'a genesis finalized header must be zero' })
      root = new Uint8Array(32)
    } else {
      assertValidLightClientHeader(config, update.finalizedHeader)
      root = BeaconBlockHeader.hashTreeRoot(f)
    }
    const depth = electra ? FINALIZED_ROOT_DEPTH_ELECTRA : FINALIZED_ROOT_DEPTH
    const index = electra ? FINALIZED_ROOT_INDEX_ELECTRA : FINALIZED_ROOT_INDEX
    if (!isValidNormalizedMerkleBranch(root, update.finalityBranch, depth, index, attested.stateRoot)) {
      throw new InvalidMerkleBranchError({ what: 'finality', gindex: 2 ** depth + index })
    }
  }
  if (update.nextSyncCommittee && update.nextSyncCommitteeBranch) {
    const depth = electra ? NEXT_SYNC_COMMITTEE_DEPTH_ELECTRA : NEXT_SYNC_COMMITTEE_DEPTH
    const index = electra ? NEXT_SYNC_COMMITTEE_INDEX_ELECTRA : NEXT_SYNC_COMMITTEE_INDEX
    if (
      !isValidNormalizedMerkleBranch(SyncCommittee.hashTreeRoot(update.nextSyncCommittee), update.nextSyncCommitteeBranch, depth, index, attested.stateRoot)
    ) {
      throw new InvalidMerkleBranchError({ what: 'next sync committee', gindex: 2 ** depth + index })
    }
  }
  const signingRoot = SigningData.hashTreeRoot({
    objectRoot: BeaconBlockHeader.hashTreeRoot(attested),
    domain: config.getDomain(update.signatureSlot - 1, DOMAIN_SYNC_COMMITTEE),
  })
  let set: SyncCommitteeSignatureSet
  try {
    const publicKey = participantAggregatePubkey(committee, bits)
    const signature = bls.Signature.fromBytes(update.syncAggregate.syncCommitteeSignature, undefined, true)
    set = { signatureSlot: update.signatureSlot, publicKey, signingRoot, signature }
  } catch (cause) {
    throw new InvalidSyncCommitteeSignatureError({ slot: update.signatureSlot, cause })
  }
  checkSignature(set)
}

/**
 * The last step of {@link validateLightClientUpdate}: `bls.FastAggregateVerify(participant_pubkeys, signing_root,
 * sync_committee_signature)`, with the keys already aggregated and the signature already decompressed and
 * subgroup-checked.
 */
export type SyncCommitteeSignatureSet = {
  /** `update.signature_slot`, for the error. */
  signatureSlot: number
  /** The participants' aggregate key (G1). */
  publicKey: PublicKey
  /** `compute_signing_root(attested_header.beacon, DOMAIN_SYNC_COMMITTEE at signature_slot - 1)`, 32 bytes. */
  signingRoot: Uint8Array
  /** `sync_aggregate.sync_committee_signature`, decompressed (G2, in the subgroup). */
  signature: Signature
}

/**
 * How {@link validateLightClientUpdate} finishes: {@link verifySignatureNow} checks the pairing at once and throws;
 * `LightClientSession.applyUpdates` passes a collector instead and checks a whole batch together
 * ({@link verifySignatureBatch}), falling back to one-by-one checks when the batch fails.
 */
export type SignatureCheck = (set: SyncCommitteeSignatureSet) => void

/**
 * Checks one set now.
 * @throws {InvalidSyncCommitteeSignatureError} When the signature does not verify (or the backend throws).
 */
export const verifySignatureNow: SignatureCheck = (set) => {
  let ok: boolean
  try {
    ok = set.signature.verify(set.publicKey, set.signingRoot)
  } catch (cause) {
    throw new InvalidSyncCommitteeSignatureError({ slot: set.signatureSlot, cause })
  }
  if (!ok) throw new InvalidSyncCommitteeSignatureError({ slot: set.signatureSlot })
}

/**
 * True when every set verifies, checked as one randomised multi-pairing (`Signature.verifyMultipleSignatures`: herumi
 * `blsMultiVerify` in browsers, blst `verifyMultipleAggregateSignatures` in Node): `e(g1, Σ rᵢ·sigᵢ) = Π e(rᵢ·pkᵢ,
 * H(msgᵢ))` with 64-bit `rᵢ` from `crypto.getRandomValues`, drawn after the sets are fixed. n + 1 Miller loops and one
 * final exponentiation instead of 2n and n. All valid ⇒ true; any invalid ⇒ false except with probability at most
 * 2⁻⁶⁴ over the random scalars (the batch verification every consensus client uses for block and gossip signatures).
 * False on an empty list or when the backend throws, so that the caller checks one by one.
 */
export function verifySignatureBatch(sets: readonly SyncCommitteeSignatureSet[]): boolean {
  if (sets.length === 0) return false
  try {
    return bls.Signature.verifyMultipleSignatures(sets.map((s) => ({ publicKey: s.publicKey, message: s.signingRoot, signature: s.signature })))
  } catch {
    return false
  }
}

import { BaseError } from './base.ts'

/** The bootstrap's header does not hash to the trusted checkpoint block root. */
export class CheckpointMismatchError extends BaseError<'CheckpointMismatch'> {
  override name = 'CheckpointMismatchError'
  constructor({ expected, actual }: { expected: string; actual: string }) {
    super('CheckpointMismatch', 'Bootstrap header does not match the trusted checkpoint root.', {
      metaMessages: [`checkpoint: ${expected}`, `hash_tree_root(header): ${actual}`],
      docsPath: '/docs/errors.md#checkpointmismatch',
    })
  }
}

/** An SSZ Merkle branch does not fold to the root it claims (committee, finality or execution branch). */
export class InvalidMerkleBranchError extends BaseError<'InvalidMerkleBranch'> {
  override name = 'InvalidMerkleBranchError'
  constructor({ what, gindex, cause }: { what: string; gindex?: number; cause?: unknown }) {
    super('InvalidMerkleBranch', `Invalid ${what} Merkle branch.`, {
      cause,
      ...(gindex !== undefined ? { metaMessages: [`gindex: ${gindex}`] } : {}),
      docsPath: '/docs/errors.md#invalidmerklebranch',
    })
  }
}

/** The sync committee's aggregate BLS signature does not verify (or does not decode). */
export class InvalidSyncCommitteeSignatureError extends BaseError<'InvalidSyncCommitteeSignature'> {
  override name = 'InvalidSyncCommitteeSignatureError'
  constructor({ slot, cause }: { slot?: number; cause?: unknown }) {
    super('InvalidSyncCommitteeSignature', 'Sync committee signature is invalid.', {
      cause,
      ...(slot !== undefined ? { metaMessages: [`signature slot: ${slot}`] } : {}),
      docsPath: '/docs/errors.md#invalidsynccommitteesignature',
    })
  }
}

/** A light-client update the spec rejects for any other reason (participation, slots, missing committee). */
export class LightClientUpdateRejectedError extends BaseError<'LightClientUpdateRejected'> {
  override name = 'LightClientUpdateRejectedError'
  constructor({ kind, reason, cause }: { kind: string; reason: string; cause?: unknown }) {
    super('LightClientUpdateRejected', `Light-client ${kind} rejected: ${reason}`, {
      cause,
      docsPath: '/docs/errors.md#lightclientupdaterejected',
    })
  }
}

/** A persisted light-client store failed its integrity checks; it is discarded, never trusted. */
export class StoredStateInvalidError extends BaseError<'StoredStateInvalid'> {
  override name = 'StoredStateInvalidError'
  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super('StoredStateInvalid', `Stored light-client state discarded: ${reason}`, {
      cause,
      docsPath: '/docs/errors.md#storedstateinvalid',
    })
  }
}

/** The chain config names a fork this light client cannot follow (e.g. pre-Capella, no execution header). */
export class UnsupportedForkError extends BaseError<'UnsupportedFork'> {
  override name = 'UnsupportedForkError'
  constructor({ fork, reason }: { fork: string; reason: string }) {
    super('UnsupportedFork', `Fork ${fork} is not supported: ${reason}`, {
      docsPath: '/docs/errors.md#unsupportedfork',
    })
  }
}

/**
 * A request named the finalized header it was made for (its slot), and the light client has since moved to
 * another one: nothing is verified against a header other than the one asked about. The caller asks again
 * for the header the light client now holds.
 */
export class StaleHeaderError extends BaseError<'StaleHeader'> {
  override name = 'StaleHeaderError'
  constructor({ requestedSlot, finalizedSlot }: { requestedSlot: number; finalizedSlot: number }) {
    super('StaleHeader', `The light client's finalized header is no longer at slot ${requestedSlot}.`, {
      metaMessages: [`requested slot: ${requestedSlot}`, `finalized slot now: ${finalizedSlot}`],
      docsPath: '/docs/errors.md#staleheader',
    })
  }
}

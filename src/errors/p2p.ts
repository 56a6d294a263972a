import { BaseError } from './base.ts'

/** A segment lease (docs/prover-network.md, "SegmentLease") is not of the documented shape or its image id is not keccak-256(code ‖ entry). */
export class MalformedLeaseError extends BaseError<'MalformedLease'> {
  override name = 'MalformedLeaseError'
  constructor({ reason }: { reason: string }) {
    super('MalformedLease', `Malformed segment lease: ${reason}.`, { docsPath: '/docs/errors.md#malformedlease' })
  }
}

/**
 * A prover-network frame or message (docs/prover-network.md) is malformed: a length prefix over the
 * protocol's cap, a body that is not JSON, or JSON that is not one of the protocol's messages. The
 * stream that carried it is reset.
 */
export class ProtocolMessageError extends BaseError<'ProtocolMessage'> {
  override name = 'ProtocolMessageError'
  readonly protocol: string
  constructor({ protocol, reason, cause }: { protocol: string; reason: string; cause?: unknown }) {
    super('ProtocolMessage', `Bad ${protocol} message: ${reason}.`, { cause, docsPath: '/docs/errors.md#protocolmessage' })
    this.protocol = protocol
  }
}

/** A result names a lease the coordinator does not hold for this peer: unknown, expired and re-leased, or leased to another peer. */
export class UnknownLeaseError extends BaseError<'UnknownLease'> {
  override name = 'UnknownLeaseError'
  constructor({ leaseId }: { leaseId: string }) {
    super('UnknownLease', `Lease ${leaseId} is not held by this prover (unknown, expired or re-leased).`, { docsPath: '/docs/errors.md#unknownlease' })
  }
}

/** A job id the coordinator does not know, or a job submission it cannot run. */
export class UnknownJobError extends BaseError<'UnknownJob'> {
  override name = 'UnknownJobError'
  constructor({ jobId }: { jobId: string }) {
    super('UnknownJob', `Unknown job ${jobId}.`, { docsPath: '/docs/errors.md#unknownjob' })
  }
}

/** The coordinator dropped this prover after too many rejected proofs; its requests are refused. */
export class ProverDroppedError extends BaseError<'ProverDropped'> {
  override name = 'ProverDroppedError'
  constructor({ peerId, rejected }: { peerId: string; rejected: number }) {
    super('ProverDropped', `Prover ${peerId} was dropped after ${rejected} rejected proofs.`, { docsPath: '/docs/errors.md#proverdropped' })
  }
}

/** Dialling a peer, opening a stream to it or exchanging a message with it failed (refused, reset, timed out). */
export class PeerConnectionError extends BaseError<'PeerConnection'> {
  override name = 'PeerConnectionError'
  constructor({ peer, cause }: { peer: string; cause?: unknown }) {
    const reason = cause instanceof Error ? cause.message : cause instanceof Event ? `${cause.type} event` : String(cause)
    super('PeerConnection', `Connection to ${peer} failed.`, {
      cause: cause instanceof Error ? cause : undefined,
      details: reason,
      docsPath: '/docs/errors.md#peerconnection',
    })
  }
}

/** The coordinator holds its most unfinished jobs (overall or for this submitter); submit again when one completes. */
export class CoordinatorBusyError extends BaseError<'CoordinatorBusy'> {
  override name = 'CoordinatorBusyError'
  constructor({ limit, scope }: { limit: number; scope: 'coordinator' | 'submitter' }) {
    super('CoordinatorBusy', `The coordinator already holds ${limit} unfinished jobs${scope === 'submitter' ? ' from this submitter' : ''}.`, {
      docsPath: '/docs/errors.md#coordinatorbusy',
    })
  }
}

/** A job in the coordinator's state directory could not be restored (unreadable, id mismatch, a stored proof or receipt that does not verify); it is quarantined. */
export class StoredJobInvalidError extends BaseError<'StoredJobInvalid'> {
  override name = 'StoredJobInvalidError'
  constructor({ dir, reason, cause }: { dir: string; reason: string; cause?: unknown }) {
    super('StoredJobInvalid', `Stored job ${dir} is invalid: ${reason}.`, { cause, docsPath: '/docs/errors.md#storedjobinvalid' })
  }
}

/** A results-feed row's claim (proof id = job id, image id, program) does not match the receipt it serves, which verified. */
export class FeedClaimMismatchError extends BaseError<'FeedClaimMismatch'> {
  override name = 'FeedClaimMismatchError'
  constructor({ proofId, reason }: { proofId: string; reason: string }) {
    super('FeedClaimMismatch', `Feed row ${proofId} does not match its receipt: ${reason}.`, { docsPath: '/docs/errors.md#feedclaimmismatch' })
  }
}

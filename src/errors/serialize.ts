import { BaseError, InputTooLargeError, MalformedInputError } from './base.ts'
import * as call from './call.ts'
import * as consensus from './consensus.ts'
import * as net from './net.ts'
import * as p2p from './p2p.ts'
import * as prover from './prover.ts'
import * as receipts from './receipts.ts'
import * as storage from './storage.ts'
import * as verify from './verify.ts'
import * as vm from './vm.ts'
import * as zk from './zk.ts'

/** Plain-object form of an error: crosses `postMessage`, IndexedDB and the CLI's JSON output. */
export type SerializedError = {
  name: string
  code: string
  message: string
  shortMessage: string
  details?: string | undefined
  metaMessages?: string[] | undefined
  docsPath?: string | undefined
  cause?: SerializedError | undefined
}

// Keyed by the literal `name` each class sets (class identifiers do not survive minification).
const registry = new Map<string, { prototype: BaseError }>([
  ['MalformedInputError', MalformedInputError],
  ['InputTooLargeError', InputTooLargeError],
  ['CheckpointMismatchError', consensus.CheckpointMismatchError],
  ['InvalidMerkleBranchError', consensus.InvalidMerkleBranchError],
  ['InvalidSyncCommitteeSignatureError', consensus.InvalidSyncCommitteeSignatureError],
  ['LightClientUpdateRejectedError', consensus.LightClientUpdateRejectedError],
  ['StoredStateInvalidError', consensus.StoredStateInvalidError],
  ['UnsupportedForkError', consensus.UnsupportedForkError],
  ['StaleHeaderError', consensus.StaleHeaderError],
  ['HttpRequestError', net.HttpRequestError],
  ['RpcRequestError', net.RpcRequestError],
  ['TimeoutError', net.TimeoutError],
  ['WorkerStartError', net.WorkerStartError],
  ['InvalidMptProofError', verify.InvalidMptProofError],
  ['ProofValueMismatchError', verify.ProofValueMismatchError],
  ['BlockHashMismatchError', verify.BlockHashMismatchError],
  ['ExecutionPayloadMismatchError', verify.ExecutionPayloadMismatchError],
  ['ProofMismatchError', verify.ProofMismatchError],
  ['InvalidCurvePointError', zk.InvalidCurvePointError],
  ['InvalidPublicInputError', zk.InvalidPublicInputError],
  ['InvalidGroth16ProofError', zk.InvalidGroth16ProofError],
  ['UnknownSelectorError', zk.UnknownSelectorError],
  ['UnsupportedProofSystemError', zk.UnsupportedProofSystemError],
  ['ClaimRejectedError', zk.ClaimRejectedError],
  ['VerificationCancelledError', zk.VerificationCancelledError],
  ['ProvingCancelledError', zk.ProvingCancelledError],
  ['InvalidInstructionError', vm.InvalidInstructionError],
  ['AssemblyError', vm.AssemblyError],
  ['CycleLimitExceededError', vm.CycleLimitExceededError],
  ['VmFaultError', vm.VmFaultError],
  ['InvalidSegmentSizeError', vm.InvalidSegmentSizeError],
  ['NonCanonicalFieldElementError', prover.NonCanonicalFieldElementError],
  ['FieldDivisionByZeroError', prover.FieldDivisionByZeroError],
  ['InvalidProverInputError', prover.InvalidProverInputError],
  ['InvalidMerkleOpeningError', prover.InvalidMerkleOpeningError],
  ['InvalidProofOfWorkError', prover.InvalidProofOfWorkError],
  ['MalformedFriProofError', prover.MalformedFriProofError],
  ['InvalidFriProofError', prover.InvalidFriProofError],
  ['MalformedStarkProofError', prover.MalformedStarkProofError],
  ['InvalidStarkProofError', prover.InvalidStarkProofError],
  ['MalformedReceiptError', prover.MalformedReceiptError],
  ['InvalidReceiptError', prover.InvalidReceiptError],
  ['WebGpuUnavailableError', prover.WebGpuUnavailableError],

  ['MalformedLeaseError', p2p.MalformedLeaseError],
  ['ProtocolMessageError', p2p.ProtocolMessageError],
  ['UnknownLeaseError', p2p.UnknownLeaseError],
  ['UnknownJobError', p2p.UnknownJobError],
  ['ProverDroppedError', p2p.ProverDroppedError],
  ['PeerConnectionError', p2p.PeerConnectionError],
  ['CoordinatorBusyError', p2p.CoordinatorBusyError],
  ['StoredJobInvalidError', p2p.StoredJobInvalidError],
  ['FeedClaimMismatchError', p2p.FeedClaimMismatchError],

  ['KzgProofInvalidError', storage.KzgProofInvalidError],
  ['MalformedBlobError', storage.MalformedBlobError],
  ['InvalidKzgEncodingError', storage.InvalidKzgEncodingError],
  ['BlobSizeMismatchError', storage.BlobSizeMismatchError],
  ['VersionedHashMismatchError', storage.VersionedHashMismatchError],
  ['InclusionProofInvalidError', storage.InclusionProofInvalidError],
  ['SidecarMismatchError', storage.SidecarMismatchError],
  ['KzgVectorsMismatchError', storage.KzgVectorsMismatchError],
  ['BlobNotAnchoredError', storage.BlobNotAnchoredError],
  ['CallStateNotProvenError', call.CallStateNotProvenError],
  ['CodeHashMismatchError', call.CodeHashMismatchError],
  ['UnsupportedCallChainError', call.UnsupportedCallChainError],
  ['CallExecutionError', call.CallExecutionError],
  ['ReceiptsRootMismatchError', receipts.ReceiptsRootMismatchError],
  ['LogsBloomMismatchError', receipts.LogsBloomMismatchError],
  ['LogNotProvenError', receipts.LogNotProvenError],
  ['LogNotAnchoredError', receipts.LogNotAnchoredError],
])

/**
 * Every `code` a Lightbus error can carry (one per {@link BaseError} subclass in src/errors). Anything else
 * reaching the UI or the CLI serializes as `Unknown`, which is a bug (DESIGN.md: "fails with a typed error code").
 */
export const ERROR_CODES = [
  'MalformedInput',
  'InputTooLarge',
  'CheckpointMismatch',
  'InvalidMerkleBranch',
  'InvalidSyncCommitteeSignature',
  'LightClientUpdateRejected',
  'StoredStateInvalid',
  'UnsupportedFork',
  'StaleHeader',
  'HttpRequest',
  'RpcRequest',
  'Timeout',
  'WorkerStart',
  'InvalidMptProof',
  'ProofValueMismatch',
  'BlockHashMismatch',
  'ExecutionPayloadMismatch',
  'ProofMismatch',
  'InvalidCurvePoint',
  'InvalidPublicInput',
  'InvalidGroth16Proof',
  'UnknownSelector',
  'UnsupportedProofSystem',
  'ClaimRejected',
  'VerificationCancelled',
  'ProvingCancelled',
  // zkVM (src/errors/vm.ts)
  'InvalidInstruction',
  'Assembly',
  'CycleLimitExceeded',
  'VmFault',
  'InvalidSegmentSize',
  // devnet and replay servers (src/errors/server.ts)
  'RequestRejected',
  'JsonRpc',
  'DevnetStart',
  // STARK prover (src/errors/prover.ts)
  'NonCanonicalFieldElement',
  'FieldDivisionByZero',
  'InvalidProverInput',
  'InvalidMerkleOpening',
  'InvalidProofOfWork',
  'MalformedFriProof',
  'InvalidFriProof',
  'MalformedStarkProof',
  'InvalidStarkProof',
  'MalformedReceipt',
  'InvalidReceipt',
  'WebGpuUnavailable',

  // prover network (src/errors/p2p.ts)
  'MalformedLease',
  'ProtocolMessage',
  'UnknownLease',
  'UnknownJob',
  'ProverDropped',
  'PeerConnection',
  'CoordinatorBusy',
  'StoredJobInvalid',
  'FeedClaimMismatch',
  // wallet and web3:// (src/errors/wallet.ts, src/errors/web3.ts)
  'UserRejected',
  'WalletUnsupported',
  'WalletRequest',
  'Web3Url',
  'StoredDataUnavailable',

  // blobs, KZG, sidecars, blob transactions (src/errors/storage.ts)
  'KzgProofInvalid',
  'MalformedBlob',
  'InvalidKzgEncoding',
  'BlobSizeMismatch',
  'VersionedHashMismatch',
  'InclusionProofInvalid',
  'SidecarMismatch',
  'KzgVectorsMismatch',
  'BlobNotAnchored',
  // verified eth_call (src/errors/call.ts)
  'CallStateNotProven',
  'CodeHashMismatch',
  'UnsupportedCallChain',
  'CallExecution',
  // receipts-root log proofs (src/errors/receipts.ts)
  'ReceiptsRootMismatch',
  'LogsBloomMismatch',
  'LogNotProven',
  'LogNotAnchored',
  // proof market and service registry (src/errors/market.ts)
  'ContractReverted',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/** Turns any thrown value into a {@link SerializedError}, keeping the `cause` chain. */
export function serializeError(e: unknown, depth = 0): SerializedError {
  if (e instanceof BaseError) {
    return {
      name: e.name,
      code: e.code,
      message: e.message,
      shortMessage: e.shortMessage,
      details: e.details,
      metaMessages: e.metaMessages,
      docsPath: e.docsPath,
      cause: e.cause !== undefined && depth < 8 ? serializeError(e.cause, depth + 1) : undefined,
    }
  }
  if (e instanceof Error) {
    return {
      name: e.name,
      code: 'Unknown',
      message: e.message,
      shortMessage: e.message,
      cause: e.cause !== undefined && depth < 8 ? serializeError(e.cause, depth + 1) : undefined,
    }
  }
  return { name: 'Error', code: 'Unknown', message: String(e), shortMessage: String(e) }
}

/**
 * Rebuilds an error from its serialized form; a known `name` gets its class back (so `instanceof`
 * holds across the worker boundary), an unknown one becomes a {@link BaseError} with the same code.
 */
export function deserializeError(s: SerializedError): BaseError {
  const cls = registry.get(s.name)
  const proto = cls?.prototype ?? BaseError.prototype
  const e = Object.create(proto) as BaseError
  const cause = s.cause ? deserializeError(s.cause) : undefined
  Object.assign(e, {
    name: s.name,
    code: s.code,
    message: s.message,
    shortMessage: s.shortMessage,
    details: s.details,
    metaMessages: s.metaMessages,
    docsPath: s.docsPath,
    ...(cause ? { cause } : {}),
  })
  return e
}

import { BaseError } from './base.ts'

/** An EIP-1186 Merkle-Patricia proof does not resolve under the trusted root. */
export class InvalidMptProofError extends BaseError<'InvalidMptProof'> {
  override name = 'InvalidMptProofError'
  constructor({ what, cause }: { what: string; cause?: unknown }) {
    super('InvalidMptProof', `Invalid ${what} proof.`, {
      cause,
      docsPath: '/docs/errors.md#invalidmptproof',
    })
  }
}

/** A proof resolves, but to a value other than the one the endpoint claimed. */
export class ProofValueMismatchError extends BaseError<'ProofValueMismatch'> {
  override name = 'ProofValueMismatchError'
  constructor({ what, claimed, proven }: { what: string; claimed: string; proven: string }) {
    super('ProofValueMismatch', `Claimed ${what} does not match the proof.`, {
      metaMessages: [`claimed: ${claimed}`, `proven: ${proven}`],
      docsPath: '/docs/errors.md#proofvaluemismatch',
    })
  }
}

/** keccak256(rlp(header)) is not the block hash the header is anchored by. */
export class BlockHashMismatchError extends BaseError<'BlockHashMismatch'> {
  override name = 'BlockHashMismatchError'
  constructor({ expected, actual }: { expected: string; actual: string }) {
    super('BlockHashMismatch', 'Block header does not hash to its block hash.', {
      metaMessages: [`expected: ${expected}`, `keccak256(rlp(header)): ${actual}`],
      docsPath: '/docs/errors.md#blockhashmismatch',
    })
  }
}

/** A served beacon block or execution payload differs from the verified header it claims to be. */
export class ExecutionPayloadMismatchError extends BaseError<'ExecutionPayloadMismatch'> {
  override name = 'ExecutionPayloadMismatchError'
  constructor({ fields, what }: { fields: string[]; what: string }) {
    super('ExecutionPayloadMismatch', `${what} does not match the verified header.`, {
      metaMessages: [`mismatched: ${fields.join(', ') || 'root'}`],
      docsPath: '/docs/errors.md#executionpayloadmismatch',
    })
  }
}

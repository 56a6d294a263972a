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

/**
 * A proof answers another question than the one asked: another account, other storage keys (or the same
 * keys in another order, or some missing), or another block. It proves nothing about what was asked.
 */
export class ProofMismatchError extends BaseError<'ProofMismatch'> {
  override name = 'ProofMismatchError'
  constructor({ what, requested, answered }: { what: string; requested: string; answered: string }) {
    super('ProofMismatch', `The proof answers another ${what} than the one requested.`, {
      metaMessages: [`requested: ${requested}`, `answered: ${answered}`],
      docsPath: '/docs/errors.md#proofmismatch',
    })
  }
}

import { BaseError } from './base.ts'

/**
 * Errors of the blob / KZG / sidecar / blob-transaction verifiers (src/verify/storage). Each one says which
 * link of the storage chain broke (docs/storage-verification.md).
 */

/** A KZG proof (blob proof, point-evaluation proof or cell proof) does not verify against its commitment. */
export class KzgProofInvalidError extends BaseError<'KzgProofInvalid'> {
  override name = 'KzgProofInvalidError'
  constructor({ what, details }: { what: string; details?: string }) {
    super('KzgProofInvalid', `KZG proof of ${what} does not verify.`, {
      ...(details ? { details } : {}),
      docsPath: '/docs/errors.md#kzgproofinvalid',
    })
  }
}

/** A blob is not 131072 bytes, or one of its 4096 32-byte big-endian field elements is not below the BLS12-381 scalar modulus (or not 0x00-led under the 31-byte padding codec). */
export class MalformedBlobError extends BaseError<'MalformedBlob'> {
  override name = 'MalformedBlobError'
  constructor({ what, details }: { what: string; details: string }) {
    super('MalformedBlob', `Malformed blob: ${what}.`, { details, docsPath: '/docs/errors.md#malformedblob' })
  }
}

/** A KZG commitment or proof (48-byte compressed BLS12-381 G1) or an evaluation point (32-byte scalar) is not a valid encoding. */
export class InvalidKzgEncodingError extends BaseError<'InvalidKzgEncoding'> {
  override name = 'InvalidKzgEncodingError'
  constructor({ what, details }: { what: string; details: string }) {
    super('InvalidKzgEncoding', `Invalid ${what}.`, { details, docsPath: '/docs/errors.md#invalidkzgencoding' })
  }
}

/** A stored size does not fit the blob: larger than the codec's capacity, or non-zero bytes after it. */
export class BlobSizeMismatchError extends BaseError<'BlobSizeMismatch'> {
  override name = 'BlobSizeMismatchError'
  constructor({ size, details }: { size: number; details: string }) {
    super('BlobSizeMismatch', `The blob does not hold exactly ${size} bytes of content.`, { details, docsPath: '/docs/errors.md#blobsizemismatch' })
  }
}

/** The versioned hash of a commitment (0x01 ‖ sha256(commitment)[1:]) differs from the one it must equal. */
export class VersionedHashMismatchError extends BaseError<'VersionedHashMismatch'> {
  override name = 'VersionedHashMismatchError'
  constructor({ what, expected, actual }: { what: string; expected: string; actual: string }) {
    super('VersionedHashMismatch', `Versioned hash of ${what} does not match.`, {
      metaMessages: [`expected: ${expected}`, `actual: ${actual}`],
      docsPath: '/docs/errors.md#versionedhashmismatch',
    })
  }
}

/** The SSZ inclusion proof of a KZG commitment does not lead to the beacon block body root. */
export class InclusionProofInvalidError extends BaseError<'InclusionProofInvalid'> {
  override name = 'InclusionProofInvalidError'
  constructor({ index, bodyRoot }: { index: number; bodyRoot: string }) {
    super('InclusionProofInvalid', `Inclusion proof of blob commitment ${index} does not lead to the block body root.`, {
      metaMessages: [`body_root: ${bodyRoot}`],
      docsPath: '/docs/errors.md#inclusionproofinvalid',
    })
  }
}

/** Sidecars of one response name different beacon blocks, or repeat an index. */
export class SidecarMismatchError extends BaseError<'SidecarMismatch'> {
  override name = 'SidecarMismatchError'
  constructor({ details }: { details: string }) {
    super('SidecarMismatch', 'The blob sidecars do not belong to one block.', { details, docsPath: '/docs/errors.md#sidecarmismatch' })
  }
}

/** Test vectors whose result differs from the expected output (`verify kzg --vectors`). */
export class KzgVectorsMismatchError extends BaseError<'KzgVectorsMismatch'> {
  override name = 'KzgVectorsMismatchError'
  constructor({ cases, mismatched, names }: { cases: number; mismatched: number; names: string[] }) {
    super('KzgVectorsMismatch', `${mismatched} of ${cases} KZG test cases do not match their expected output.`, {
      details: names.slice(0, 20).join(', ') + (names.length > 20 ? ', …' : ''),
      docsPath: '/docs/errors.md#kzgvectorsmismatch',
    })
  }
}

/**
 * A blob could not be tied to a light-client-verified beacon block: the beacon served a block whose root is not the
 * one its child names (or the verified one), the block holding the execution block was not found within the walk's
 * bound, or the block's `blob_kzg_commitments` do not hold the blob's versioned hash.
 */
export class BlobNotAnchoredError extends BaseError<'BlobNotAnchored'> {
  override name = 'BlobNotAnchoredError'
  /** `contradiction`: a served block or sidecar contradicts the verified chain; `out-of-reach`: the block was not found within the walk (too old, or newer than the verified header). */
  readonly reason: 'contradiction' | 'out-of-reach'
  constructor({ details, reason = 'contradiction' }: { details: string; reason?: 'contradiction' | 'out-of-reach' }) {
    super('BlobNotAnchored', `The blob is not anchored in a verified beacon block: ${details}`, {
      docsPath: '/docs/errors.md#blobnotanchored',
    })
    this.reason = reason
  }
}

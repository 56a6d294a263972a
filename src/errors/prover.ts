import { BaseError } from './base.ts'

/** A field element was decoded from bytes that are not its canonical encoding (a value ≥ p, or the wrong length). */
export class NonCanonicalFieldElementError extends BaseError<'NonCanonicalFieldElement'> {
  override name = 'NonCanonicalFieldElementError'
  constructor({ field, reason }: { field: string; reason: string }) {
    super('NonCanonicalFieldElement', `Non-canonical ${field} element: ${reason}.`, { docsPath: '/docs/errors.md#noncanonicalfieldelement' })
  }
}

/** An inverse of zero was asked for (in the base field or its extension). Always a prover or verifier bug, or a crafted proof. */
export class FieldDivisionByZeroError extends BaseError<'FieldDivisionByZero'> {
  override name = 'FieldDivisionByZeroError'
  constructor({ field }: { field: string }) {
    super('FieldDivisionByZero', `Inverse of zero in ${field}.`, { docsPath: '/docs/errors.md#fielddivisionbyzero' })
  }
}

/** A prover routine got input outside its documented domain (a size that is not a power of two, a log size over the two-adicity). */
export class InvalidProverInputError extends BaseError<'InvalidProverInput'> {
  override name = 'InvalidProverInputError'
  constructor({ what, reason }: { what: string; reason: string }) {
    super('InvalidProverInput', `Invalid ${what}: ${reason}.`, { docsPath: '/docs/errors.md#invalidproverinput' })
  }
}

/** A Merkle opening (leaf row, index, authentication path) does not lead to the committed root. */
export class InvalidMerkleOpeningError extends BaseError<'InvalidMerkleOpening'> {
  override name = 'InvalidMerkleOpeningError'
  constructor({ index, reason }: { index: number; reason: string }) {
    super('InvalidMerkleOpening', `Merkle opening at leaf ${index} is invalid: ${reason}.`, { docsPath: '/docs/errors.md#invalidmerkleopening' })
  }
}

/** A proof-of-work (grinding) nonce does not give the required number of leading zero bits. */
export class InvalidProofOfWorkError extends BaseError<'InvalidProofOfWork'> {
  override name = 'InvalidProofOfWorkError'
  constructor({ bits, nonce }: { bits: number; nonce: number }) {
    super('InvalidProofOfWork', `Proof-of-work nonce ${nonce} does not give ${bits} leading zero bits.`, { docsPath: '/docs/errors.md#invalidproofofwork' })
  }
}

/** The bytes of an encoded FRI proof are not its canonical encoding (truncated, trailing bytes, a count out of range, a non-canonical element). */
export class MalformedFriProofError extends BaseError<'MalformedFriProof'> {
  override name = 'MalformedFriProofError'
  constructor({ reason }: { reason: string }) {
    super('MalformedFriProof', `Malformed FRI proof: ${reason}.`, { docsPath: '/docs/errors.md#malformedfriproof' })
  }
}

/** A well-formed FRI proof fails verification: wrong shape for the parameters, a folding inconsistency, or a final-polynomial mismatch. */
export class InvalidFriProofError extends BaseError<'InvalidFriProof'> {
  override name = 'InvalidFriProofError'
  constructor({ reason }: { reason: string }) {
    super('InvalidFriProof', `FRI proof rejected: ${reason}.`, { docsPath: '/docs/errors.md#invalidfriproof' })
  }
}

/** The bytes of an encoded STARK proof are not its canonical encoding (truncated, trailing bytes, a count out of range, a non-canonical element). */
export class MalformedStarkProofError extends BaseError<'MalformedStarkProof'> {
  override name = 'MalformedStarkProofError'
  constructor({ reason }: { reason: string }) {
    super('MalformedStarkProof', `Malformed STARK proof: ${reason}.`, { docsPath: '/docs/errors.md#malformedstarkproof' })
  }
}

/** A well-formed STARK proof fails verification: wrong shape, a constraint identity failing at the out-of-domain point, or openings inconsistent with FRI layer 0. */
export class InvalidStarkProofError extends BaseError<'InvalidStarkProof'> {
  override name = 'InvalidStarkProofError'
  constructor({ reason }: { reason: string }) {
    super('InvalidStarkProof', `STARK proof rejected: ${reason}.`, { docsPath: '/docs/errors.md#invalidstarkproof' })
  }
}

/** A composite receipt's JSON is not of the documented shape (docs/zkvm-air.md, "Receipt"): a missing or mistyped field, a bad hex string, a count out of range. */
export class MalformedReceiptError extends BaseError<'MalformedReceipt'> {
  override name = 'MalformedReceiptError'
  constructor({ reason }: { reason: string }) {
    super('MalformedReceipt', `Malformed receipt: ${reason}.`, { docsPath: '/docs/errors.md#malformedreceipt' })
  }
}

/**
 * A well-formed composite receipt does not prove its claim: image id or input digest mismatch,
 * segments missing, reordered or discontinuous, a wrong segment size or parameters, a claim (exit
 * code, journal, cycles) that differs from what the segments prove. A failing segment proof throws
 * the STARK's own error instead.
 */
export class InvalidReceiptError extends BaseError<'InvalidReceipt'> {
  override name = 'InvalidReceiptError'
  constructor({ reason, segment }: { reason: string; segment?: number }) {
    super('InvalidReceipt', `Receipt rejected${segment === undefined ? '' : ` at segment ${segment}`}: ${reason}.`, {
      docsPath: '/docs/errors.md#invalidreceipt',
    })
  }
}

/** The WebGPU prover backend was asked for but there is no usable adapter or device (the reason says which). */
export class WebGpuUnavailableError extends BaseError<'WebGpuUnavailable'> {
  override name = 'WebGpuUnavailableError'
  constructor({ reason }: { reason: string }) {
    super('WebGpuUnavailable', `WebGPU is unavailable: ${reason}.`, { docsPath: '/docs/errors.md#webgpuunavailable' })
  }
}

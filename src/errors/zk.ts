import { BaseError } from './base.ts'

/** A proof or key point is not a valid curve point of its group. */
export class InvalidCurvePointError extends BaseError<'InvalidCurvePoint'> {
  override name = 'InvalidCurvePointError'
  constructor({
    point,
    reason,
    cause,
  }: { point: string; reason: 'not on curve' | 'not in subgroup' | 'point at infinity' | 'coordinate out of range'; cause?: unknown }) {
    super('InvalidCurvePoint', `Point ${point} is invalid: ${reason}.`, { cause, docsPath: '/docs/errors.md#invalidcurvepoint' })
  }
}

/** A public input is not a canonical BN254 scalar (≥ r) or the count does not match the key. */
export class InvalidPublicInputError extends BaseError<'InvalidPublicInput'> {
  override name = 'InvalidPublicInputError'
  constructor({ reason }: { reason: string }) {
    super('InvalidPublicInput', `Invalid public input: ${reason}.`, { docsPath: '/docs/errors.md#invalidpublicinput' })
  }
}

/** The Groth16 pairing equation does not hold: the proof is not valid for these public inputs and key. */
export class InvalidGroth16ProofError extends BaseError<'InvalidGroth16Proof'> {
  override name = 'InvalidGroth16ProofError'
  constructor({ family }: { family: string }) {
    super('InvalidGroth16Proof', `The ${family} Groth16 proof does not verify.`, {
      metaMessages: ['The pairing check failed: the proof, the public inputs or the verifying key differ from what was proven.'],
      docsPath: '/docs/errors.md#invalidgroth16proof',
    })
  }
}

/** A seal's 4-byte selector names no verifier version Lightbus knows. Never guessed. */
export class UnknownSelectorError extends BaseError<'UnknownSelector'> {
  override name = 'UnknownSelectorError'
  constructor({ family, selector }: { family: string; selector: string }) {
    super('UnknownSelector', `Unknown ${family} verifier selector ${selector}.`, { docsPath: '/docs/errors.md#unknownselector' })
  }
}

/** A proof system Lightbus cannot verify in the tab (e.g. gnark PLONK): shown as unsupported, never verified. */
export class UnsupportedProofSystemError extends BaseError<'UnsupportedProofSystem'> {
  override name = 'UnsupportedProofSystemError'
  constructor({ system, reason }: { system: string; reason: string }) {
    super('UnsupportedProofSystem', `${system} proofs are not verified by Lightbus: ${reason}`, { docsPath: '/docs/errors.md#unsupportedproofsystem' })
  }
}

/** A proof verifies but its committed statement is not acceptable (non-zero exit code, wrong vk root). */
export class ClaimRejectedError extends BaseError<'ClaimRejected'> {
  override name = 'ClaimRejectedError'
  constructor({ reason }: { reason: string }) {
    super('ClaimRejected', `The proven claim is rejected: ${reason}.`, { docsPath: '/docs/errors.md#claimrejected' })
  }
}

/** A verification was cancelled (its AbortSignal fired) before it finished. */
export class VerificationCancelledError extends BaseError<'VerificationCancelled'> {
  override name = 'VerificationCancelledError'
  constructor() {
    super('VerificationCancelled', 'Verification cancelled.', { docsPath: '/docs/errors.md#verificationcancelled' })
  }
}

/** A proving job in the tab was cancelled (its Cancel button or AbortSignal) before it finished; its worker is terminated. */
export class ProvingCancelledError extends BaseError<'ProvingCancelled'> {
  override name = 'ProvingCancelledError'
  constructor() {
    super('ProvingCancelled', 'Proving cancelled.', { docsPath: '/docs/errors.md#provingcancelled' })
  }
}

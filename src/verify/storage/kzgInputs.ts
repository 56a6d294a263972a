/**
 * Strict checks of KZG inputs before they reach the library: micro-eth-signer's verifiers answer `false` for
 * malformed input, where the spec (consensus-specs deneb/polynomial-commitments.md `bytes_to_kzg_commitment`,
 * `bytes_to_bls_field`, `blob_to_polynomial`) raises. Here malformed input throws a typed error, a proof that
 * does not verify throws KzgProofInvalid. Pure.
 */
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { InvalidKzgEncodingError, MalformedBlobError } from '../../errors/storage.ts'

/** EIP-4844 `FIELD_ELEMENTS_PER_BLOB`. */
export const FIELD_ELEMENTS_PER_BLOB = 4096
/** EIP-4844 `BYTES_PER_FIELD_ELEMENT`. */
export const BYTES_PER_FIELD_ELEMENT = 32
/** EIP-4844 blob size, bytes (4096 × 32). */
export const BYTES_PER_BLOB = FIELD_ELEMENTS_PER_BLOB * BYTES_PER_FIELD_ELEMENT
/** A compressed BLS12-381 G1 point (commitment, proof), bytes. */
export const BYTES_PER_G1 = 48
/** BLS12-381 scalar field modulus (`BLS_MODULUS`). */
export const BLS_MODULUS = bls12_381.fields.Fr.ORDER

const G1 = bls12_381.G1.Point

/** Whether 32 big-endian bytes at `off` encode an integer below {@link BLS_MODULUS}. */
function isCanonicalScalar(bytes: Uint8Array, off: number): boolean {
  let v = 0n
  for (let i = 0; i < 32; i++) v = (v << 8n) | BigInt(bytes[off + i] as number)
  return v < BLS_MODULUS
}

/**
 * Asserts a blob: exactly {@link BYTES_PER_BLOB} bytes, every 32-byte big-endian field element below the BLS modulus.
 * @throws {MalformedBlobError}
 */
export function assertBlob(blob: Uint8Array, what = 'blob'): void {
  if (!(blob instanceof Uint8Array) || blob.length !== BYTES_PER_BLOB) {
    throw new MalformedBlobError({ what, details: `expected ${BYTES_PER_BLOB} bytes, got ${blob instanceof Uint8Array ? blob.length : typeof blob}` })
  }
  for (let i = 0; i < FIELD_ELEMENTS_PER_BLOB; i++) {
    const off = i * 32
    // Fast path: a leading byte below 0x73 (the modulus' top byte) is always canonical.
    if ((blob[off] as number) < 0x73) continue
    if (!isCanonicalScalar(blob, off)) throw new MalformedBlobError({ what, details: `field element ${i} is not below the BLS12-381 scalar modulus` })
  }
}

/**
 * Asserts a 48-byte compressed G1 point on the curve and in the prime-order subgroup (the point at infinity
 * 0xc0 ‖ 0^47 included), as `bytes_to_kzg_commitment` / `bytes_to_kzg_proof` (`KeyValidate` without the identity check).
 * @throws {InvalidKzgEncodingError}
 */
export function assertG1(bytes: Uint8Array, what: string): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== BYTES_PER_G1) {
    throw new InvalidKzgEncodingError({ what, details: `expected ${BYTES_PER_G1} bytes, got ${bytes instanceof Uint8Array ? bytes.length : typeof bytes}` })
  }
  try {
    G1.fromBytes(bytes).assertValidity()
  } catch (e) {
    throw new InvalidKzgEncodingError({ what, details: e instanceof Error ? e.message.slice(0, 200) : 'not a G1 point' })
  }
}

/** Asserts 48 bytes (the cheap part of {@link assertG1}). @throws {InvalidKzgEncodingError} */
export function assertG1Length(bytes: Uint8Array, what: string): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== BYTES_PER_G1) {
    throw new InvalidKzgEncodingError({ what, details: `expected ${BYTES_PER_G1} bytes, got ${bytes instanceof Uint8Array ? bytes.length : typeof bytes}` })
  }
}

/** Asserts a 32-byte big-endian scalar below the BLS modulus (`bytes_to_bls_field`). @throws {InvalidKzgEncodingError} */
export function assertScalar(bytes: Uint8Array, what: string): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== 32) {
    throw new InvalidKzgEncodingError({ what, details: `expected 32 bytes, got ${bytes instanceof Uint8Array ? bytes.length : typeof bytes}` })
  }
  if (!isCanonicalScalar(bytes, 0)) throw new InvalidKzgEncodingError({ what, details: 'not below the BLS12-381 scalar modulus' })
}

import { concatBytes, hexToBytes as nobleHexToBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { MalformedInputError } from '../../errors/base.ts'
import { describeValue, toHex } from '../hex.ts'

export { concatBytes, describeValue, toHex, utf8ToBytes }

/** Upper bound of any hex field of a proof file: 1 MiB of bytes (SP1 public values are the largest, KBs). */
export const MAX_HEX_BYTES = 1 << 20

/**
 * 0x-hex → bytes, optionally of an exact length; at most {@link MAX_HEX_BYTES} bytes (checked before parsing).
 * @throws {MalformedInputError}
 */
export function hexBytes(value: unknown, what: string, length?: number): Uint8Array {
  if (typeof value === 'string' && value.length > 2 + 2 * (length ?? MAX_HEX_BYTES)) {
    throw new MalformedInputError({ what, details: `expected at most ${length ?? MAX_HEX_BYTES} bytes, got a ${value.length}-character string` })
  }
  if (typeof value !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(value)) {
    throw new MalformedInputError({ what, details: `expected 0x-hex bytes, got ${describeValue(value)}` })
  }
  const b = nobleHexToBytes(value.slice(2))
  if (length !== undefined && b.length !== length) throw new MalformedInputError({ what, details: `expected ${length} bytes, got ${b.length}` })
  return b
}

/** Unsigned integer from big-endian bytes. */
export const beToBig = (b: Uint8Array) => b.reduce((x, v) => (x << 8n) | BigInt(v), 0n)
/** Unsigned integer from little-endian bytes. */
export const leToBig = (b: Uint8Array) => b.reduceRight((x, v) => (x << 8n) | BigInt(v), 0n)

/** `n` as `length` bytes, little-endian. */
export function leBytes(n: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length)
  let x = n
  for (let i = 0; i < length; i++) {
    out[i] = Number(x & 0xffn)
    x >>= 8n
  }
  return out
}

/** `n` as `length` bytes, big-endian. */
export const beBytes = (n: bigint, length: number) => leBytes(n, length).reverse()

/**
 * Parses an unsigned integer of at most 256 bits: a safe integer number, or a decimal (≤ 78 digits) or 0x-hex
 * (≤ 64 digits) string. Longer strings are rejected before `BigInt` (whose decimal parsing is quadratic).
 * @throws {MalformedInputError}
 */
export function parseInteger(value: unknown, what: string): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value)
  if (typeof value === 'string' && /^(0x[0-9a-fA-F]{1,64}|\d{1,78})$/.test(value)) {
    const n = BigInt(value)
    if (n < 1n << 256n) return n
  }
  throw new MalformedInputError({ what, details: `expected an unsigned 256-bit integer, got ${describeValue(value)}` })
}

/** 2^253 − 1: Telepathy and SP1 clear the top 3 bits of a SHA-256 digest to fit the BN254 scalar field. */
export const MASK_253 = (1n << 253n) - 1n

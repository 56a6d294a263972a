import { concatBytes, hexToBytes as nobleHexToBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { MalformedInputError } from '../../errors/base.ts'

export { concatBytes, utf8ToBytes }

/** 0x-hex → bytes, optionally of an exact length. @throws {MalformedInputError} */
export function hexBytes(value: unknown, what: string, length?: number): Uint8Array {
  if (typeof value !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(value)) {
    throw new MalformedInputError({ what, details: `expected 0x-hex bytes, got ${JSON.stringify(value)?.slice(0, 60)}` })
  }
  const b = nobleHexToBytes(value.slice(2))
  if (length !== undefined && b.length !== length) throw new MalformedInputError({ what, details: `expected ${length} bytes, got ${b.length}` })
  return b
}

export const toHex = (b: Uint8Array) => `0x${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')}` as `0x${string}`

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

/** Parses a decimal or 0x-hex integer string. @throws {MalformedInputError} */
export function parseInteger(value: unknown, what: string): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value)
  if (typeof value === 'string' && /^(0x[0-9a-fA-F]+|\d+)$/.test(value)) return BigInt(value)
  throw new MalformedInputError({ what, details: `expected an unsigned integer, got ${JSON.stringify(value)?.slice(0, 60)}` })
}

/** 2^253 − 1: Telepathy and SP1 clear the top 3 bits of a SHA-256 digest to fit the BN254 scalar field. */
export const MASK_253 = (1n << 253n) - 1n

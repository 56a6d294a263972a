/**
 * The project's one hex module: 0x-hex strings ↔ bytes and JSON-RPC quantities, each check either a
 * predicate (`isX`, never throws) or an assertion (`assertX`, throws a typed `MalformedInputError`).
 * Pure (no IO); importable from src/consensus, src/verify, src/net, devnet/ and cli/.
 * Formats: "0x" + lower- or upper-case hex digits; byte strings have 2 digits per byte (big-endian as
 * written); quantities follow the Ethereum JSON-RPC encoding
 * (https://github.com/ethereum/execution-apis/blob/98e21800a694d988c911cd6b1ace12a960e5778b/src/schemas/base-types.yaml, `uint`).
 */
import { MalformedInputError } from '../errors/base.ts'

/**
 * A short, bounded description of an untrusted value for error details: never recurses into it (a deeply
 * nested JSON value would overflow `JSON.stringify`) and never calls its methods. Never throws.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value)
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value == null) return String(value)
  return Array.isArray(value) ? `an array of ${value.length}` : `a ${typeof value}`
}

/** A 0x-prefixed hex string. */
export type Hex = `0x${string}`

const HEX = /^0x[0-9a-fA-F]*$/
const QUANTITY = /^0x(0|[1-9a-fA-F][0-9a-fA-F]*)$/

/** Whether `value` is 0x-hex, of exactly `bytes` bytes when given (odd digit counts are not bytes). Never throws. */
export function isHexString(value: unknown, bytes?: number): value is Hex {
  if (typeof value !== 'string' || !HEX.test(value)) return false
  return bytes === undefined || value.length === 2 + bytes * 2
}

/** Whether `value` is a 32-byte 0x-hex string (a root, a hash, a storage key): `^0x[0-9a-fA-F]{64}$`. Never throws. */
export const isHex32 = (value: unknown): value is Hex => isHexString(value, 32)

/**
 * Asserts a 0x-prefixed hex string (optionally of exactly `bytes` bytes) and returns it lower-cased.
 * @param what - Names the value in the error (`"checkpoint root"`, `"storage key 3"`).
 * @throws {MalformedInputError} When `value` is not 0x-hex, or not `bytes` bytes long.
 */
export function assertHex(value: unknown, what: string, bytes?: number): Hex {
  if (!isHexString(value)) throw new MalformedInputError({ what, details: `expected 0x-hex, got ${describeValue(value)}` })
  if (bytes !== undefined && value.length !== 2 + bytes * 2) {
    throw new MalformedInputError({ what, details: `expected ${bytes} bytes, got ${(value.length - 2) / 2}` })
  }
  return value.toLowerCase() as Hex
}

/** `assertHex(value, what, 32)`: a lower-cased 32-byte root or hash. @throws {MalformedInputError} */
export const assertHex32 = (value: unknown, what: string): Hex => assertHex(value, what, 32)

/**
 * Decodes 0x-hex to bytes (2 digits per byte, in order).
 * @param bytes - The exact byte length required, if any.
 * @throws {MalformedInputError} When `value` is not 0x-hex of whole bytes, or not `bytes` long.
 */
export function hexToBytes(value: unknown, what: string, bytes?: number): Uint8Array {
  const hex = assertHex(value, what, bytes)
  if (hex.length % 2 !== 0) throw new MalformedInputError({ what, details: `odd number of hex digits (${hex.length - 2})` })
  const out = new Uint8Array((hex.length - 2) / 2)
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 + 2 * i, 4 + 2 * i), 16)
  return out
}

/** Bytes as lower-case 0x-hex, 2 digits per byte (`0x` for none). */
export function toHex(bytes: Uint8Array | ArrayBufferLike): Hex {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
  let s = '0x'
  for (const x of b) s += x.toString(16).padStart(2, '0')
  return s as Hex
}

/**
 * A non-negative integer as a JSON-RPC quantity (`0x0`, `0x2a`; no leading zeros).
 * @throws {MalformedInputError} When `n` is negative or not an integer.
 */
export function quantityToHex(n: bigint | number): Hex {
  if ((typeof n === 'number' && !Number.isSafeInteger(n)) || n < 0) throw new MalformedInputError({ what: 'quantity', details: `got ${String(n)}` })
  return `0x${n.toString(16)}`
}

/** Whether `value` is a JSON-RPC quantity (0x-hex, no leading zeros). Never throws. */
export const isQuantity = (value: unknown): value is Hex => typeof value === 'string' && QUANTITY.test(value)

/**
 * Parses a 0x-hex quantity to bigint (leading zeros tolerated, as many servers send them).
 * @throws {MalformedInputError} When `value` is not a 0x-hex string with at least one digit.
 */
export function parseQuantity(value: unknown, what: string): bigint {
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]+$/.test(value)) {
    throw new MalformedInputError({ what, details: `expected a 0x-quantity, got ${describeValue(value)}` })
  }
  return BigInt(value)
}

/** Unwraps a JSON-RPC envelope `{ jsonrpc, id, result }`; a bare result passes through. */
export function unwrapRpcResult(json: unknown): unknown {
  if (json && typeof json === 'object' && 'jsonrpc' in json && 'result' in json) return (json as { result: unknown }).result
  return json
}

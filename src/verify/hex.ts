import { type Hex, isHex } from 'viem'
import { MalformedInputError } from '../errors/base.ts'

/** A short, safe description of an input value for error details (never recurses: any depth, any size). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value)
  if (Array.isArray(value)) return `an array of ${value.length}`
  if (value === null) return 'null'
  return typeof value === 'object' ? 'an object' : String(value).slice(0, 80)
}

/**
 * Asserts a 0x-prefixed hex string (optionally of exactly `bytes` bytes) and returns it lower-cased.
 * @throws {MalformedInputError}
 */
export function assertHex(value: unknown, what: string, bytes?: number): Hex {
  if (typeof value !== 'string' || !isHex(value, { strict: true })) {
    throw new MalformedInputError({ what, details: `expected 0x-hex, got ${describeValue(value)}` })
  }
  if (bytes !== undefined && value.length !== 2 + bytes * 2) {
    throw new MalformedInputError({ what, details: `expected ${bytes} bytes, got ${(value.length - 2) / 2}` })
  }
  return value.toLowerCase() as Hex
}

/** Parses a JSON-RPC quantity (0x-hex, no leading zeros required) to bigint. @throws {MalformedInputError} */
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

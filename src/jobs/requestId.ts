import { getAddress, type Hex, isAddress } from 'viem'
import { MalformedInputError } from '../errors/base.ts'

/**
 * ProofMarket request ids (contracts/ProofMarket.sol `ProofRequest.id`): `(client << 32) | index`, index a uint32,
 * plus bit 192 when the client is an ERC-1271 contract (smart wallet). The contract reverts InvalidRequestId on any
 * other bit ≥ 192 (such ids would alias: the address is read as bits 32..191).
 */
export const SMART_WALLET_FLAG = 1n << 192n
const MAX_INDEX = 0xffff_ffff

const bad = (details: string) => new MalformedInputError({ what: 'request id', details })

/**
 * @param client 20-byte address of the client (0x-hex, any case).
 * @param index uint32 (0 … 2^32 − 1), unique per client.
 * @throws {MalformedInputError} for a malformed address or an index out of range.
 */
export function requestIdOf(client: Hex, index: number, { smartWallet = false }: { smartWallet?: boolean } = {}): bigint {
  if (!isAddress(client, { strict: false })) throw bad(`${String(client).slice(0, 44)} is not a 20-byte address`)
  if (!Number.isInteger(index) || index < 0 || index > MAX_INDEX) throw bad(`index ${index} is not a uint32`)
  return (BigInt(client) << 32n) | BigInt(index) | (smartWallet ? SMART_WALLET_FLAG : 0n)
}

/** @throws {MalformedInputError} unless `id` is a valid request id (0 ≤ id < 2^193). */
export function assertRequestId(id: bigint): void {
  if (typeof id !== 'bigint' || id < 0n) throw bad('not a non-negative integer')
  if (id >> 193n !== 0n) throw bad(`bits above 192 are set (0x${id.toString(16)}); the market reverts InvalidRequestId`)
}

/** The client address (checksummed) of a valid request id. @throws {MalformedInputError} */
export function clientOf(id: bigint): Hex {
  assertRequestId(id)
  return getAddress(`0x${((id >> 32n) & ((1n << 160n) - 1n)).toString(16).padStart(40, '0')}`)
}

/** The uint32 index of a valid request id. @throws {MalformedInputError} */
export function indexOf(id: bigint): number {
  assertRequestId(id)
  return Number(id & BigInt(MAX_INDEX))
}

/** Whether a valid request id names an ERC-1271 client (bit 192). @throws {MalformedInputError} */
export function isSmartWalletId(id: bigint): boolean {
  assertRequestId(id)
  return (id & SMART_WALLET_FLAG) !== 0n
}

/** Parses a request id from decimal or 0x-hex text (URLs, forms). @throws {MalformedInputError} */
export function parseRequestId(text: string): bigint {
  if (!/^(0x[0-9a-fA-F]{1,64}|[0-9]{1,78})$/.test(text)) throw bad(`${text.slice(0, 80)} is not a decimal or 0x-hex integer`)
  const id = BigInt(text)
  assertRequestId(id)
  return id
}

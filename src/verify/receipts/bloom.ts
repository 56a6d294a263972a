import { hexToBytes, keccak256 } from 'viem'
import type { Hex } from '../hex.ts'
import type { ReceiptLog } from './parseReceipt.ts'

/** Bytes of a logs bloom (2048 bits). */
export const BLOOM_BYTES = 256

/**
 * The three bloom bits of one item (yellow paper §4.3.1, M3:2048): for i in 0..2, the low 11 bits of the
 * big-endian 16-bit word at bytes [2i, 2i+1] of keccak256(item); bit b is byte 255 − ⌊b/8⌋, mask 1 << (b mod 8).
 */
function bloomBits(item: Uint8Array): [number, number][] {
  const h = hexToBytes(keccak256(item))
  const out: [number, number][] = []
  for (let i = 0; i < 6; i += 2) {
    const b = (((h[i] as number) << 8) | (h[i + 1] as number)) & 0x7ff
    out.push([BLOOM_BYTES - 1 - (b >> 3), 1 << (b & 7)])
  }
  return out
}

/** The logs bloom of a list of logs: each log's 20-byte address and each 32-byte topic (not its data). 256 bytes. */
export function logsBloom(logs: readonly ReceiptLog[]): Uint8Array {
  const bloom = new Uint8Array(BLOOM_BYTES)
  for (const log of logs) {
    for (const item of [log.address, ...log.topics]) for (const [byte, mask] of bloomBits(hexToBytes(item))) bloom[byte] = (bloom[byte] as number) | mask
  }
  return bloom
}

/** Whether a 256-byte bloom may contain `item` (false: certainly not; true: maybe). */
export function bloomMayContain(bloom: Uint8Array, item: Hex): boolean {
  return bloomBits(hexToBytes(item)).every(([byte, mask]) => ((bloom[byte] as number) & mask) !== 0)
}

/**
 * A log filter as eth_getLogs takes it: one address, and per topic position null (any), one topic, or a list
 * (any of them).
 */
export type LogFilter = { address: Hex; topics?: readonly (Hex | readonly Hex[] | null)[] }

/** Whether a block or receipt bloom may hold a log matching `filter` (false: certainly none; true: maybe). */
export function bloomMayMatch(bloom: Uint8Array, filter: LogFilter): boolean {
  if (!bloomMayContain(bloom, filter.address)) return false
  for (const t of filter.topics ?? []) {
    if (t === null) continue
    const options = typeof t === 'string' ? [t] : t
    if (options.length > 0 && !options.some((x) => bloomMayContain(bloom, x))) return false
  }
  return true
}

/** Whether a log matches `filter` exactly (address, and each non-null topic position). */
export function logMatches(log: ReceiptLog, filter: LogFilter): boolean {
  if (log.address !== filter.address.toLowerCase()) return false
  const topics = filter.topics ?? []
  for (const [i, t] of topics.entries()) {
    if (t === null) continue
    const options = (typeof t === 'string' ? [t] : t).map((x) => x.toLowerCase())
    if (options.length === 0) continue
    const got = log.topics[i]
    if (got === undefined || !options.includes(got)) return false
  }
  return true
}

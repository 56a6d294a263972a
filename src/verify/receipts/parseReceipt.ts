import { InputTooLargeError, MalformedInputError } from '../../errors/base.ts'
import { assertHex, describeValue, type Hex, parseQuantity } from '../hex.ts'

/** Caps on what a served receipt list may hold (a block of 60–150 Mgas has at most ~7,000 transactions). */
export const MAX_RECEIPTS_PER_BLOCK = 16_384
export const MAX_LOGS_PER_RECEIPT = 16_384
/** Bytes of one log's `data` (16 MiB; a log costs 8 gas per byte, so no block holds more). */
export const MAX_LOG_DATA_BYTES = 16 * 1024 * 1024

/** One log as the receipt commits to it: 20-byte address, 0–4 topics of 32 bytes, data. Lower-case hex. */
export type ReceiptLog = { address: Hex; topics: Hex[]; data: Hex }

/**
 * A transaction receipt reduced to what the receipts trie commits to (EIP-2718 / yellow paper §4.3.1), plus the
 * served position fields (checked against the receipt's place in the block by the verifier).
 */
export type TxReceipt = {
  /** EIP-2718 type: 0 legacy, 1 EIP-2930, 2 EIP-1559, 3 EIP-4844, 4 EIP-7702. */
  type: number
  /** Post-Byzantium outcome (1 success, 0 failure); absent when `root` is given. */
  status?: 0 | 1
  /** Pre-Byzantium intermediate state root (32 bytes). */
  root?: Hex
  /** Gas used in the block up to and including this transaction. */
  cumulativeGasUsed: bigint
  /** 256 bytes. */
  logsBloom: Hex
  logs: ReceiptLog[]
  /** As served (JSON-RPC), if present; not part of the receipt's encoding. */
  transactionIndex?: number
  transactionHash?: Hex
  blockHash?: Hex
}

const TYPES = new Set([0, 1, 2, 3, 4])

function parseLog(x: unknown, what: string): ReceiptLog {
  if (!x || typeof x !== 'object') throw new MalformedInputError({ what, details: `expected an object, got ${describeValue(x)}` })
  const l = x as Record<string, unknown>
  if (!Array.isArray(l.topics) || l.topics.length > 4) throw new MalformedInputError({ what, details: 'topics must be an array of at most 4' })
  const data = assertHex(l.data, `${what} data`)
  if (data.length % 2 !== 0) throw new MalformedInputError({ what: `${what} data`, details: 'odd number of hex digits' })
  if ((data.length - 2) / 2 > MAX_LOG_DATA_BYTES) throw new InputTooLargeError({ what: `${what} data`, limit: MAX_LOG_DATA_BYTES, unit: 'bytes' })
  return {
    address: assertHex(l.address, `${what} address`, 20).toLowerCase() as Hex,
    topics: l.topics.map((t, i) => assertHex(t, `${what} topic ${i}`, 32).toLowerCase() as Hex),
    data: data.toLowerCase() as Hex,
  }
}

/**
 * Parses one JSON-RPC receipt (`eth_getTransactionReceipt`, an element of `eth_getBlockReceipts`). A missing
 * `type` is a legacy receipt. Bounded: at most {@link MAX_LOGS_PER_RECEIPT} logs, each ≤ {@link MAX_LOG_DATA_BYTES}.
 * @throws {MalformedInputError} A missing or non-hex field, an unknown type, neither or both of status and root.
 * @throws {InputTooLargeError} Over a cap.
 */
export function parseReceipt(json: unknown, what = 'transaction receipt'): TxReceipt {
  if (!json || typeof json !== 'object') throw new MalformedInputError({ what, details: `expected an object, got ${describeValue(json)}` })
  const r = json as Record<string, unknown>
  const type = r.type === undefined || r.type === null ? 0 : Number(parseQuantity(r.type, `${what} type`))
  if (!TYPES.has(type)) throw new MalformedInputError({ what, details: `unknown receipt type ${String(r.type)}` })
  const hasStatus = r.status !== undefined && r.status !== null
  const hasRoot = r.root !== undefined && r.root !== null && r.root !== '0x'
  if (hasStatus === hasRoot) throw new MalformedInputError({ what, details: 'expected exactly one of status and root' })
  if (!Array.isArray(r.logs)) throw new MalformedInputError({ what, details: 'logs is not an array' })
  if (r.logs.length > MAX_LOGS_PER_RECEIPT) throw new InputTooLargeError({ what: `${what} logs`, limit: MAX_LOGS_PER_RECEIPT, unit: 'items' })
  const out: TxReceipt = {
    type,
    cumulativeGasUsed: parseQuantity(r.cumulativeGasUsed, `${what} cumulativeGasUsed`),
    logsBloom: assertHex(r.logsBloom, `${what} logsBloom`, 256).toLowerCase() as Hex,
    logs: r.logs.map((l, i) => parseLog(l, `${what} log ${i}`)),
  }
  if (hasStatus) {
    const s = parseQuantity(r.status, `${what} status`)
    if (s > 1n) throw new MalformedInputError({ what, details: `status ${String(r.status)} is neither 0 nor 1` })
    out.status = s === 1n ? 1 : 0
  } else out.root = assertHex(r.root, `${what} root`, 32).toLowerCase() as Hex
  if (r.transactionIndex !== undefined && r.transactionIndex !== null) {
    const i = parseQuantity(r.transactionIndex, `${what} transactionIndex`)
    if (i >= BigInt(MAX_RECEIPTS_PER_BLOCK)) throw new MalformedInputError({ what, details: `transactionIndex ${String(r.transactionIndex)} is out of range` })
    out.transactionIndex = Number(i)
  }
  if (r.transactionHash !== undefined && r.transactionHash !== null)
    out.transactionHash = assertHex(r.transactionHash, `${what} transactionHash`, 32).toLowerCase() as Hex
  if (r.blockHash !== undefined && r.blockHash !== null) out.blockHash = assertHex(r.blockHash, `${what} blockHash`, 32).toLowerCase() as Hex
  return out
}

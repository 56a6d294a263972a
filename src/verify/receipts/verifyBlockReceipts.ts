import { InputTooLargeError, MalformedInputError } from '../../errors/base.ts'
import { LogNotProvenError, LogsBloomMismatchError, ReceiptsRootMismatchError } from '../../errors/receipts.ts'
import { assertHex, type Hex, toHex, unwrapRpcResult } from '../hex.ts'
import { logsBloom } from './bloom.ts'
import { MAX_RECEIPTS_PER_BLOCK, parseReceipt, type ReceiptLog, type TxReceipt } from './parseReceipt.ts'
import { receiptsRoot } from './receiptsRoot.ts'

/** A log proven by its block's receipts root, at its place in the block. */
export type ProvenLog = ReceiptLog & {
  /** Position of the transaction (and its receipt) in the block. */
  transactionIndex: number
  /** Position of the log among all logs of the block (what JSON-RPC calls `logIndex`). */
  logIndex: number
  /** Position of the log in its receipt. */
  logIndexInReceipt: number
  /** The receipt's outcome (1 success; 0 failure cannot have logs, so always 1 or undefined pre-Byzantium). */
  status?: 0 | 1
  /** As served with the receipt: NOT committed to by the receipts root (it is the transactions trie's). */
  transactionHash?: Hex
}

/** Receipts whose trie root equals a block's receipts root, and their logs, proven. */
export type VerifiedBlockReceipts = { receiptsRoot: Hex; receipts: TxReceipt[]; logs: ProvenLog[] }

/**
 * Checks a block's full receipt list (the `eth_getBlockReceipts` result, or the `eth_getTransactionReceipt`
 * results in transaction order) against the block's receipts root, and returns its logs, each at its place.
 * Each receipt's `logsBloom` must be the bloom of its logs; a served `transactionIndex` must be its position and a
 * served `blockHash` the block's (`options.blockHash`), so a served list cannot relabel positions.
 * @param expectedRoot - 32 bytes: the `receiptsRoot` of a verified header (keccak(rlp(header)) chained to a trusted hash).
 * @throws {MalformedInputError} Not an array, a malformed receipt, a position or block hash that is not its own.
 * @throws {InputTooLargeError} More than {@link MAX_RECEIPTS_PER_BLOCK} receipts, or a receipt over its caps.
 * @throws {LogsBloomMismatchError} A receipt's bloom is not its logs' bloom.
 * @throws {ReceiptsRootMismatchError} The trie root of the receipts is not `expectedRoot` (a receipt or log dropped,
 *   added, altered or reordered).
 */
export async function verifyBlockReceipts(
  receiptsJson: unknown,
  expectedRoot: string,
  options: { block?: string; blockHash?: string } = {},
): Promise<VerifiedBlockReceipts> {
  const root = assertHex(expectedRoot, 'receipts root', 32).toLowerCase() as Hex
  const block = options.block ?? options.blockHash ?? 'of the receipts'
  const list = unwrapRpcResult(receiptsJson)
  if (!Array.isArray(list)) throw new MalformedInputError({ what: `receipts of block ${block}`, details: 'expected an array' })
  if (list.length > MAX_RECEIPTS_PER_BLOCK) throw new InputTooLargeError({ what: `receipts of block ${block}`, limit: MAX_RECEIPTS_PER_BLOCK, unit: 'items' })
  const blockHash = options.blockHash?.toLowerCase()
  const receipts = list.map((x, i) => {
    const r = parseReceipt(x, `receipt ${i} of block ${block}`)
    if (r.transactionIndex !== undefined && r.transactionIndex !== i)
      throw new MalformedInputError({ what: `receipt ${i} of block ${block}`, details: `it says transactionIndex ${r.transactionIndex}` })
    if (blockHash !== undefined && r.blockHash !== undefined && r.blockHash !== blockHash)
      throw new MalformedInputError({ what: `receipt ${i} of block ${block}`, details: `it says blockHash ${r.blockHash}` })
    if (toHex(logsBloom(r.logs)) !== r.logsBloom) throw new LogsBloomMismatchError({ what: `receipt ${i} of block ${block}` })
    return r
  })
  const actual = await receiptsRoot(receipts)
  if (actual !== root) throw new ReceiptsRootMismatchError({ block, expected: root, actual, details: `${receipts.length} receipts served` })
  const logs: ProvenLog[] = []
  for (const [txIndex, r] of receipts.entries()) {
    for (const [j, l] of r.logs.entries()) {
      logs.push({
        ...l,
        transactionIndex: txIndex,
        logIndex: logs.length,
        logIndexInReceipt: j,
        ...(r.status !== undefined ? { status: r.status } : {}),
        ...(r.transactionHash ? { transactionHash: r.transactionHash } : {}),
      })
    }
  }
  return { receiptsRoot: root, receipts, logs }
}

/** What a caller expects a log to be (eth_getLogs's answer, or a known event); `data` compared when given. */
export type ExpectedLog = { address: string; topics: readonly string[]; data?: string }

/**
 * Proves one log: the block's receipts build `receiptsRoot` ({@link verifyBlockReceipts}), and the log at block
 * position `logIndex` (JSON-RPC `logIndex`) belongs to the receipt at `txIndex` and has the expected address, topics
 * (all of them, in order) and, if given, data.
 * @throws {LogNotProvenError} `missing`: no log at that position, or it belongs to another transaction; `altered`:
 *   it differs from `expected`.
 * @throws The errors of {@link verifyBlockReceipts}.
 */
export async function verifyLogInBlock(p: {
  receipts: unknown
  receiptsRoot: string
  txIndex: number
  logIndex: number
  expected: ExpectedLog
  blockHash?: string
}): Promise<ProvenLog> {
  const v = await verifyBlockReceipts(p.receipts, p.receiptsRoot, p.blockHash ? { blockHash: p.blockHash } : {})
  return findProvenLog(v.logs, p)
}

/** {@link verifyLogInBlock} on already verified logs. @throws {LogNotProvenError} */
export function findProvenLog(logs: readonly ProvenLog[], p: { txIndex: number; logIndex: number; expected: ExpectedLog }): ProvenLog {
  const log = logs[p.logIndex]
  if (!log || log.transactionIndex !== p.txIndex)
    throw new LogNotProvenError({
      reason: 'missing',
      details: `no log ${p.logIndex} of transaction ${p.txIndex} in the verified receipts (${logs.length} logs)`,
    })
  const differs: string[] = []
  if (log.address !== p.expected.address.toLowerCase()) differs.push('address')
  if (log.topics.length !== p.expected.topics.length || log.topics.some((t, i) => t !== p.expected.topics[i]?.toLowerCase())) differs.push('topics')
  if (p.expected.data !== undefined && log.data !== p.expected.data.toLowerCase()) differs.push('data')
  if (differs.length > 0)
    throw new LogNotProvenError({
      reason: 'altered',
      details: `log ${p.logIndex} (transaction ${p.txIndex}) differs from the verified receipt in ${differs.join(', ')}`,
    })
  return log
}

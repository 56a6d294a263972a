import { parseArgs } from 'node:util'
import { verifyBlockReceipts } from '../src/verify/receipts/verifyBlockReceipts.ts'
import { verifyBlockHeader } from '../src/verify/verifyBlockHeader.ts'
import { elapsedMs } from './output.ts'
import { readJsonFile } from './readInput.ts'
import { parseRootArg, UsageError } from './usage.ts'

/**
 * `verify receipts --block FILE --receipts FILE [--block-hash 0x…]`: the block (`eth_getBlockByNumber` JSON) hashes
 * to its hash (keccak256(rlp(header)); to `--block-hash` when given), and the receipts (`eth_getBlockReceipts` JSON)
 * build its receiptsRoot, each logsBloom the bloom of its logs (docs/verified-results.md). Without `--block-hash`
 * (a light-client-verified hash) the block is anchored by its own hash only.
 * @throws {UsageError | InputTooLargeError | MalformedInputError | BlockHashMismatchError | ReceiptsRootMismatchError | LogsBloomMismatchError}
 */
export async function verifyReceiptsCli(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { block: { type: 'string' }, receipts: { type: 'string' }, 'block-hash': { type: 'string' } },
  })
  if (positionals.length > 0 || !values.block || !values.receipts) throw new UsageError('give --block FILE and --receipts FILE')
  const expected = values['block-hash'] === undefined ? undefined : parseRootArg(values['block-hash'], 'block-hash')
  const block = await readJsonFile(values.block, '--block')
  const receipts = await readJsonFile(values.receipts, '--receipts')
  const t0 = performance.now()
  const header = verifyBlockHeader(block, expected)
  const v = await verifyBlockReceipts(receipts, header.receiptsRoot, { blockHash: header.hash, block: String(header.number) })
  return {
    ok: true,
    command: 'verify receipts',
    blockNumber: Number(header.number),
    blockHash: header.hash,
    anchored: expected !== undefined,
    ...(expected ? {} : { note: 'block anchored by its own hash only: give --block-hash (a light-client-verified hash) to anchor it' }),
    receiptsRoot: v.receiptsRoot,
    receipts: v.receipts.length,
    types: Object.fromEntries([...new Set(v.receipts.map((r) => r.type))].map((t) => [`0x${t.toString(16)}`, v.receipts.filter((r) => r.type === t).length])),
    logs: v.logs.length,
    elapsedMs: elapsedMs(t0),
  }
}

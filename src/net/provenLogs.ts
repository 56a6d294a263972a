import { hexToBytes } from 'viem'
import type { ProvenanceCheck } from '../bus/provenance.ts'
import { BaseError, InputTooLargeError, MalformedInputError } from '../errors/base.ts'
import { RpcRequestError } from '../errors/net.ts'
import { LogNotAnchoredError, LogNotProvenError } from '../errors/receipts.ts'
import { assertHex, type Hex, parseQuantity, quantityToHex } from '../verify/hex.ts'
import { bloomMayMatch, type LogFilter, logMatches } from '../verify/receipts/bloom.ts'
import { type ProvenLog, type VerifiedBlockReceipts, verifyBlockReceipts } from '../verify/receipts/verifyBlockReceipts.ts'
import { rpcBatch, rpcRequest } from './executionRpc.ts'
import { type AnchoredHeader, anchorHeaders, type VerifiedHead } from './headerChain.ts'

export { MAX_LOG_ANCHOR_BLOCKS, type VerifiedHead } from './headerChain.ts'

/** Most logs taken from one eth_getLogs answer. */
export const MAX_HINT_LOGS = 10_000

/** A log proven in its block's receipts trie, its block header chained to the light client's verified block. */
export type ChainProvenLog = ProvenLog & { blockNumber: number; blockHash: Hex; receiptsRoot: Hex; checks: ProvenanceCheck[] }

/** One block's outcome: its matching logs proven, or the typed error that stopped them. */
export type BlockLogsOutcome =
  | { status: 'proven'; blockNumber: number; blockHash: Hex; logs: ChainProvenLog[] }
  | {
      status: 'failed'
      blockNumber: number
      blockHash: Hex
      error: BaseError
      /** What eth_getLogs claimed for this block (unverified), so a caller can show the rows that failed. */
      hinted: HintLog[]
      /** Logs the verified receipts hold that eth_getLogs omitted (an `omitted` failure), proven. */
      omitted: ChainProvenLog[]
    }

/** A log as eth_getLogs reported it: unverified. */
export type HintLog = { address: Hex; topics: Hex[]; data: Hex; blockNumber: number; blockHash: Hex; transactionIndex: number; logIndex: number }

export type ProvenLogsParams = {
  rpcUrl: string
  /** The light client's verified execution block (number and hash). */
  verifiedHead: VerifiedHead
  address: string
  /** eth_getLogs topic filter: per position null (any), one topic, or a list (any of). */
  topics?: readonly (string | readonly string[] | null)[]
  fromBlock: number
  /** Default: the verified head. */
  toBlock?: number
  signal?: AbortSignal
  maxBlocks?: number
}

function parseHint(x: unknown, i: number): HintLog {
  const what = `eth_getLogs log ${i}`
  if (!x || typeof x !== 'object') throw new MalformedInputError({ what })
  const l = x as Record<string, unknown>
  if (!Array.isArray(l.topics) || l.topics.length > 4) throw new MalformedInputError({ what, details: 'topics' })
  return {
    address: assertHex(l.address, `${what} address`, 20).toLowerCase() as Hex,
    topics: l.topics.map((t, j) => assertHex(t, `${what} topic ${j}`, 32).toLowerCase() as Hex),
    data: assertHex(l.data, `${what} data`).toLowerCase() as Hex,
    blockNumber: Number(parseQuantity(l.blockNumber, `${what} blockNumber`)),
    blockHash: assertHex(l.blockHash, `${what} blockHash`, 32).toLowerCase() as Hex,
    transactionIndex: Number(parseQuantity(l.transactionIndex, `${what} transactionIndex`)),
    logIndex: Number(parseQuantity(l.logIndex, `${what} logIndex`)),
  }
}

/**
 * The receipts of a block: eth_getBlockReceipts(blockHash), or, where the endpoint lacks it, eth_getTransactionReceipt
 * for each transaction of the block (eth_getBlockByHash without transactions gives the hashes), batched. Unverified.
 */
async function fetchBlockReceipts(rpcUrl: string, blockHash: Hex, signal?: AbortSignal): Promise<unknown> {
  try {
    return await rpcRequest(rpcUrl, 'eth_getBlockReceipts', [blockHash])
  } catch (e) {
    if (!(e instanceof RpcRequestError)) throw e
  }
  const block = (await rpcRequest(rpcUrl, 'eth_getBlockByHash', [blockHash, false])) as { transactions?: unknown } | null
  if (!block || !Array.isArray(block.transactions)) throw new MalformedInputError({ what: `block ${blockHash}`, details: 'no transaction list' })
  return rpcBatch(
    rpcUrl,
    block.transactions.map((h) => ({ method: 'eth_getTransactionReceipt', params: [assertHex(h, 'transaction hash', 32)] })),
    signal,
  )
}

/** Blocks whose served receipts built their verified receipts root, by block hash (bounded; a block's receipts never change). */
const verifiedReceipts = new Map<string, VerifiedBlockReceipts>()
const MAX_CACHED_BLOCKS = 64
/** Forgets verified receipts (tests). */
export const clearReceiptsCache = () => verifiedReceipts.clear()

const short = (h: string) => `${h.slice(0, 10)}…${h.slice(-4)}`

/**
 * Logs matching `address`/`topics` in blocks `fromBlock`…`toBlock`, proven block by block (docs/verified-results.md):
 * 1. the headers of `fromBlock`…head are chained by parentHash to the light client's verified block
 *    (keccak(rlp(header)) of each; at most {@link MAX_LOG_ANCHOR_BLOCKS} back) — see {@link anchorHeaders};
 * 2. eth_getLogs is asked, as a hint only;
 * 3. every block that eth_getLogs names, AND every block whose verified `logsBloom` may match the filter, has its
 *    full receipt list fetched and checked against its verified `receiptsRoot` ({@link verifyBlockReceipts});
 * 4. the matching logs of the verified receipts are the answer; each hinted log must equal one of them (else
 *    `LogNotProven` altered/missing) and each of them must have been hinted (else `LogNotProven` omitted).
 * So an endpoint can hide a log only by lying about a verified header's bloom, which it cannot. Failures are per
 * block; a failure of the header chain fails the whole call.
 * @throws {LogNotAnchoredError} The range is out of reach of the verified head, or the served headers contradict it.
 * @throws {InputTooLargeError} eth_getLogs answered more than {@link MAX_HINT_LOGS} logs.
 * @throws Transport errors (HttpRequest, Timeout, RpcRequest, MalformedInput).
 */
export async function proveLogsByBlock(p: ProvenLogsParams): Promise<{ headNumber: number; fromBlock: number; toBlock: number; blocks: BlockLogsOutcome[] }> {
  const headNumber = Number(p.verifiedHead.blockNumber)
  const toBlock = p.toBlock ?? headNumber
  const label = p.verifiedHead.label ?? 'light-client verified block'
  if (toBlock > headNumber) throw new LogNotAnchoredError({ reason: 'out-of-reach', details: `block ${toBlock} is newer than the ${label} (${headNumber})` })
  if (toBlock < p.fromBlock) return { headNumber, fromBlock: p.fromBlock, toBlock, blocks: [] }
  const headers = await anchorHeaders(p.rpcUrl, p.verifiedHead, p.fromBlock, {
    ...(p.maxBlocks ? { maxBlocks: p.maxBlocks } : {}),
    ...(p.signal ? { signal: p.signal } : {}),
  })
  const filter: LogFilter = {
    address: assertHex(p.address, 'log address', 20).toLowerCase() as Hex,
    topics: (p.topics ?? []).map((t) => (t === null ? null : typeof t === 'string' ? (t.toLowerCase() as Hex) : t.map((x) => x.toLowerCase() as Hex))),
  }
  const raw = await rpcRequest(p.rpcUrl, 'eth_getLogs', [
    { address: filter.address, topics: filter.topics, fromBlock: quantityToHex(p.fromBlock), toBlock: quantityToHex(toBlock) },
  ])
  if (!Array.isArray(raw)) throw new MalformedInputError({ what: 'eth_getLogs result', details: 'not an array' })
  if (raw.length > MAX_HINT_LOGS) throw new InputTooLargeError({ what: 'eth_getLogs result', limit: MAX_HINT_LOGS, unit: 'items' })
  const hints = raw.map(parseHint)
  const hintsByBlock = new Map<number, HintLog[]>()
  for (const h of hints) hintsByBlock.set(h.blockNumber, [...(hintsByBlock.get(h.blockNumber) ?? []), h])
  const candidates = new Set<number>(hintsByBlock.keys())
  for (let n = p.fromBlock; n <= toBlock; n++) {
    const h = headers.get(n) as AnchoredHeader
    if (bloomMayMatch(hexToBytes(h.logsBloom), filter)) candidates.add(n)
  }
  const blocks: BlockLogsOutcome[] = []
  for (const n of [...candidates].sort((a, b) => a - b)) {
    const hinted = hintsByBlock.get(n) ?? []
    const header = headers.get(n)
    if (!header) {
      const error = new LogNotAnchoredError({ reason: 'out-of-reach', details: `eth_getLogs named block ${n}, outside ${p.fromBlock}…${toBlock}` })
      blocks.push({ status: 'failed', blockNumber: n, blockHash: hinted[0]?.blockHash ?? '0x', error, hinted, omitted: [] })
      continue
    }
    const blockHash = header.hash.toLowerCase() as Hex
    let proven: ChainProvenLog[] = []
    try {
      const cacheKey = `${blockHash}:${header.receiptsRoot}`
      const v =
        verifiedReceipts.get(cacheKey) ??
        (await verifyBlockReceipts(await fetchBlockReceipts(p.rpcUrl, blockHash, p.signal), header.receiptsRoot, { blockHash, block: String(n) }))
      if (verifiedReceipts.size >= MAX_CACHED_BLOCKS) verifiedReceipts.delete(verifiedReceipts.keys().next().value as string)
      verifiedReceipts.set(cacheKey, v)
      const checks = (log: ProvenLog): ProvenanceCheck[] => [
        { label: `Light-client verified execution block ${headNumber}`, detail: `hash ${p.verifiedHead.blockHash} (${label})` },
        {
          label: `Header chain to block ${n}`,
          detail: `${header.linksFromHead} parentHash link${header.linksFromHead === 1 ? '' : 's'} back; keccak256(rlp(header)) of each served header checked`,
        },
        {
          label: 'Receipts root',
          detail: `the ${v.receipts.length} served receipts (EIP-2718) build receiptsRoot ${header.receiptsRoot} of block ${n}; each logsBloom checked`,
        },
        { label: 'Log in the verified receipts', detail: `transaction ${log.transactionIndex}, log ${log.logIndex} (${log.logIndexInReceipt} in its receipt)` },
      ]
      proven = v.logs
        .filter((l) => logMatches(l, filter))
        .map((l) => ({ ...l, blockNumber: n, blockHash, receiptsRoot: header.receiptsRoot, checks: checks(l) }))
      for (const h of hinted) {
        const l = proven.find((x) => x.logIndex === h.logIndex)
        if (h.blockHash !== blockHash)
          throw new LogNotProvenError({
            reason: 'missing',
            details: `eth_getLogs placed log ${h.logIndex} in block ${short(h.blockHash)}, not the verified block ${n} (${short(blockHash)})`,
          })
        if (!l) throw new LogNotProvenError({ reason: 'missing', details: `block ${n} has no matching log ${h.logIndex} in its verified receipts` })
        const differs = [
          ...(l.transactionIndex !== h.transactionIndex ? ['transactionIndex'] : []),
          ...(l.topics.join() !== h.topics.join() ? ['topics'] : []),
          ...(l.data !== h.data ? ['data'] : []),
        ]
        if (differs.length)
          throw new LogNotProvenError({
            reason: 'altered',
            details: `log ${h.logIndex} of block ${n} differs from the verified receipt in ${differs.join(', ')}`,
          })
      }
      const omitted = proven.filter((l) => !hinted.some((h) => h.logIndex === l.logIndex))
      if (omitted.length) {
        const error = new LogNotProvenError({
          reason: 'omitted',
          details: `eth_getLogs omitted ${omitted.length} matching log${omitted.length === 1 ? '' : 's'} (${omitted.map((l) => l.logIndex).join(', ')}) that the verified receipts of block ${n} contain`,
        })
        blocks.push({ status: 'failed', blockNumber: n, blockHash, error, hinted, omitted })
        continue
      }
      blocks.push({ status: 'proven', blockNumber: n, blockHash, logs: proven })
    } catch (e) {
      if (!(e instanceof BaseError) || p.signal?.aborted) throw e
      blocks.push({ status: 'failed', blockNumber: n, blockHash, error: e, hinted, omitted: [] })
    }
  }
  return { headNumber, fromBlock: p.fromBlock, toBlock, blocks }
}

/**
 * The strict form of {@link proveLogsByBlock} (docs/verified-results.md): every matching log of `fromBlock`…`toBlock`,
 * each proven against its block's receipts root and its block chained to the light client's verified block.
 * @throws {LogNotAnchoredError} Out of reach (more than 1024 blocks back, or newer than the verified block) or a contradicting header.
 * @throws {ReceiptsRootMismatchError | LogsBloomMismatchError} A block's served receipts are not its receipts.
 * @throws {LogNotProvenError} eth_getLogs reported a log the receipts do not hold, altered one, or omitted one.
 */
export async function fetchProvenLogs(p: ProvenLogsParams): Promise<ChainProvenLog[]> {
  const r = await proveLogsByBlock(p)
  const failed = r.blocks.find((b) => b.status === 'failed')
  if (failed?.status === 'failed') throw failed.error
  return r.blocks.flatMap((b) => (b.status === 'proven' ? b.logs : []))
}

import { decodeAbiParameters, type Hex, parseAbiItem, toEventSelector } from 'viem'
import type { ProvenanceCheck } from '../bus/provenance.ts'
import { FeedClaimMismatchError } from '../errors/p2p.ts'
import { type SerializedError, serializeError } from '../errors/serialize.ts'
import { journalDigest } from '../prover/zkvm/receiptEvm.ts'
import type { VerifiedReceipt } from '../prover/zkvm/verifyReceipt.ts'
import { MAX_LOG_ANCHOR_BLOCKS, type VerifiedHead } from './headerChain.ts'
import { type ChainProvenLog, type HintLog, proveLogsByBlock } from './provenLogs.ts'

/** The ProofMarket's fulfilment events (contracts/ProofMarket.sol; interfaces of issue 11). */
export const REQUEST_FULFILLED = parseAbiItem(
  'event RequestFulfilled(uint256 indexed requestId, address indexed prover, bytes32 indexed requestDigest, bytes32 imageId, bytes32 inputDigest, bytes32 journalDigest)',
)
export const PROOF_DELIVERED = parseAbiItem('event ProofDelivered(uint256 indexed requestId, address indexed prover, bytes receipt)')
export const REQUEST_FULFILLED_TOPIC = toEventSelector(REQUEST_FULFILLED)
export const PROOF_DELIVERED_TOPIC = toEventSelector(PROOF_DELIVERED)

/** What a RequestFulfilled log claims about the receipt of its ProofDelivered log (checked once the receipt verified). */
export type FulfilmentClaim = { imageId: Hex; inputDigest: Hex; journalDigest: Hex }

/**
 * One fulfilment of the ProofMarket: its RequestFulfilled and ProofDelivered logs (same transaction and request id),
 * either both proven against the receipts root of a block chained to the light client (`proven`), or the typed error
 * that stopped the proof of their block (`failed`; the fields are then what eth_getLogs claimed).
 */
export type MarketFulfilment = {
  /** `market-{blockNumber}-{logIndex of RequestFulfilled (or of the first log)}`. */
  id: string
  requestId: bigint
  prover: Hex
  blockNumber: number
  blockHash: Hex
  transactionIndex: number
  claim: FulfilmentClaim | null
  /** The EVM-encoded zkVM receipt (docs/zkvm-evm.md) of ProofDelivered; null when its log is missing. */
  receipt: Hex | null
  proof: { status: 'proven'; checks: ProvenanceCheck[] } | { status: 'failed'; error: SerializedError }
}

type AnyLog = Pick<HintLog, 'topics' | 'data' | 'transactionIndex' | 'logIndex' | 'blockNumber' | 'blockHash'>

const word = (t: Hex | undefined) => (t ? BigInt(t) : 0n)
const addr = (t: Hex | undefined) => `0x${(t ?? '0x').slice(-40)}` as Hex

/**
 * Pairs a block's fulfilment logs: each RequestFulfilled with the ProofDelivered of the same transaction and
 * request id. A ProofDelivered without its RequestFulfilled (or the reverse) still gives a row, with the missing
 * half null (the receipt verifier then refuses it: no claim to check, no receipt to verify).
 */
export function pairFulfilments(logs: readonly AnyLog[]): Omit<MarketFulfilment, 'proof'>[] {
  const rows: Omit<MarketFulfilment, 'proof'>[] = []
  const delivered = logs.filter((l) => l.topics[0] === PROOF_DELIVERED_TOPIC)
  const used = new Set<AnyLog>()
  for (const f of logs.filter((l) => l.topics[0] === REQUEST_FULFILLED_TOPIC)) {
    const d = delivered.find((x) => !used.has(x) && x.transactionIndex === f.transactionIndex && x.topics[1] === f.topics[1])
    if (d) used.add(d)
    rows.push(row(f, d ?? null))
  }
  for (const d of delivered) if (!used.has(d)) rows.push(row(null, d))
  return rows
}

function row(f: AnyLog | null, d: AnyLog | null): Omit<MarketFulfilment, 'proof'> {
  const first = (f ?? d) as AnyLog
  let claim: FulfilmentClaim | null = null
  let receipt: Hex | null = null
  try {
    if (f) {
      const [imageId, inputDigest, journalDigest] = decodeAbiParameters([{ type: 'bytes32' }, { type: 'bytes32' }, { type: 'bytes32' }], f.data)
      claim = { imageId, inputDigest, journalDigest }
    }
  } catch {
    claim = null
  }
  try {
    if (d) receipt = decodeAbiParameters([{ type: 'bytes' }], d.data)[0]
  } catch {
    receipt = null
  }
  return {
    id: `market-${first.blockNumber}-${first.logIndex}`,
    requestId: word(first.topics[1]),
    prover: addr(first.topics[2]),
    blockNumber: first.blockNumber,
    blockHash: first.blockHash,
    transactionIndex: first.transactionIndex,
    claim,
    receipt,
  }
}

/**
 * The ProofMarket's fulfilments in the last {@link MAX_LOG_ANCHOR_BLOCKS} blocks up to the light client's verified
 * execution block, each pair of logs proven by {@link proveLogsByBlock} (receipts root of a header chained to the
 * verified block; every bloom-matching block's receipts fetched, so an omitted log is caught). A block whose proof
 * fails gives its rows (as eth_getLogs or the verified receipts name them) with the error.
 * @throws The header-chain errors of {@link proveLogsByBlock} (LogNotAnchored) and transport errors.
 */
export async function fetchMarketFulfilments(p: {
  rpcUrl: string
  market: string
  verifiedHead: VerifiedHead
  fromBlock?: number
  signal?: AbortSignal
}): Promise<{ fromBlock: number; toBlock: number; rows: MarketFulfilment[] }> {
  const head = Number(p.verifiedHead.blockNumber)
  const fromBlock = Math.max(p.fromBlock ?? 0, head - MAX_LOG_ANCHOR_BLOCKS + 1, 0)
  const r = await proveLogsByBlock({
    rpcUrl: p.rpcUrl,
    verifiedHead: p.verifiedHead,
    address: p.market,
    topics: [[REQUEST_FULFILLED_TOPIC, PROOF_DELIVERED_TOPIC]],
    fromBlock,
    ...(p.signal ? { signal: p.signal } : {}),
  })
  const rows: MarketFulfilment[] = []
  for (const b of r.blocks) {
    if (b.status === 'proven') {
      const byIndex = new Map<number, ChainProvenLog>(b.logs.map((l) => [l.logIndex, l]))
      for (const x of pairFulfilments(b.logs.map((l) => ({ ...l, blockNumber: b.blockNumber, blockHash: b.blockHash })))) {
        const log = byIndex.get(Number(x.id.split('-')[2]))
        rows.push({ ...x, proof: { status: 'proven', checks: log?.checks ?? [] } })
      }
    } else {
      const error = serializeError(b.error)
      const seen = [...b.hinted, ...b.omitted.map((l) => ({ ...l, blockNumber: b.blockNumber, blockHash: b.blockHash }))]
      const pairs = pairFulfilments(seen)
      if (pairs.length === 0)
        rows.push({
          id: `market-${b.blockNumber}-block`,
          requestId: 0n,
          prover: '0x',
          blockNumber: b.blockNumber,
          blockHash: b.blockHash,
          transactionIndex: 0,
          claim: null,
          receipt: null,
          proof: { status: 'failed', error },
        })
      for (const x of pairs) rows.push({ ...x, proof: { status: 'failed', error } })
    }
  }
  return { fromBlock: r.fromBlock, toBlock: r.toBlock, rows }
}

/**
 * The verified receipt must be the one the RequestFulfilled log describes: same image id, input digest, and
 * journal digest = keccak256(journal words as u32 LE) (docs/zkvm-evm.md).
 * @throws {FeedClaimMismatchError}
 */
export function checkFulfilmentClaim(id: string, claim: FulfilmentClaim | null, v: VerifiedReceipt): void {
  const fail = (reason: string): never => {
    throw new FeedClaimMismatchError({ proofId: id, reason })
  }
  if (!claim) throw new FeedClaimMismatchError({ proofId: id, reason: 'no RequestFulfilled log in its transaction' })
  if (claim.imageId.toLowerCase() !== v.imageId.toLowerCase()) fail(`RequestFulfilled imageId ${claim.imageId} is not the receipt's ${v.imageId}`)
  if (claim.inputDigest.toLowerCase() !== v.inputDigest.toLowerCase()) fail(`RequestFulfilled inputDigest is not the receipt's ${v.inputDigest}`)
  const journal = journalDigest(v.journal).toLowerCase()
  if (claim.journalDigest.toLowerCase() !== journal) fail(`RequestFulfilled journalDigest is not keccak256 of the receipt's journal (${journal})`)
}

import { type Abi, createPublicClient, decodeErrorResult, decodeFunctionData, type Hex, http, type PublicClient, toFunctionSelector } from 'viem'
import { fetchJson } from '../../net/fetchJson.ts'
import { PROOF_MARKET_READ_ABI } from './market.ts'
import type { ProofRequest, RequestStatus } from './marketApi.ts'

/**
 * Reads of the market over the network's JSON-RPC that are NOT verified (the RPC's answers): the UI labels each
 * "trusted". They fill the gap until the light client's finalized block reaches a change, find a request's
 * RequestSubmitted log for a shared link, and find reverted fulfil attempts.
 */
const clients = new Map<string, PublicClient>()
export function rpcClient(rpcUrl: string): PublicClient {
  let c = clients.get(rpcUrl)
  if (!c) {
    c = createPublicClient({ transport: http(rpcUrl, { batch: false, retryCount: 1 }) }) as PublicClient
    clients.set(rpcUrl, c)
  }
  return c
}

/** requestStatus at the RPC's latest block (trusted). */
export async function rpcRequestStatus(rpcUrl: string, market: Hex, requestId: bigint): Promise<{ status: RequestStatus; blockNumber: bigint }> {
  const c = rpcClient(rpcUrl)
  const blockNumber = await c.getBlockNumber({ cacheTime: 0 })
  const status = (await c.readContract({
    address: market,
    abi: PROOF_MARKET_READ_ABI,
    functionName: 'requestStatus',
    args: [requestId],
    blockNumber,
  })) as RequestStatus
  return { status, blockNumber }
}

/** balanceOf at the RPC's latest block (trusted), wei. */
export function rpcMarketBalance(rpcUrl: string, market: Hex, account: Hex): Promise<bigint> {
  return rpcClient(rpcUrl).readContract({ address: market, abi: PROOF_MARKET_READ_ABI, functionName: 'balanceOf', args: [account] }) as Promise<bigint>
}

export type SubmittedLog = { request: ProofRequest; signature: Hex; requestDigest: Hex; blockNumber: bigint; txHash: Hex }

/** The request's RequestSubmitted logs (trusted; several when the id was signed more than once), oldest first. */
export async function findSubmitted(rpcUrl: string, market: Hex, requestId: bigint): Promise<SubmittedLog[]> {
  const logs = await rpcClient(rpcUrl).getContractEvents({
    address: market,
    abi: PROOF_MARKET_READ_ABI,
    eventName: 'RequestSubmitted',
    args: { requestId },
    fromBlock: 'earliest',
    toBlock: 'latest',
  })
  return logs.map((l) => {
    const a = l.args as { requestDigest: Hex; request: ProofRequest; clientSignature: Hex }
    return { request: a.request, signature: a.clientSignature, requestDigest: a.requestDigest, blockNumber: l.blockNumber, txHash: l.transactionHash }
  })
}

/**
 * One past the highest request index `client` used on this market, from every RequestSubmitted log (trusted; a
 * hint so that a browser without this client's My jobs does not reuse an index), 0 when none.
 */
export async function nextIndexOnChain(rpcUrl: string, market: Hex, client: Hex): Promise<number> {
  const logs = await rpcClient(rpcUrl).getContractEvents({
    address: market,
    abi: PROOF_MARKET_READ_ABI,
    eventName: 'RequestSubmitted',
    fromBlock: 'earliest',
    toBlock: 'latest',
  })
  let next = 0
  for (const l of logs) {
    const id = (l.args as { requestId: bigint }).requestId
    if (((id >> 32n) & ((1n << 160n) - 1n)) === BigInt(client)) next = Math.max(next, Number(id & 0xffffffffn) + 1)
  }
  return next
}

/** A block's timestamp (Unix seconds) from the RPC (trusted). */
export async function blockTimestamp(rpcUrl: string, blockNumber: bigint): Promise<bigint> {
  return (await rpcClient(rpcUrl).getBlock({ blockNumber })).timestamp
}

/** The ProofDelivered logs of a request (the EVM-encoded receipt; trusted until checked against the proven status). */
export async function findDeliveries(
  rpcUrl: string,
  market: Hex,
  requestId: bigint,
  fromBlock: bigint,
): Promise<{ receipt: Hex; prover: Hex; blockNumber: bigint; txHash: Hex }[]> {
  const logs = await rpcClient(rpcUrl).getContractEvents({
    address: market,
    abi: PROOF_MARKET_READ_ABI,
    eventName: 'ProofDelivered',
    args: { requestId },
    fromBlock,
    toBlock: 'latest',
  })
  return logs.map((l) => {
    const a = l.args as { prover: Hex; receipt: Hex }
    return { receipt: a.receipt, prover: a.prover, blockNumber: l.blockNumber, txHash: l.transactionHash }
  })
}

export type FailedFulfil = { txHash: Hex; from: Hex; blockNumber: bigint; reason: string; errorName: string | null }

const FULFILL_SELECTOR = toFunctionSelector('fulfill(uint256,bytes)')
/** Most blocks scanned for failed fulfil attempts. */
export const MAX_SCANNED_BLOCKS = 600

/**
 * Reverted `fulfill(requestId, …)` transactions to the market between `fromBlock` and the latest block (at most
 * {@link MAX_SCANNED_BLOCKS}): each replayed with eth_call on the parent block's state to get its revert data,
 * decoded with `errorAbis` (market + verifier errors). All RPC answers (trusted).
 */
export async function findFailedFulfils(rpcUrl: string, market: Hex, requestId: bigint, fromBlock: bigint, errorAbis: Abi): Promise<FailedFulfil[]> {
  const c = rpcClient(rpcUrl)
  const latest = await c.getBlockNumber({ cacheTime: 0 })
  // Scanned blocks are remembered per request: each call reads only the blocks since the last one.
  const key = `${rpcUrl}|${market.toLowerCase()}|${requestId}`
  const seen = scans.get(key)
  let start = latest - fromBlock > BigInt(MAX_SCANNED_BLOCKS) ? latest - BigInt(MAX_SCANNED_BLOCKS) : fromBlock
  if (seen && seen.next > start) start = seen.next
  const out: FailedFulfil[] = [...(seen?.found ?? [])]
  for (let n = start; n <= latest; n++) {
    const block = await c.getBlock({ blockNumber: n, includeTransactions: true })
    for (const tx of block.transactions) {
      if (tx.to?.toLowerCase() !== market.toLowerCase() || !tx.input.startsWith(FULFILL_SELECTOR)) continue
      let id: bigint
      try {
        id = (decodeFunctionData({ abi: PROOF_MARKET_READ_ABI, data: tx.input }).args as readonly [bigint])[0]
      } catch {
        continue
      }
      if (id !== requestId) continue
      const receipt = await c.getTransactionReceipt({ hash: tx.hash })
      if (receipt.status === 'success') continue
      const data = await revertDataOf(rpcUrl, { from: tx.from, to: market, data: tx.input, gas: tx.gas }, n - 1n)
      const decoded = decodeRevert(data, errorAbis)
      out.push({ txHash: tx.hash, from: tx.from, blockNumber: n, ...decoded })
    }
  }
  scans.set(key, { next: latest + 1n, found: out })
  return out
}
const scans = new Map<string, { next: bigint; found: FailedFulfil[] }>()

/** The revert data of a call replayed at `blockNumber` (raw eth_call: the error's `data`), or null. */
async function revertDataOf(rpcUrl: string, call: { from: Hex; to: Hex; data: Hex; gas: bigint }, blockNumber: bigint): Promise<Hex | null> {
  const body = (await fetchJson(rpcUrl, {
    method: 'POST',
    body: {
      jsonrpc: '2.0',
      id: 1,
      method: 'eth_call',
      params: [{ from: call.from, to: call.to, data: call.data, gas: `0x${call.gas.toString(16)}` }, `0x${blockNumber.toString(16)}`],
    },
  })) as { error?: { data?: unknown } }
  const d = body.error?.data
  return typeof d === 'string' && /^0x[0-9a-fA-F]*$/.test(d) ? (d as Hex) : null
}

/** "ErrorName(arg, …)" of revert data decoded with `abi`, or the raw selector when unknown. */
export function decodeRevert(data: Hex | null, abi: Abi): { reason: string; errorName: string | null } {
  if (!data || data === '0x') return { reason: 'reverted without data', errorName: null }
  try {
    const e = decodeErrorResult({ abi, data })
    const args = (e.args ?? []).map((a) => (typeof a === 'bigint' ? a.toString() : typeof a === 'string' ? a : JSON.stringify(a)))
    return { reason: `${e.errorName}(${args.join(', ')})`, errorName: e.errorName }
  } catch {
    return { reason: `unknown error ${data.slice(0, 10)}`, errorName: null }
  }
}

import { LogNotAnchoredError } from '../errors/receipts.ts'
import { BlockHashMismatchError } from '../errors/verify.ts'
import { assertHex, type Hex, quantityToHex } from '../verify/hex.ts'
import { type VerifiedBlockHeader, verifyBlockHeader } from '../verify/verifyBlockHeader.ts'
import { rpcBatch } from './executionRpc.ts'

/** The light client's verified execution block (a finalized or optimistic header's `execution`), where walks start. */
export type VerifiedHead = { blockNumber: number | bigint; blockHash: string; label?: string }

/** Most blocks walked back from the verified head (at 12 s per block, 3.4 hours of mainnet; the devnet's recent blocks). */
export const MAX_LOG_ANCHOR_BLOCKS = 1024

/** Headers already checked by keccak(rlp) against their hash (a hash's header never changes). */
const byHash = new Map<string, VerifiedBlockHeader>()
/** Forgets checked headers (tests). */
export const clearHeaderCache = () => byHash.clear()

/** A verified header at `linksFromHead` parentHash links below the verified head. */
export type AnchoredHeader = VerifiedBlockHeader & { linksFromHead: number }

/**
 * The headers of blocks `fromBlock`…head, each tied to the light client's verified execution block: the head's
 * served header must hash (keccak(rlp)) to the verified `blockHash`, and each parent to its child's `parentHash`.
 * Headers are fetched by number in JSON-RPC batches (eth_getBlockByNumber, no transactions) and cached by hash.
 * @returns Headers by block number, `fromBlock` through the head.
 * @throws {LogNotAnchoredError} `out-of-reach`: `fromBlock` is more than `maxBlocks` below the head (or above it);
 *   `contradiction`: a served header does not hash to the hash the chain names (the RPC serves another chain).
 * @throws Transport errors (HttpRequest, Timeout, RpcRequest, MalformedInput).
 */
export async function anchorHeaders(
  rpcUrl: string,
  head: VerifiedHead,
  fromBlock: number,
  options: { maxBlocks?: number; signal?: AbortSignal } = {},
): Promise<Map<number, AnchoredHeader>> {
  const maxBlocks = options.maxBlocks ?? MAX_LOG_ANCHOR_BLOCKS
  const top = Number(head.blockNumber)
  const label = head.label ?? 'the light client’s verified block'
  if (!Number.isSafeInteger(fromBlock) || fromBlock < 0 || fromBlock > top)
    throw new LogNotAnchoredError({
      reason: 'out-of-reach',
      details: `block ${fromBlock} is newer than ${label} (${top}); it anchors once the light client verifies a later header`,
    })
  if (top - fromBlock > maxBlocks)
    throw new LogNotAnchoredError({ reason: 'out-of-reach', details: `block ${fromBlock} is more than ${maxBlocks} blocks below ${label} (${top})` })
  const out = new Map<number, AnchoredHeader>()
  let expected = assertHex(head.blockHash, 'verified block hash', 32).toLowerCase() as Hex
  let n = top
  while (n >= fromBlock) {
    const cached = byHash.get(expected)
    if (cached) {
      out.set(n, { ...cached, linksFromHead: top - n })
      expected = cached.parentHash.toLowerCase() as Hex
      n--
      continue
    }
    const numbers: number[] = []
    for (let k = n; k >= fromBlock && numbers.length < 64; k--) numbers.push(k)
    const blocks = await rpcBatch(
      rpcUrl,
      numbers.map((k) => ({ method: 'eth_getBlockByNumber', params: [quantityToHex(k), false] })),
      options.signal,
    )
    for (const [i, json] of blocks.entries()) {
      const k = numbers[i] as number
      let h: VerifiedBlockHeader
      try {
        h = verifyBlockHeader(json, expected)
      } catch (e) {
        if (!(e instanceof BlockHashMismatchError)) throw e
        throw new LogNotAnchoredError({
          details: `the header served for block ${k} is not the block ${expected} that ${k === top ? label : `block ${k + 1}`} names (${e.shortMessage})`,
        })
      }
      if (Number(h.number) !== k) throw new LogNotAnchoredError({ details: `the header served for block ${k} says number ${h.number}` })
      if (byHash.size > 8192) byHash.clear()
      byHash.set(h.hash.toLowerCase(), h)
      out.set(k, { ...h, linksFromHead: top - k })
      expected = h.parentHash.toLowerCase() as Hex
    }
    n = (numbers.at(-1) as number) - 1
  }
  return out
}

import { toHex } from '../hex.ts'
import { asTxReceipt, encodeReceipt, receiptKey } from './encodeReceipt.ts'
import type { TxReceipt } from './parseReceipt.ts'

/**
 * The receipts root of a block: the root of the Merkle-Patricia trie mapping rlp(i) to the EIP-2718 encoding of
 * the i-th receipt, in block order (yellow paper §4.3, `receiptsRoot`). The empty list gives
 * 0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421. 32 bytes, lower-case hex.
 * Trie: @ethereumjs/mpt (keccak256 node hashing, as Ethereum). Receipts may be parsed or JSON-RPC objects (not
 * checked beyond parsing: {@link verifyBlockReceipts} also checks blooms and positions).
 */
export async function receiptsRoot(receipts: readonly (TxReceipt | unknown)[]): Promise<`0x${string}`> {
  const parsed = receipts.map(asTxReceipt)
  // Loaded on first use: the trie library stays out of the app's first chunk.
  const { createMPT } = await import('@ethereumjs/mpt')
  const trie = await createMPT()
  for (const [i, r] of parsed.entries()) await trie.put(receiptKey(i), encodeReceipt(r))
  return toHex(trie.root())
}

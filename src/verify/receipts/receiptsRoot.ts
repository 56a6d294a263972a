import { createMPT } from '@ethereumjs/mpt'
import { toHex } from '../hex.ts'
import { encodeReceipt, receiptKey } from './encodeReceipt.ts'
import type { TxReceipt } from './parseReceipt.ts'

/**
 * The receipts root of a block: the root of the Merkle-Patricia trie mapping rlp(i) to the EIP-2718 encoding of
 * the i-th receipt, in block order (yellow paper §4.3, `receiptsRoot`). The empty list gives
 * 0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421. 32 bytes, lower-case hex.
 * Trie: @ethereumjs/mpt (keccak256 node hashing, as Ethereum).
 */
export async function receiptsRoot(receipts: readonly TxReceipt[]): Promise<`0x${string}`> {
  const trie = await createMPT()
  for (const [i, r] of receipts.entries()) await trie.put(receiptKey(i), encodeReceipt(r))
  return toHex(trie.root())
}

import type { Hex } from 'viem'
import type { Receipt } from '../../prover/zkvm/receipt.ts'
import { decodeReceiptFromEvm } from '../../prover/zkvm/receiptEvm.ts'

/**
 * A ProofDelivered receipt (the EVM encoding of docs/zkvm-evm.md) back into a receipt, bounded (≤ 16 MiB, ≤ 256
 * segments). Not verified here: {@link checkDelivery} verifies it in the worker pool.
 * @throws {MalformedReceiptError} naming the first offending field.
 */
export function decodeDeliveredReceipt(data: Hex): Receipt {
  return decodeReceiptFromEvm(data)
}

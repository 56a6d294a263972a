import type { Hex } from 'viem'
import { MalformedInputError } from '../../errors/base.ts'
import type { Receipt } from '../../prover/zkvm/receipt.ts'

/**
 * The EVM receipt encoding of issue 11 (owner A, src/prover/zkvm/receiptEvm.ts `decodeReceiptFromEvm`): until it
 * is on main this placeholder refuses every receipt with a typed error, so nothing is ever shown as verified.
 * @throws {MalformedInputError} Always (placeholder).
 */
export function decodeDeliveredReceipt(_data: Hex): Receipt {
  throw new MalformedInputError({ what: 'delivered receipt', details: 'the EVM receipt decoder (receiptEvm.ts) is not in this build' })
}

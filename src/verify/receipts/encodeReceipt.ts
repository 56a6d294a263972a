import { hexToBytes, numberToHex, toRlp } from 'viem'
import type { Hex } from '../hex.ts'
import type { TxReceipt } from './parseReceipt.ts'

/**
 * The consensus encoding of a receipt, as the receipts trie stores it (EIP-2718): a legacy receipt is
 * rlp([statusOrRoot, cumulativeGasUsed, logsBloom, logs]); a typed one (0x01 EIP-2930, 0x02 EIP-1559, 0x03 EIP-4844,
 * 0x04 EIP-7702) is the type byte followed by that same RLP list. status 1 → 0x01, status 0 → empty bytes;
 * pre-Byzantium receipts carry the 32-byte state root instead. cumulativeGasUsed is a minimal big-endian
 * integer; logsBloom 256 bytes; each log rlp([address (20 B), [topic (32 B)…], data]).
 * Spec: EIP-658, EIP-2718, yellow paper §4.3.1.
 */
export function encodeReceipt(r: TxReceipt): Uint8Array {
  const outcome: Hex = r.root ?? (r.status === 1 ? '0x01' : '0x')
  const payload = toRlp(
    [
      outcome,
      r.cumulativeGasUsed === 0n ? '0x' : numberToHex(r.cumulativeGasUsed),
      r.logsBloom,
      r.logs.map((l) => [l.address, l.topics, l.data] as [Hex, Hex[], Hex]),
    ],
    'bytes',
  )
  if (r.type === 0) return payload
  const out = new Uint8Array(payload.length + 1)
  out[0] = r.type
  out.set(payload, 1)
  return out
}

/** The receipts-trie key of the receipt at `index`: rlp(index) (index 0 → 0x80). */
export function receiptKey(index: number): Uint8Array {
  return hexToBytes(toRlp(index === 0 ? '0x' : numberToHex(index)))
}

import { type Hex, keccak256, parseTransaction } from 'viem'

/** What the block page lists of a transaction. `to` null = contract creation. Amounts in wei. */
export type TransactionSummary = {
  index: number
  /** keccak256 of the EIP-2718 encoded transaction, 32 bytes. */
  hash: Hex
  /** EIP-2718 type: 0 legacy, 1 access list, 2 EIP-1559, 3 blob, 4 set-code. */
  type: number
  to: Hex | null
  valueWei: string
  nonce: number | null
  sizeBytes: number
  /** Set when viem cannot parse it (the bytes are still proven; only the decoding failed). */
  decodeError?: string
}

/** Decodes an EIP-2718 encoded transaction for display. Never throws. */
export function decodeTransaction(raw: Hex, index: number): TransactionSummary {
  const sizeBytes = (raw.length - 2) / 2
  const first = Number.parseInt(raw.slice(2, 4), 16)
  const type = first <= 0x7f ? first : 0
  const base = { index, hash: keccak256(raw), type, sizeBytes }
  try {
    const tx = parseTransaction(raw)
    return { ...base, to: tx.to ?? null, valueWei: (tx.value ?? 0n).toString(), nonce: tx.nonce ?? null }
  } catch (e) {
    return { ...base, to: null, valueWei: '0', nonce: null, decodeError: e instanceof Error ? e.message.split('\n')[0] : String(e) }
  }
}

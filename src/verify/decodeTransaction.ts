import { type Hex, keccak256, parseTransaction } from 'viem'

type Common = {
  index: number
  /** keccak256 of the EIP-2718 encoded transaction, 32 bytes. */
  hash: Hex
  sizeBytes: number
}

/**
 * What the block page lists of a transaction. Either decoded (`to` null = contract creation; amounts in wei)
 * or not: then only its bytes are known — still proven part of the block by the transactions root, but
 * nothing about its recipient or value may be shown.
 */
export type TransactionSummary =
  | (Common & {
      decoded: true
      /** EIP-2718 type: 0 legacy, 1 access list, 2 EIP-1559, 3 blob, 4 set-code. */
      type: number
      to: Hex | null
      valueWei: string
      nonce: number | null
    })
  | (Common & {
      decoded: false
      /** The encoded transaction as served (and proven by the transactions root), 0x-hex. */
      raw: Hex
      /** Why it does not decode (viem's first message line). */
      decodeError: string
    })

/**
 * Decodes an EIP-2718 encoded transaction for display. Never throws: bytes that do not parse give
 * `{ decoded: false, raw, decodeError }`, never a made-up "create, 0 ETH".
 * Format: https://eips.ethereum.org/EIPS/eip-2718 (type byte ‖ payload, or a legacy RLP list).
 */
export function decodeTransaction(raw: Hex, index: number): TransactionSummary {
  const sizeBytes = (raw.length - 2) / 2
  const base = { index, hash: keccak256(raw), sizeBytes }
  try {
    const tx = parseTransaction(raw)
    const first = Number.parseInt(raw.slice(2, 4), 16)
    return { ...base, decoded: true, type: first <= 0x7f ? first : 0, to: tx.to ?? null, valueWei: (tx.value ?? 0n).toString(), nonce: tx.nonce ?? null }
  } catch (e) {
    return { ...base, decoded: false, raw, decodeError: e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e) }
  }
}

/**
 * Blob transactions in network form (EIP-4844 "PooledTransactions" wrapper, type 3):
 * - wrapper version 0 (EIP-4844): `0x03 ‖ rlp([tx_payload_body, blobs, commitments, proofs])`, one blob proof per blob;
 * - wrapper version 1 (EIP-7594): `0x03 ‖ rlp([tx_payload_body, 0x01, blobs, commitments, cell_proofs])`, 128 cell
 *   proofs per blob, in blob order.
 * `tx_payload_body` = `[chain_id, nonce, max_priority_fee_per_gas, max_fee_per_gas, gas_limit, to, value, data,
 * access_list, max_fee_per_blob_gas, blob_versioned_hashes, y_parity, r, s]`. Checks: each blob opens its
 * commitment (blob proof, or all cell proofs), each commitment's versioned hash equals the tx's
 * `blob_versioned_hashes` entry at the same position; the tx hash is keccak256(0x03 ‖ rlp(tx_payload_body)).
 * https://eips.ethereum.org/EIPS/eip-4844#networking , https://eips.ethereum.org/EIPS/eip-7594#networking . Pure.
 */
import { keccak_256 } from '@noble/hashes/sha3.js'
import type { ProvenanceCheck } from '../../bus/provenance.ts'
import { InputTooLargeError, MalformedInputError } from '../../errors/base.ts'
import { VersionedHashMismatchError } from '../../errors/storage.ts'
import { type Hex, hexToBytes, toHex } from '../hex.ts'
import { CELLS_PER_EXT_BLOB, type Kzg, kzgToVersionedHash, loadKzg, loadPeerDasKzg, verifyBlobCellProofs, verifyBlobKzgProof } from './kzg.ts'
import { BYTES_PER_BLOB } from './kzgInputs.ts'
import { decodeRlp, type RlpItem } from './rlp.ts'

/** Most blobs one transaction may carry here (EIP-7594 caps a tx at 6; EIP-4844 at the block maximum). */
export const MAX_BLOBS_PER_TX = 64
/** Largest network-form transaction read, bytes (64 blobs with their proofs and a large calldata). */
export const MAX_BLOB_TX_BYTES = MAX_BLOBS_PER_TX * (BYTES_PER_BLOB + 48 + 48 * CELLS_PER_EXT_BLOB) + (4 << 20)

/** What {@link verifyBlobTx} proved. */
export type VerifiedBlobTx = {
  txHash: Hex
  chainId: bigint
  /** 0: EIP-4844 blob proofs; 1: EIP-7594 cell proofs. */
  wrapperVersion: 0 | 1
  blobs: { index: number; commitment: Hex; versionedHash: Hex }[]
  /** Cell proofs checked (128 per blob for wrapper version 1, else 0). */
  cellProofs: number
  checks: ProvenanceCheck[]
}

const bad = (details: string) => new MalformedInputError({ what: 'blob transaction', details })

function list(item: RlpItem | undefined, what: string): RlpItem[] {
  if (item?.kind !== 'list') throw bad(`${what} is not an RLP list`)
  return item.items
}

function bytesOf(item: RlpItem | undefined, what: string, length?: number): Uint8Array {
  if (item?.kind !== 'bytes') throw bad(`${what} is not an RLP string`)
  if (length !== undefined && item.bytes.length !== length) throw bad(`${what} is ${item.bytes.length} bytes, expected ${length}`)
  return item.bytes
}

function scalar(b: Uint8Array, what: string): bigint {
  if (b.length > 32 || (b.length > 0 && b[0] === 0)) throw bad(`${what} is not a canonical integer`)
  let v = 0n
  for (const x of b) v = (v << 8n) | BigInt(x)
  return v
}

const round = (ms: number) => Math.round(ms * 100) / 100

/**
 * Verifies a type-3 transaction in network form.
 * @param hex - `03…` as hex, with or without `0x` (surrounding whitespace allowed).
 * @throws {InputTooLargeError} Over {@link MAX_BLOB_TX_BYTES} or {@link MAX_BLOBS_PER_TX} blobs.
 * @throws {MalformedInputError} Not hex, not type 3, not a network wrapper (v0/v1), bad RLP, counts that disagree.
 * @throws {MalformedBlobError | InvalidKzgEncodingError | KzgProofInvalidError} A blob does not open its commitment.
 * @throws {VersionedHashMismatchError} A commitment's versioned hash is not the tx's entry at its position.
 */
export async function verifyBlobTx(hex: Hex | string, kzg?: Kzg): Promise<VerifiedBlobTx> {
  if (typeof hex !== 'string') throw bad('expected 0x-hex')
  const text = hex.trim()
  if (text.length > 2 + 2 * MAX_BLOB_TX_BYTES) throw new InputTooLargeError({ what: 'blob transaction', limit: MAX_BLOB_TX_BYTES, unit: 'bytes' })
  const raw = hexToBytes(text.startsWith('0x') || text.startsWith('0X') ? `0x${text.slice(2)}` : `0x${text}`, 'blob transaction hex')
  if (raw.length < 2 || raw[0] !== 0x03)
    throw bad(`expected type 0x03, got ${raw.length ? `0x${(raw[0] as number).toString(16).padStart(2, '0')}` : 'nothing'}`)
  const body = raw.subarray(1)
  const wrapper = list(decodeRlp(body), 'the network wrapper')
  const tx = wrapper[0]
  if (tx?.kind !== 'list') throw bad('no network wrapper (this is the bare transaction, without blobs)')
  let wrapperVersion: 0 | 1
  let rest: RlpItem[]
  if (wrapper.length === 4) {
    wrapperVersion = 0
    rest = wrapper.slice(1)
  } else if (wrapper.length === 5 && wrapper[1]?.kind === 'bytes' && wrapper[1].bytes.length === 1 && wrapper[1].bytes[0] === 1) {
    wrapperVersion = 1
    rest = wrapper.slice(2)
  } else {
    throw bad(`network wrapper of ${wrapper.length} items is neither version 0 (4 items) nor version 1 (5 items, 0x01)`)
  }
  const fields = list(tx, 'the transaction')
  if (fields.length !== 14) throw bad(`the transaction has ${fields.length} fields, expected 14`)
  const chainId = scalar(bytesOf(fields[0], 'chain_id'), 'chain_id')
  const hashes = list(fields[10], 'blob_versioned_hashes').map((h, i) => toHex(bytesOf(h, `blob_versioned_hashes[${i}]`, 32)))
  const blobs = list(rest[0], 'blobs')
  const commitments = list(rest[1], 'commitments')
  const proofs = list(rest[2], wrapperVersion === 0 ? 'proofs' : 'cell_proofs')
  if (blobs.length > MAX_BLOBS_PER_TX) throw new InputTooLargeError({ what: 'blob transaction', limit: MAX_BLOBS_PER_TX, unit: 'items' })
  if (blobs.length === 0) throw bad('no blobs')
  const perBlob = wrapperVersion === 0 ? 1 : CELLS_PER_EXT_BLOB
  if (hashes.length !== blobs.length || commitments.length !== blobs.length || proofs.length !== blobs.length * perBlob) {
    throw bad(
      `counts disagree: ${hashes.length} versioned hashes, ${blobs.length} blobs, ${commitments.length} commitments, ${proofs.length} proofs (expected ${perBlob} per blob)`,
    )
  }
  const signed = new Uint8Array(1 + tx.end - tx.start)
  signed[0] = 0x03
  signed.set(body.subarray(tx.start, tx.end), 1)
  const txHash = toHex(keccak_256(signed))
  const checks: ProvenanceCheck[] = [{ label: 'Transaction hash', detail: `keccak256(0x03 ‖ rlp(tx)) = ${txHash}` }]
  const k = wrapperVersion === 0 ? (kzg ?? (await loadKzg())) : await loadPeerDasKzg()
  const out: VerifiedBlobTx['blobs'] = []
  for (let i = 0; i < blobs.length; i++) {
    const blob = bytesOf(blobs[i], `blob ${i}`, BYTES_PER_BLOB)
    const commitment = bytesOf(commitments[i], `commitment ${i}`, 48)
    let t = performance.now()
    let versionedHash: Hex
    if (wrapperVersion === 0) {
      versionedHash = await verifyBlobKzgProof(blob, commitment, bytesOf(proofs[i], `proof ${i}`, 48), k)
      checks.push({ label: `KZG blob proof ${i}`, ms: round(performance.now() - t) })
    } else {
      const cellProofs = proofs.slice(i * perBlob, (i + 1) * perBlob).map((p, j) => bytesOf(p, `cell proof ${i}.${j}`, 48))
      await verifyBlobCellProofs(blob, commitment, cellProofs, k)
      versionedHash = kzgToVersionedHash(commitment)
      checks.push({ label: `KZG cell proofs ${i} (${perBlob})`, ms: round(performance.now() - t) })
    }
    t = performance.now()
    if (versionedHash !== hashes[i])
      throw new VersionedHashMismatchError({ what: `blob ${i}`, expected: `${hashes[i]} (blob_versioned_hashes[${i}])`, actual: versionedHash })
    checks.push({ label: `Versioned hash ${i} equals the transaction's`, detail: versionedHash, ms: round(performance.now() - t) })
    out.push({ index: i, commitment: toHex(commitment), versionedHash })
  }
  return { txHash, chainId, wrapperVersion, blobs: out, cellProofs: wrapperVersion === 1 ? proofs.length : 0, checks }
}

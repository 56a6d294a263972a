/**
 * The storage chain for one blob served by a storage node: KZG blob proof → versioned hash → equal to the
 * 24-byte hash the KV contract records (proven on chain by the caller, at a light-client-verified block) →
 * content decoded to the recorded size. Pure. docs/storage-verification.md.
 */
import type { ProvenanceCheck } from '../../bus/provenance.ts'
import { MalformedInputError } from '../../errors/base.ts'
import { VersionedHashMismatchError } from '../../errors/storage.ts'
import { assertHex, type Hex, hexToBytes } from '../hex.ts'
import { decodeBlob } from './blobCodec.ts'
import { type Kzg, loadKzg, verifyBlobKzgProof } from './kzg.ts'
import { BYTES_PER_BLOB } from './kzgInputs.ts'

const short = (h: string) => `${h.slice(0, 10)}…${h.slice(-6)}`
const round = (ms: number) => Math.round(ms * 100) / 100

/**
 * Verifies a served blob against the KV meta proven on chain and returns its content.
 * @param served - `blob` (131072 bytes, 0x-hex or bytes), `commitment` and `proof` (48-byte 0x-hex), as
 *   `lightbus_getBlob` of the storage node answers.
 * @param meta - `hash24`: the 24-byte hash the KV contract records (= versioned hash[0:24]); `size`: content bytes.
 * @returns The decoded content (`size` bytes), the versioned hash, and one {@link ProvenanceCheck} per step with
 *   its time in ms.
 * @throws {MalformedInputError} Served fields not hex of the right length; `hash24` not 24 bytes.
 * @throws {MalformedBlobError | InvalidKzgEncodingError | KzgProofInvalidError} The KZG step.
 * @throws {VersionedHashMismatchError} The commitment's versioned hash does not start with `hash24`.
 * @throws {BlobSizeMismatchError} `size` does not fit the blob.
 */
export async function verifyStoredBlob(
  served: { blob: Hex | Uint8Array; commitment: Hex; proof: Hex },
  meta: { hash24: Hex; size: number },
  kzg?: Kzg,
): Promise<{ bytes: Uint8Array; versionedHash: Hex; checks: ProvenanceCheck[] }> {
  const checks: ProvenanceCheck[] = []
  if (served === null || typeof served !== 'object') throw new MalformedInputError({ what: 'served blob', details: 'expected { blob, commitment, proof }' })
  const blob = served.blob instanceof Uint8Array ? served.blob : hexToBytes(served.blob, 'served blob', BYTES_PER_BLOB)
  const commitment = hexToBytes(served.commitment, 'served KZG commitment', 48)
  const proof = hexToBytes(served.proof, 'served KZG proof', 48)
  const hash24 = assertHex(meta?.hash24, 'KV meta hash', 24)

  let t = performance.now()
  const k = kzg ?? (await loadKzg())
  const versionedHash = await verifyBlobKzgProof(blob, commitment, proof, k)
  checks.push({ label: 'KZG blob proof', detail: `blob (128 KiB) opens commitment ${short(served.commitment)}`, ms: round(performance.now() - t) })

  t = performance.now()
  if (versionedHash.slice(0, 2 + 48) !== hash24) {
    throw new VersionedHashMismatchError({ what: 'the served blob', expected: `${hash24}… (KV meta, 24 bytes)`, actual: versionedHash })
  }
  checks.push({
    label: 'Versioned hash equals the proven KV hash',
    detail: `0x01 ‖ sha256(commitment)[1:] = ${short(versionedHash)}; first 24 bytes = on-chain hash`,
    ms: round(performance.now() - t),
  })

  t = performance.now()
  const bytes = decodeBlob(blob, meta.size)
  checks.push({ label: `Content decoded (${meta.size} bytes)`, detail: 'PaddingPer31Bytes; zero past the recorded size', ms: round(performance.now() - t) })
  return { bytes, versionedHash, checks }
}

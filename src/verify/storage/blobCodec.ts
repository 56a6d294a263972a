/**
 * The upload encoding of blobs: EthStorage `DecodeType.PaddingPer31Bytes` (= 1). Each of the 4096 32-byte field
 * elements is `0x00 ‖ 31 content bytes`, so every element is below the BLS modulus; a blob holds at most
 * {@link BLOB_CAPACITY} = 126976 content bytes; bytes after the content are zero. The content length (`size`) is
 * recorded beside the blob (KV meta), not in it.
 * Source: EthStorage storage-contracts-v1 `DecodeType` and es-node `utils.DecodeBlob` (PaddingPer31Bytes).
 */
import { BlobSizeMismatchError, MalformedBlobError } from '../../errors/storage.ts'
import { BYTES_PER_BLOB, FIELD_ELEMENTS_PER_BLOB } from './kzgInputs.ts'

/** Content bytes per field element under the padding codec. */
const BYTES_PER_ELEMENT = 31
/** Content bytes one blob holds: 4096 × 31 = 126976. */
export const BLOB_CAPACITY = FIELD_ELEMENTS_PER_BLOB * BYTES_PER_ELEMENT

/**
 * Splits `data` into blobs of 131072 bytes (126976 content bytes each, the last one zero-filled). Empty data
 * gives one all-zero blob (a KV entry of size 0 still needs a blob).
 */
export function encodeBlobs(data: Uint8Array): Uint8Array[] {
  const count = Math.max(1, Math.ceil(data.length / BLOB_CAPACITY))
  const blobs: Uint8Array[] = []
  for (let b = 0; b < count; b++) {
    const blob = new Uint8Array(BYTES_PER_BLOB)
    const chunk = data.subarray(b * BLOB_CAPACITY, (b + 1) * BLOB_CAPACITY)
    for (let i = 0, off = 0; off < chunk.length; i++, off += BYTES_PER_ELEMENT) {
      blob.set(chunk.subarray(off, off + BYTES_PER_ELEMENT), i * 32 + 1)
    }
    blobs.push(blob)
  }
  return blobs
}

/**
 * Decodes the first `size` content bytes of a padding-codec blob.
 * @param blob - 131072 bytes.
 * @param size - The recorded content length, bytes (0…126976).
 * @throws {MalformedBlobError} Not 131072 bytes, or a field element whose leading byte is not 0x00.
 * @throws {BlobSizeMismatchError} `size` not an integer in 0…126976, or a non-zero content byte after `size`.
 */
export function decodeBlob(blob: Uint8Array, size: number): Uint8Array {
  if (!(blob instanceof Uint8Array) || blob.length !== BYTES_PER_BLOB) {
    throw new MalformedBlobError({ what: 'blob', details: `expected ${BYTES_PER_BLOB} bytes, got ${blob instanceof Uint8Array ? blob.length : typeof blob}` })
  }
  if (!Number.isSafeInteger(size) || size < 0 || size > BLOB_CAPACITY) {
    throw new BlobSizeMismatchError({ size, details: `size must be an integer in 0…${BLOB_CAPACITY} (the blob's capacity)` })
  }
  const out = new Uint8Array(size)
  for (let i = 0; i < FIELD_ELEMENTS_PER_BLOB; i++) {
    const base = i * 32
    if (blob[base] !== 0) throw new MalformedBlobError({ what: 'padding codec', details: `field element ${i} does not start with 0x00` })
    const contentStart = i * BYTES_PER_ELEMENT
    for (let j = 0; j < BYTES_PER_ELEMENT; j++) {
      const pos = contentStart + j
      const byte = blob[base + 1 + j] as number
      if (pos < size) out[pos] = byte
      else if (byte !== 0) throw new BlobSizeMismatchError({ size, details: `content byte ${pos} is non-zero, past the recorded size` })
    }
  }
  return out
}

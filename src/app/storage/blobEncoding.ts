/**
 * The upload encoding (EthStorage DecodeType.PaddingPer31Bytes = 1): each 32-byte field element is 0x00 ‖ 31 content
 * bytes; 126976 content bytes per 131072-byte blob; zero-filled; empty data = one zero blob.
 * Stand-in with the interface of BLOB's `encodeBlobs` (src/verify/storage) until that lands; then this re-exports it.
 */
export const BYTES_PER_BLOB = 131072
export const BLOB_CAPACITY = 4096 * 31

export function encodeBlobs(data: Uint8Array): Uint8Array[] {
  const count = Math.max(1, Math.ceil(data.length / BLOB_CAPACITY))
  const blobs: Uint8Array[] = []
  for (let b = 0; b < count; b++) {
    const blob = new Uint8Array(BYTES_PER_BLOB)
    const chunk = data.subarray(b * BLOB_CAPACITY, (b + 1) * BLOB_CAPACITY)
    for (let i = 0; i * 31 < chunk.length; i++) blob.set(chunk.subarray(i * 31, i * 31 + 31), i * 32 + 1)
    blobs.push(blob)
  }
  return blobs
}

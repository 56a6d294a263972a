import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BlobSizeMismatchError, MalformedBlobError } from '../../errors/storage.ts'
import { BLOB_CAPACITY, decodeBlob, encodeBlobs } from './blobCodec.ts'
import { BYTES_PER_BLOB } from './kzgInputs.ts'

describe('blob codec (PaddingPer31Bytes)', () => {
  it('has EthStorage capacity 4096 × 31 bytes', () => expect(BLOB_CAPACITY).toBe(126976))

  it('round-trips any content, split across blobs', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 0, max: 2 }), (data, extraBlobs) => {
        // Extend past one blob sometimes so the split is exercised.
        const big = new Uint8Array(data.length + extraBlobs * (BLOB_CAPACITY - 7))
        big.set(data)
        big.fill(0xab, data.length)
        const blobs = encodeBlobs(big)
        expect(blobs.length).toBe(Math.max(1, Math.ceil(big.length / BLOB_CAPACITY)))
        const out = new Uint8Array(big.length)
        blobs.forEach((blob, i) => {
          expect(blob.length).toBe(BYTES_PER_BLOB)
          for (let e = 0; e < 4096; e++) if (blob[e * 32] !== 0) throw new Error(`element ${e} prefix`)
          const size = Math.min(BLOB_CAPACITY, big.length - i * BLOB_CAPACITY)
          out.set(decodeBlob(blob, size), i * BLOB_CAPACITY)
        })
        expect(Buffer.from(out).equals(Buffer.from(big))).toBe(true)
      }),
      { numRuns: 30 },
    )
  })

  it('encodes empty content as one zero blob, and a full blob exactly', () => {
    const empty = encodeBlobs(new Uint8Array())
    expect(empty.length).toBe(1)
    expect((empty[0] as Uint8Array).every((x) => x === 0) && empty[0]?.length === BYTES_PER_BLOB).toBe(true)
    const full = new Uint8Array(BLOB_CAPACITY).fill(1)
    expect(encodeBlobs(full).length).toBe(1)
    expect(Buffer.from(decodeBlob(encodeBlobs(full)[0] as Uint8Array, BLOB_CAPACITY)).equals(Buffer.from(full))).toBe(true)
    expect(encodeBlobs(new Uint8Array(BLOB_CAPACITY + 1)).length).toBe(2)
  })

  it('rejects a size that does not fit: too small (non-zero after it), too large, not an integer', () => {
    const blob = encodeBlobs(new TextEncoder().encode('hello, blob'))[0] as Uint8Array
    expect(new TextDecoder().decode(decodeBlob(blob, 11))).toBe('hello, blob')
    expect(decodeBlob(blob, 12).length).toBe(12) // a zero byte past the content is content too
    expect(() => decodeBlob(blob, 10)).toThrow(BlobSizeMismatchError)
    expect(() => decodeBlob(blob, BLOB_CAPACITY + 1)).toThrow(BlobSizeMismatchError)
    expect(() => decodeBlob(blob, BYTES_PER_BLOB)).toThrow(BlobSizeMismatchError)
    expect(() => decodeBlob(blob, -1)).toThrow(BlobSizeMismatchError)
    expect(() => decodeBlob(blob, 1.5)).toThrow(BlobSizeMismatchError)
    expect(() => decodeBlob(blob, Number.NaN)).toThrow(BlobSizeMismatchError)
  })

  it('rejects a blob of another length or with a non-zero element prefix', () => {
    const blob = encodeBlobs(new Uint8Array([1, 2, 3]))[0] as Uint8Array
    expect(() => decodeBlob(blob.subarray(1), 3)).toThrow(MalformedBlobError)
    const bad = blob.slice()
    bad[32 * 100] = 1
    expect(() => decodeBlob(bad, 3)).toThrow(MalformedBlobError)
    const late = blob.slice()
    late[BYTES_PER_BLOB - 1] = 1
    expect(() => decodeBlob(late, 3)).toThrow(BlobSizeMismatchError)
  })
})

import { beforeAll, describe, expect, it } from 'vitest'
import { MalformedInputError } from '../../errors/base.ts'
import { BlobSizeMismatchError, KzgProofInvalidError, VersionedHashMismatchError } from '../../errors/storage.ts'
import { flipDigit } from '../../test/storageFixtures.ts'
import { type Hex, toHex } from '../hex.ts'
import { encodeBlobs } from './blobCodec.ts'
import { type Kzg, loadKzg } from './kzg.ts'
import { verifyStoredBlob } from './verifyStoredBlob.ts'

const content = new TextEncoder().encode('<!doctype html><title>lightbus</title><p>stored in a blob</p>')
let kzg: Kzg
let served: { blob: Hex; commitment: Hex; proof: Hex }
let hash24: Hex

beforeAll(async () => {
  kzg = await loadKzg()
  const blob = toHex(encodeBlobs(content)[0] as Uint8Array)
  const commitment = kzg.blobToKzgCommitment(blob).toLowerCase() as Hex
  const proof = kzg.computeBlobProof(blob, commitment).toLowerCase() as Hex
  served = { blob, commitment, proof }
  const { kzgToVersionedHash } = await import('./kzg.ts')
  hash24 = kzgToVersionedHash(Buffer.from(commitment.slice(2), 'hex')).slice(0, 50) as Hex
}, 120_000)

describe('verifyStoredBlob (the storage chain)', () => {
  it('verifies blob → commitment → versioned hash = proven hash24 → content, each step timed', async () => {
    const r = await verifyStoredBlob(served, { hash24, size: content.length }, kzg)
    expect(r.bytes).toEqual(content)
    expect(r.versionedHash.startsWith(hash24)).toBe(true)
    expect(r.checks.map((c) => c.label)).toEqual(['KZG blob proof', 'Versioned hash equals the proven KV hash', `Content decoded (${content.length} bytes)`])
    for (const c of r.checks) expect(typeof c.ms).toBe('number')
  })

  it('accepts the blob as bytes', async () => {
    const r = await verifyStoredBlob({ ...served, blob: Buffer.from(served.blob.slice(2), 'hex') }, { hash24, size: content.length }, kzg)
    expect(r.bytes).toEqual(content)
  })

  it('rejects a node that serves other bytes (one flipped byte)', async () => {
    await expect(verifyStoredBlob({ ...served, blob: flipDigit(served.blob, 5) as Hex }, { hash24, size: content.length }, kzg)).rejects.toBeInstanceOf(
      KzgProofInvalidError,
    )
  })

  it('rejects another blob with its own valid proof (versioned hash ≠ the proven one)', async () => {
    await expect(verifyStoredBlob(served, { hash24: flipDigit(hash24, 40) as Hex, size: content.length }, kzg)).rejects.toBeInstanceOf(
      VersionedHashMismatchError,
    )
  })

  it('rejects a recorded size that does not fit the blob', async () => {
    await expect(verifyStoredBlob(served, { hash24, size: content.length - 1 }, kzg)).rejects.toBeInstanceOf(BlobSizeMismatchError)
    await expect(verifyStoredBlob(served, { hash24, size: 131072 }, kzg)).rejects.toBeInstanceOf(BlobSizeMismatchError)
  })

  it('rejects malformed served fields with a typed error', async () => {
    await expect(verifyStoredBlob({ ...served, commitment: '0x12' }, { hash24, size: 1 }, kzg)).rejects.toBeInstanceOf(MalformedInputError)
    await expect(verifyStoredBlob({ ...served, blob: '0x00' }, { hash24, size: 1 }, kzg)).rejects.toBeInstanceOf(MalformedInputError)
    await expect(verifyStoredBlob(served, { hash24: '0x01', size: 1 }, kzg)).rejects.toBeInstanceOf(MalformedInputError)
  })
})

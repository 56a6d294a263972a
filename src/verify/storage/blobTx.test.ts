import fc from 'fast-check'
import { toRlp } from 'viem'
import { describe, expect, it } from 'vitest'
import { BaseError, InputTooLargeError, MalformedInputError } from '../../errors/base.ts'
import { InvalidKzgEncodingError, KzgProofInvalidError, MalformedBlobError, VersionedHashMismatchError } from '../../errors/storage.ts'
import { flipDigit, readBlobTx } from '../../test/storageFixtures.ts'
import { type Hex, hexToBytes, toHex } from '../hex.ts'
import { encodeBlobs } from './blobCodec.ts'
import { verifyBlobTx } from './blobTx.ts'
import { kzgToVersionedHash, loadKzg } from './kzg.ts'
import { decodeRlp } from './rlp.ts'

describe('verifyBlobTx on real network-form blob transactions', () => {
  it('4844 wrapper v0, mainnet: blob proof, versioned hash, tx hash', async () => {
    const r = await verifyBlobTx(readBlobTx('4844rlp_11'))
    expect(r.txHash).toBe('0x68bb32fdbf9cc73e837818ddc5fe6f1157b9304da8be1e02e8b82d82916f3697')
    expect(r.wrapperVersion).toBe(0)
    expect(r.chainId).toBe(1n)
    expect(r.blobs.map((b) => b.versionedHash.slice(0, 10))).toEqual(['0x012b91ac'])
    expect(r.cellProofs).toBe(0)
  })

  it('4844 wrapper v0, devnet chain 7', async () => {
    const r = await verifyBlobTx(`0x${readBlobTx('4844rlp_0')}`)
    expect(r.txHash).toBe('0xd886baa4d7824402a508487d94b8efed257832170ecb5f5a85b8d2e15317728c')
    expect(r.chainId).toBe(7n)
  })

  it('7594 wrapper v1, Sepolia: 128 cell proofs', async () => {
    const r = await verifyBlobTx(readBlobTx('7594rlp_1'))
    expect(r.txHash).toBe('0xb7490b74a4642b4c9d5c6cdb8a7a24dd639affa2d8eef4d5cd32a931a92a9752')
    expect(r.wrapperVersion).toBe(1)
    expect(r.chainId).toBe(11155111n)
    expect(r.cellProofs).toBe(128)
  })

  it('rejects one flipped byte in a blob, a commitment, a proof, a versioned hash', async () => {
    const hex = readBlobTx('4844rlp_11')
    const { blobs } = await verifyBlobTx(hex)
    const b0 = blobs[0] as { commitment: string; versionedHash: string }
    const commitmentAt = hex.lastIndexOf(b0.commitment.slice(2))
    const hashAt = hex.indexOf(b0.versionedHash.slice(2))
    expect(hashAt).toBeLessThan(commitmentAt - 262144)
    expect(commitmentAt).toBeGreaterThan(0)
    expect(hashAt).toBeGreaterThan(0)
    // The proof is the last 48 bytes; the blob sits before the commitments.
    await expect(verifyBlobTx(flipDigit(hex, hex.length - 5))).rejects.toSatisfy(
      (e) => e instanceof KzgProofInvalidError || e instanceof InvalidKzgEncodingError,
    )
    await expect(verifyBlobTx(flipDigit(hex, commitmentAt - 4001))).rejects.toSatisfy(
      (e) => e instanceof KzgProofInvalidError || e instanceof MalformedBlobError,
    )
    await expect(verifyBlobTx(flipDigit(hex, commitmentAt + 90))).rejects.toSatisfy(
      (e) => e instanceof KzgProofInvalidError || e instanceof InvalidKzgEncodingError,
    )
    await expect(verifyBlobTx(flipDigit(hex, hashAt + 60))).rejects.toBeInstanceOf(VersionedHashMismatchError)
  })

  it('rejects one flipped cell proof (7594)', async () => {
    const hex = readBlobTx('7594rlp_1')
    await expect(verifyBlobTx(flipDigit(hex, hex.length - 10))).rejects.toSatisfy(
      (e) => e instanceof KzgProofInvalidError || e instanceof InvalidKzgEncodingError,
    )
    // Two valid cell proofs swapped (each 0xb0 ‖ 48 bytes at the end of the wrapper): valid points, wrong cells.
    const a = hex.slice(-196, -98)
    const b = hex.slice(-98)
    expect(a.startsWith('b0') && b.startsWith('b0')).toBe(true)
    await expect(verifyBlobTx(hex.slice(0, -196) + b + a)).rejects.toBeInstanceOf(KzgProofInvalidError)
  })

  it('rejects other shapes: not type 3, bare tx, truncated, trailing bytes, wrong wrapper version', async () => {
    const hex = readBlobTx('4844rlp_0')
    for (const bad of [`02${hex.slice(2)}`, hex.slice(0, -2), `${hex}00`, '03c0', '03', '', 'zz', `03${'c3c0c0c0'}`]) {
      await expect(verifyBlobTx(bad), bad.slice(0, 20)).rejects.toBeInstanceOf(MalformedInputError)
    }
  })

  it('rejects garbage of any size with a typed error in bounded time', async () => {
    const kzg = await loadKzg()
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), fc.boolean(), async (bytes, type3) => {
        const body = Buffer.from(bytes).toString('hex')
        const err = await verifyBlobTx(`${type3 ? '03' : ''}${body}`, kzg).catch((e: unknown) => e)
        expect(err).toBeInstanceOf(BaseError)
      }),
      { numRuns: 300 },
    )
  })

  it('rejects random one-byte changes of a real tx with a typed error', async () => {
    const hex = readBlobTx('4844rlp_0')
    const kzg = await loadKzg()
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: hex.length - 1 }), fc.integer({ min: 1, max: 15 }), async (digit, xor) => {
        const err = await verifyBlobTx(flipDigit(hex, digit, xor), kzg).then(
          (r) => r,
          (e: unknown) => e,
        )
        // A change inside the tx body only changes the tx hash (the signature is not checked here): the result
        // must then report another hash than the real one.
        if (!(err instanceof BaseError))
          expect((err as { txHash: string }).txHash).not.toBe('0xd886baa4d7824402a508487d94b8efed257832170ecb5f5a85b8d2e15317728c')
      }),
      { numRuns: 25 },
    )
  })
})

describe('decodeRlp', () => {
  it('rejects non-canonical encodings', () => {
    for (const h of ['8100', '817f', 'b800', 'b90001', 'f800', 'c281', '82']) {
      const bytes = Buffer.from(h, 'hex')
      expect(() => decodeRlp(bytes), h).toThrow(MalformedInputError)
    }
    expect(decodeRlp(Buffer.from('820400', 'hex'))).toMatchObject({ kind: 'bytes' })
  })
  it('bounds the item count (a flat list of millions of empty strings)', async () => {
    const n = 3_000_000 // list payload length, 3-byte long form: 0xf7 + 3
    const body = new Uint8Array(4 + n).fill(0x80)
    body.set([0xfa, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff], 0)
    const err = await verifyBlobTx(`0x03${Buffer.from(body).toString('hex')}`).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(InputTooLargeError)
  })
  it('bounds nesting depth', () => {
    expect(() => decodeRlp(Uint8Array.from([...Array(40).fill(0xc0 + 0)]))).toThrow(MalformedInputError)
    const deep = new Uint8Array(30)
    for (let i = 0; i < 30; i++) deep[i] = 0xc0 + (29 - i)
    expect(() => decodeRlp(deep)).toThrow(MalformedInputError)
  })
})

describe('verifyBlobTx on a synthetic two-blob 4844 wrapper (any tx of this kind, not only the fixtures)', () => {
  let material: Promise<{ blobs: Hex[]; commitments: Hex[]; proofs: Hex[] }> | undefined
  const make = () => {
    material ??= loadKzg().then((kzg) => {
      const blobs = ['first blob', 'second blob'].map((t) => toHex(encodeBlobs(new TextEncoder().encode(t))[0] as Uint8Array))
      const commitments = blobs.map((b) => kzg.blobToKzgCommitment(b).toLowerCase() as Hex)
      const proofs = blobs.map((b, i) => kzg.computeBlobProof(b, commitments[i] as Hex).toLowerCase() as Hex)
      return { blobs, commitments, proofs }
    })
    return material
  }
  const build = async (order: [number, number]) => {
    const { blobs, commitments, proofs } = await make()
    const hashes = order.map((i) => kzgToVersionedHash(hexToBytes(commitments[i], 'c', 48)))
    const tx = [
      '0x07',
      '0x',
      '0x01',
      '0x02',
      '0x5208',
      `0x${'11'.repeat(20)}`,
      '0x',
      '0x',
      [],
      '0x03',
      hashes,
      '0x01',
      `0x${'22'.repeat(32)}`,
      `0x${'33'.repeat(32)}`,
    ]
    return toRlp([tx as Hex[], blobs, commitments, proofs]).replace(/^0x/, '0x03')
  }
  it('verifies both blobs in order', async () => {
    const r = await verifyBlobTx(await build([0, 1]))
    expect(r.blobs.length).toBe(2)
    expect(r.chainId).toBe(7n)
  }, 120_000)
  it('rejects versioned hashes in another order', async () => {
    await expect(verifyBlobTx(await build([1, 0]))).rejects.toBeInstanceOf(VersionedHashMismatchError)
  }, 120_000)
})

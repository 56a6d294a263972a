import { describe, expect, it } from 'vitest'
import { MalformedInputError } from '../../errors/base.ts'
import { VersionedHashMismatchError } from '../../errors/storage.ts'
import { decodeEthStorageReadInput, readVerified } from './ethStorageRead.ts'

const w = (n: bigint) => {
  const b = new Uint8Array(32)
  for (let i = 31; i >= 0 && n > 0n; i--, n >>= 8n) b[i] = Number(n & 0xffn)
  return b
}
const input = (kvIdx: bigint, t: bigint, off: bigint, len: bigint, hash: Uint8Array) => {
  const out = new Uint8Array(160)
  for (const [i, x] of [w(kvIdx), w(t), w(off), w(len), hash].entries()) out.set(x, 32 * i)
  return out
}
const hash = new Uint8Array(32).fill(0xab, 0, 24)

describe('EthStorage read precompile helpers', () => {
  it('decodes abi.encode(kvIdx, decodeType, off, len, hash) and cuts verified data', () => {
    const d = decodeEthStorageReadInput(input(7n, 1n, 2n, 3n, hash))
    expect(d).toEqual({ kvIdx: 7n, decodeType: 1, off: 2, len: 3, hash24: `0x${'ab'.repeat(24)}` })
    expect(readVerified(d, { content: Uint8Array.from([1, 2, 3, 4, 5]), blob: new Uint8Array(131072) })).toEqual(Uint8Array.from([3, 4, 5]))
    const raw = decodeEthStorageReadInput(input(0n, 0n, 131071n, 1n, hash))
    expect(readVerified(raw, { content: new Uint8Array(), blob: new Uint8Array(131072).fill(9) })).toEqual(Uint8Array.from([9]))
  })
  it('answers only from the blob the input names (the verified versioned hash starts with its bytes24)', () => {
    const d = decodeEthStorageReadInput(input(7n, 1n, 0n, 1n, hash))
    const content = Uint8Array.from([5])
    const blob = new Uint8Array(131072)
    expect(readVerified(d, { content, blob, versionedHash: `0x${'ab'.repeat(24)}${'cd'.repeat(8)}` })).toEqual(content)
    expect(() => readVerified(d, { content, blob, versionedHash: `0x${'ab'.repeat(23)}ac${'cd'.repeat(8)}` })).toThrow(VersionedHashMismatchError)
  })
  it('rejects malformed input and reads past the verified bytes', () => {
    expect(() => decodeEthStorageReadInput(new Uint8Array(159))).toThrow(MalformedInputError)
    expect(() => decodeEthStorageReadInput(input(0n, 2n, 0n, 1n, hash))).toThrow(MalformedInputError)
    expect(() => decodeEthStorageReadInput(input(0n, 1n, 2n ** 40n, 1n, hash))).toThrow(MalformedInputError)
    expect(() => decodeEthStorageReadInput(input(0n, 1n, 0n, 1n, new Uint8Array(32).fill(1)))).toThrow(MalformedInputError)
    const d = decodeEthStorageReadInput(input(0n, 1n, 4n, 2n, hash))
    expect(() => readVerified(d, { content: new Uint8Array(5), blob: new Uint8Array(131072) })).toThrow(MalformedInputError)
    expect(() => readVerified({ ...d, len: 0 }, { content: new Uint8Array(5), blob: new Uint8Array(131072) })).toThrow(MalformedInputError)
  })
})

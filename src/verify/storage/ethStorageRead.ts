/**
 * The EthStorage read precompile (0x0000000000000000000000000000000000033301) as the KV contract calls it:
 * `staticcall(abi.encode(uint256 kvIdx, uint8 decodeType, uint256 off, uint256 len, bytes32 hash))` → the `len`
 * bytes at `off` of the blob's content (decodeType 1, PaddingPer31Bytes) or of the raw blob (decodeType 0).
 * Pure helpers for a caller that serves the precompile from a verified blob ({@link verifyStoredBlob}): decode the
 * input strictly, then cut the answer. Source: EthStorage storage-contracts-v1 `DecentralizedKV.get` (range
 * checks are the contract's; they are repeated here so a call never reads past what was verified).
 */
import { MalformedInputError } from '../../errors/base.ts'
import { VersionedHashMismatchError } from '../../errors/storage.ts'
import { type Hex, toHex } from '../hex.ts'

/** The precompile's address. */
export const ETHSTORAGE_READ_PRECOMPILE = '0x0000000000000000000000000000000000033301' as const

/** EthStorage `DecodeType`: 0 = raw blob bytes, 1 = PaddingPer31Bytes content. */
export type EthStorageDecodeType = 0 | 1

export type EthStorageReadInput = { kvIdx: bigint; decodeType: EthStorageDecodeType; off: number; len: number; hash24: Hex }

const word = (input: Uint8Array, i: number) => input.subarray(32 * i, 32 * i + 32)
const toBig = (w: Uint8Array) => w.reduce((v, b) => (v << 8n) | BigInt(b), 0n)

/**
 * Decodes the 160-byte ABI input.
 * @throws {MalformedInputError} Not 160 bytes; decodeType not 0 or 1 (or not a clean uint8); `off`/`len` above
 *   2^32; a hash whose last 8 bytes are not zero (the KV hash is a bytes24 in a bytes32).
 */
export function decodeEthStorageReadInput(input: Uint8Array): EthStorageReadInput {
  const bad = (details: string) => new MalformedInputError({ what: 'EthStorage read precompile input', details })
  if (!(input instanceof Uint8Array) || input.length !== 160)
    throw bad(`expected 160 bytes (5 ABI words), got ${input instanceof Uint8Array ? input.length : typeof input}`)
  const decodeType = toBig(word(input, 1))
  if (decodeType !== 0n && decodeType !== 1n) throw bad(`decodeType ${decodeType} is neither 0 (raw) nor 1 (PaddingPer31Bytes)`)
  const off = toBig(word(input, 2))
  const len = toBig(word(input, 3))
  if (off > 0xffffffffn || len > 0xffffffffn) throw bad('off/len out of range')
  const hash = word(input, 4)
  if (hash.subarray(24).some((b) => b !== 0)) throw bad('hash is not a bytes24 (last 8 bytes non-zero)')
  return {
    kvIdx: toBig(word(input, 0)),
    decodeType: Number(decodeType) as EthStorageDecodeType,
    off: Number(off),
    len: Number(len),
    hash24: toHex(hash.subarray(0, 24)),
  }
}

/**
 * The precompile's answer from verified data: `len` bytes at `off` of `content` (decodeType 1, the decoded content of
 * the recorded size) or of `blob` (decodeType 0, the 131072 raw bytes). `versionedHash`, when given, is the verified
 * blob's: its first 24 bytes must be the hash the contract passed, so bytes of another blob are never answered.
 * @throws {VersionedHashMismatchError} The verified blob is not the one the input names.
 * @throws {MalformedInputError} `len` is 0 or the range runs past the verified data.
 */
export function readVerified(input: EthStorageReadInput, verified: { content: Uint8Array; blob: Uint8Array; versionedHash?: Hex }): Uint8Array {
  if (verified.versionedHash !== undefined && verified.versionedHash.slice(0, 50).toLowerCase() !== input.hash24.toLowerCase())
    throw new VersionedHashMismatchError({ what: `the blob read for kvIdx ${input.kvIdx}`, expected: input.hash24, actual: verified.versionedHash })
  const data = input.decodeType === 1 ? verified.content : verified.blob
  if (input.len === 0 || input.off + input.len > data.length) {
    throw new MalformedInputError({ what: 'EthStorage read', details: `range ${input.off}+${input.len} outside the ${data.length} verified bytes` })
  }
  return data.slice(input.off, input.off + input.len)
}

import { bytesToHex, concatHex, hexToBytes, keccak256 } from 'viem'
import { beforeAll, describe, expect, it } from 'vitest'
import type { BaseError } from '../../errors/base.ts'
import { fibonacci } from '../vm/programs/fibonacci.ts'
import { inputDigest, proveReceipt, type Receipt } from './receipt.ts'
import {
  bytesToWords,
  decodeReceiptFromEvm,
  EVM_HEADER_BYTES,
  EVM_SEGMENT_FIXED_BYTES,
  encodeReceiptForEvm,
  journalDigest,
  wordsToBytes,
} from './receiptEvm.ts'
import { verifyReceipt } from './verifyReceipt.ts'

const code = (f: () => unknown): string => {
  try {
    f()
  } catch (e) {
    return (e as BaseError).code ?? `untyped: ${String(e)}`
  }
  return 'accepted'
}

let fib: Receipt
beforeAll(async () => {
  fib = await proveReceipt(fibonacci, [200], 10) // 2 segments
}, 120_000)

describe('EVM receipt encoding (docs/zkvm-evm.md)', () => {
  it('round-trips a real two-segment receipt, and the decoded receipt verifies', () => {
    const enc = encodeReceiptForEvm(fib)
    const dec = decodeReceiptFromEvm(enc)
    expect(dec).toEqual(fib)
    expect(decodeReceiptFromEvm(hexToBytes(enc))).toEqual(fib)
    expect(verifyReceipt(dec).journal).toEqual(fib.journal)
    // Layout: header, code, input, journal, then per segment its fixed part, ROM multiplicities, 512 words, proof.
    const proofs = fib.segments.reduce((n, s) => n + (s.proof.length - 2) / 2, 0)
    const L = (fib.program.code.length - 2) / 2 / 8
    const expected =
      EVM_HEADER_BYTES + 8 * L + 4 * fib.input.length + 4 * fib.journal.length + fib.segments.length * (EVM_SEGMENT_FIXED_BYTES + 4 * L + 2048 + 4) + proofs
    expect((enc.length - 2) / 2).toBe(expected)
    // imageId and inputDigest at fixed offsets 8 and 40.
    expect(`0x${enc.slice(2 + 16, 2 + 80)}`).toBe(fib.imageId)
    expect(`0x${enc.slice(2 + 80, 2 + 144)}`).toBe(fib.inputDigest)
  })

  it('rejects truncation, trailing bytes, a bad version, a bad halted flag, a word ≥ p and too many segments, typed', () => {
    const enc = encodeReceiptForEvm(fib)
    const b = hexToBytes(enc)
    expect(code(() => decodeReceiptFromEvm(enc.slice(0, -2) as `0x${string}`))).toBe('MalformedReceipt')
    expect(code(() => decodeReceiptFromEvm(concatHex([enc, '0x00'])))).toBe('MalformedReceipt')
    expect(code(() => decodeReceiptFromEvm('0x'))).toBe('MalformedReceipt')
    expect(code(() => decodeReceiptFromEvm('0x0'))).toBe('MalformedReceipt')
    const v = b.slice()
    v[0] = 2
    expect(code(() => decodeReceiptFromEvm(v))).toBe('MalformedReceipt')
    // The first input word (after the header and code) set to 0xffffffff ≥ p.
    const w = b.slice()
    const inputAt = EVM_HEADER_BYTES + (fib.program.code.length - 2) / 2
    w.set([0xff, 0xff, 0xff, 0xff], inputAt)
    expect(code(() => decodeReceiptFromEvm(w))).toBe('MalformedReceipt')
    // Segment count 257.
    const s = b.slice()
    s.set([1, 1, 0, 0], 100)
    expect(code(() => decodeReceiptFromEvm(s))).toBe('MalformedReceipt')
    // A huge count never allocates: code length 2^32 − 1.
    const c = b.slice()
    c.set([0xff, 0xff, 0xff, 0xff], 88)
    expect(code(() => decodeReceiptFromEvm(c))).toBe('MalformedReceipt')
    // halted = 2 in the first segment.
    const h = b.slice()
    const haltedAt = inputAt + 4 * fib.input.length + 4 * fib.journal.length + 4 + 2 * (44 + 1024)
    expect(h[haltedAt]).toBe(0)
    h[haltedAt] = 2
    expect(code(() => decodeReceiptFromEvm(h))).toBe('MalformedReceipt')
    expect(code(() => encodeReceiptForEvm({ ...fib, exitCode: 2 ** 32 }))).toBe('MalformedReceipt')
    expect(code(() => encodeReceiptForEvm({ ...fib, segments: [{ ...(fib.segments[0] as Receipt['segments'][number]), lastAccess: [] }] }))).toBe(
      'MalformedReceipt',
    )
  })

  it('words: u32 LE, bounded by p; digests are keccak-256 of those bytes', () => {
    expect(wordsToBytes([1, 0x01020304, 2013265920])).toBe('0x010000000403020100000078')
    expect(bytesToWords(wordsToBytes([1, 0x01020304, 2013265920]))).toEqual([1, 0x01020304, 2013265920])
    expect(bytesToWords('0x')).toEqual([])
    expect(code(() => bytesToWords('0x010203'))).toBe('MalformedInput')
    expect(code(() => bytesToWords('0x01000078'))).toBe('MalformedInput')
    expect(code(() => bytesToWords('0xzz000000' as `0x${string}`))).toBe('MalformedInput')
    expect(journalDigest(fib.journal)).toBe(keccak256(wordsToBytes(fib.journal)))
    expect(keccak256(wordsToBytes(fib.input))).toBe(inputDigest(fib.input))
    expect(journalDigest([])).toBe(keccak256(bytesToHex(new Uint8Array(0))))
  })
})

// The build's replacement for @chainsafe/ssz's util/byteArray.js (scripts/vite/sszByteArray.ts) against the package's
// own functions (Node runs the package unchanged): same bytes and hex on valid input, on real sync-committee JSON too;
// stricter on a non-hex character. Node 20 has no Uint8Array.fromHex: the table path runs here, and the native path
// with a stand-in (Chromium's own runs in the e2e suite).
import * as original from '@chainsafe/ssz/lib/util/byteArray.js'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import updates from '../../fixtures/mainnet-lc/updates.json'
import { byteArrayEquals, fromHexString, toHexString } from './sszByteArray.ts'

const U8 = Uint8Array as unknown as { fromHex?: (h: string) => Uint8Array }
const savedFromHex = U8.fromHex
afterEach(() => {
  U8.fromHex = savedFromHex
})

describe('sszByteArray (replaces @chainsafe/ssz util/byteArray.js in the build)', () => {
  it('decodes and encodes as @chainsafe/ssz on any bytes, with or without 0x, any case', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), fc.boolean(), (bytes, prefix, upper) => {
        let hex = original.toHexString(bytes).slice(2)
        if (upper) hex = hex.toUpperCase()
        if (prefix) hex = `0x${hex}`
        expect(fromHexString(hex)).toEqual(original.fromHexString(hex))
        expect(toHexString(bytes)).toBe(original.toHexString(bytes))
        expect(toHexString([...bytes])).toBe(original.toHexString(bytes))
        expect(byteArrayEquals(bytes, fromHexString(hex))).toBe(true)
      }),
    )
  })

  it('agrees on every public key of a real mainnet sync committee', () => {
    const keys = (updates as { data: { next_sync_committee: { pubkeys: string[] } } }[])[0]?.data.next_sync_committee.pubkeys ?? []
    expect(keys).toHaveLength(512)
    for (const k of keys) expect(fromHexString(k)).toEqual(original.fromHexString(k))
  })

  it('uses Uint8Array.fromHex when the engine has it, and reports its rejection the same way', () => {
    const seen: string[] = []
    U8.fromHex = (h: string) => {
      seen.push(h)
      if (!/^[0-9a-fA-F]*$/.test(h)) throw new SyntaxError('bad')
      return Uint8Array.from(h.match(/../g) ?? [], (b) => Number.parseInt(b, 16))
    }
    expect(fromHexString('0xa0ff')).toEqual(new Uint8Array([0xa0, 0xff]))
    expect(seen).toEqual(['a0ff'])
    expect(() => fromHexString('0xzz')).toThrow(/non-hex character/)
  })

  it('is stricter than @chainsafe/ssz: a non-hex character throws instead of decoding as 0', () => {
    expect(original.fromHexString('0xzz')).toEqual(new Uint8Array([0]))
    expect(() => fromHexString('0xzz')).toThrow(/non-hex character/)
    expect(() => fromHexString('0x0g')).toThrow(/non-hex character/)
    expect(() => fromHexString('0x 1')).toThrow(/non-hex character/)
    expect(() => fromHexString('0x123')).toThrow(/multiple of 2/)
    expect(() => fromHexString(12 as unknown as string)).toThrow(/must be of type string/)
    expect(byteArrayEquals(new Uint8Array([1]), new Uint8Array([1, 2]))).toBe(false)
    expect(byteArrayEquals(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false)
  })
})

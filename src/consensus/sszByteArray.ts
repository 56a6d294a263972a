/**
 * Drop-in for `@chainsafe/ssz`'s `lib/util/byteArray.js` (1.2.2: `toHexString`, `fromHexString`, `byteArrayEquals`),
 * which the production build substitutes for it (scripts/vite/sszByteArray.ts). SSZ's `fromJson` decodes every byte
 * vector through `fromHexString`, which slices and `parseInt`s each byte: a light-client update carries 513 keys of
 * 48 bytes (a sync committee), ~50 000 calls, 5–35 ms on the light-client worker per committee (docs/performance.md).
 * Here: `Uint8Array.fromHex` / `toHex` (TC39 base64 proposal; Chromium 140+, Firefox 133+, Safari 18.2+) where the
 * engine has them, else a table-driven loop.
 * DIFF FROM @chainsafe/ssz: stricter: a character that is not hexadecimal throws (ssz decoded it as 0).
 */

type WithHex = { fromHex?: (hex: string) => Uint8Array }

const VALUE = new Int8Array(128).fill(-1)
for (let i = 0; i < 10; i++) VALUE[48 + i] = i
for (let i = 0; i < 6; i++) {
  VALUE[65 + i] = 10 + i
  VALUE[97 + i] = 10 + i
}
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'))

/**
 * Bytes of a hex string, with or without `0x`.
 * @throws {Error} When `hex` is not a string, has an odd number of digits, or contains a non-hex character.
 */
export function fromHexString(hex: string): Uint8Array {
  if (typeof hex !== 'string') throw new Error(`hex argument type ${typeof hex} must be of type string`)
  const h = hex.startsWith('0x') ? hex.slice(2) : hex
  if (h.length % 2 !== 0) throw new Error(`hex string length ${h.length} must be multiple of 2`)
  const native = (Uint8Array as unknown as WithHex).fromHex
  if (native) {
    try {
      return native(h)
    } catch {
      throw new Error('hex string has a non-hex character')
    }
  }
  const out = new Uint8Array(h.length / 2)
  for (let i = 0; i < out.length; i++) {
    const hi = VALUE[h.charCodeAt(2 * i)] ?? -1
    const lo = VALUE[h.charCodeAt(2 * i + 1)] ?? -1
    if (hi < 0 || lo < 0) throw new Error('hex string has a non-hex character')
    out[i] = (hi << 4) | lo
  }
  return out
}

/** `0x` + lower-case hex of `bytes` (a Uint8Array or any iterable of bytes, as ssz accepts). */
export function toHexString(bytes: Uint8Array | Iterable<number>): string {
  if (bytes instanceof Uint8Array && typeof (bytes as { toHex?: () => string }).toHex === 'function')
    return `0x${(bytes as unknown as { toHex(): string }).toHex()}`
  let hex = '0x'
  for (const b of bytes) hex += HEX[b]
  return hex
}

/** Byte-wise equality. */
export function byteArrayEquals(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

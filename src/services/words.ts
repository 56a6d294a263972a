import { bytesToHex, type Hex, hexToBytes, isHex } from 'viem'
import { MalformedInputError } from '../errors/base.ts'
import { P } from '../prover/vm/field.ts'

/** Words (each in [0, p)) as bytes, u32 little-endian each (docs/zkvm-evm.md: a request's input, a response's output). */
export function wordsToHex(words: readonly number[]): Hex {
  const out = new Uint8Array(words.length * 4)
  const view = new DataView(out.buffer)
  for (const [i, w] of words.entries()) view.setUint32(i * 4, w, true)
  return bytesToHex(out)
}

/** The inverse of {@link wordsToHex}. @throws {MalformedInputError} Not hex, a length not a multiple of 4, or a word ≥ p. */
export function hexToWords(data: Hex, what = 'words'): number[] {
  if (!isHex(data, { strict: true })) throw new MalformedInputError({ what, details: 'not 0x-hex' })
  const bytes = hexToBytes(data)
  if (bytes.length % 4 !== 0) throw new MalformedInputError({ what, details: `${bytes.length} bytes, not a multiple of 4` })
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const words: number[] = []
  for (let i = 0; i < bytes.length; i += 4) {
    const w = view.getUint32(i, true)
    if (w >= P) throw new MalformedInputError({ what, details: `word ${i / 4} = ${w} is not below p = ${P}` })
    words.push(w)
  }
  return words
}

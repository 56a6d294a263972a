import { hexBytes } from './bytes.ts'

/** A journal / public values shown three ways: hex, UTF-8 (when it is printable text), ABI words. */
export type DescribedOutput = { hex: `0x${string}`; sizeBytes: number; utf8: string | null; words: `0x${string}`[] | null }

/** Describes committed output bytes for display. Never throws on well-formed hex. */
export function describeOutput(hex: `0x${string}`): DescribedOutput {
  const bytes = hexBytes(hex, 'output')
  let utf8: string | null = null
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: printable text only
    if (text.length > 0 && !/[\u0000-\u0008\u000e-\u001f\u007f]/.test(text)) utf8 = text
  } catch {
    utf8 = null
  }
  const words =
    bytes.length > 0 && bytes.length % 32 === 0
      ? Array.from({ length: bytes.length / 32 }, (_, i) => `0x${hex.slice(2 + 64 * i, 2 + 64 * (i + 1))}` as `0x${string}`)
      : null
  return { hex, sizeBytes: bytes.length, utf8, words }
}

/**
 * A strict RLP reader that keeps each item's byte span (needed to hash the inner transaction of a blob-tx
 * network wrapper as it was sent). Canonical encodings only (Ethereum Yellow Paper appendix B): no leading
 * zero in lengths, no long form for short payloads, single bytes < 0x80 not wrapped. Depth-bounded. Pure.
 */
import { InputTooLargeError, MalformedInputError } from '../../errors/base.ts'

/** A decoded item: `bytes` for a string, `items` for a list; `start`/`end` span the whole encoding in the input. */
export type RlpItem = { kind: 'bytes'; bytes: Uint8Array; start: number; end: number } | { kind: 'list'; items: RlpItem[]; start: number; end: number }

const MAX_DEPTH = 16
/** Most items one decode builds (a blob tx wrapper with 64 blobs and their cell proofs has about 8400, plus its access list). */
export const MAX_RLP_ITEMS = 200_000

const bad = (details: string) => new MalformedInputError({ what: 'RLP', details })

function readLength(input: Uint8Array, at: number, n: number): number {
  if (at + n > input.length) throw bad('length runs past the input')
  if (input[at] === 0) throw bad('length with a leading zero')
  let len = 0
  for (let i = 0; i < n; i++) len = len * 256 + (input[at + i] as number)
  if (len < 56) throw bad('long form for a short payload')
  return len
}

function readItem(input: Uint8Array, at: number, depth: number, count: { n: number }): RlpItem {
  if (depth > MAX_DEPTH) throw bad(`nesting deeper than ${MAX_DEPTH}`)
  if (++count.n > MAX_RLP_ITEMS) throw new InputTooLargeError({ what: 'RLP', limit: MAX_RLP_ITEMS, unit: 'items' })
  if (at >= input.length) throw bad('item runs past the input')
  const b = input[at] as number
  if (b < 0x80) return { kind: 'bytes', bytes: input.subarray(at, at + 1), start: at, end: at + 1 }
  let payload: number
  let len: number
  const isList = b >= 0xc0
  const base = isList ? 0xc0 : 0x80
  if (b - base < 56) {
    payload = at + 1
    len = b - base
  } else {
    const n = b - base - 55
    if (n > 4) throw bad('length of more than 4 bytes')
    len = readLength(input, at + 1, n)
    payload = at + 1 + n
  }
  const end = payload + len
  if (end > input.length) throw bad('payload runs past the input')
  if (!isList) {
    if (len === 1 && (input[payload] as number) < 0x80) throw bad('single byte below 0x80 wrapped as a string')
    return { kind: 'bytes', bytes: input.subarray(payload, end), start: at, end }
  }
  const items: RlpItem[] = []
  let p = payload
  while (p < end) {
    const item = readItem(input, p, depth + 1, count)
    if (item.end > end) throw bad('list item runs past its list')
    items.push(item)
    p = item.end
  }
  return { kind: 'list', items, start: at, end }
}

/** Decodes exactly one RLP item spanning all of `input`. @throws {MalformedInputError | InputTooLargeError} */
export function decodeRlp(input: Uint8Array): RlpItem {
  const item = readItem(input, 0, 0, { n: 0 })
  if (item.end !== input.length) throw bad(`${input.length - item.end} trailing bytes`)
  return item
}

import { bytesToHex, type Hex, hexToBytes, isHex, keccak256 } from 'viem'
import { MalformedInputError } from '../../errors/base.ts'
import { MalformedReceiptError } from '../../errors/prover.ts'
import { P } from '../field/babybear.ts'
import { MEM_WORDS, NUM_REGS } from '../vm/isa.ts'
import { parseReceipt } from './parseReceipt.ts'
import type { Receipt, ReceiptState, SegmentReceipt } from './receipt.ts'

/**
 * The EVM encoding of a composite receipt (docs/zkvm-evm.md): the bytes `IReceiptVerifier.verify`
 * takes and `ProofDelivered` carries. Every integer is little-endian (like the STARK proof inside it),
 * every offset is implied by the counts before it, and nothing follows the last segment.
 */

/** Version byte of the encoding. */
export const EVM_RECEIPT_VERSION = 1
/** Largest encoding accepted (bytes). */
export const MAX_EVM_RECEIPT_BYTES = 16 * 1024 * 1024
/** Most segments an EVM receipt may hold. */
export const MAX_EVM_SEGMENTS = 256
/** Fixed header: version, po2, params, imageId, inputDigest, exitCode, cycles, entry and four counts. */
export const EVM_HEADER_BYTES = 104
/** A segment state: pc, 8 registers, inputPos, journalLength (u32 each) then 256 memory words. */
const STATE_BYTES = 4 * (1 + NUM_REGS + 2) + 4 * MEM_WORDS
/** Per segment before the ROM multiplicities: index, start, end (+ halted, exitCode, cycles), ROM count. */
export const EVM_SEGMENT_FIXED_BYTES = 4 + STATE_BYTES + STATE_BYTES + 12 + 4

/** Words as u32 little-endian each, 0x-hex. */
export function wordsToBytes(words: readonly number[]): Hex {
  const out = new Uint8Array(4 * words.length)
  const view = new DataView(out.buffer)
  words.forEach((w, i) => {
    view.setUint32(4 * i, w, true)
  })
  return bytesToHex(out)
}

/**
 * Inverse of {@link wordsToBytes}.
 * @throws {MalformedInputError} if `data` is not hex, its length is not a multiple of 4 bytes, or a word is ≥ p.
 */
export function bytesToWords(data: Hex): number[] {
  if (!isHex(data, { strict: true }) || data.length % 2 !== 0) throw new MalformedInputError({ what: 'words', details: 'expected 0x-hex of whole bytes' })
  const bytes = hexToBytes(data)
  if (bytes.length % 4 !== 0) throw new MalformedInputError({ what: 'words', details: `${bytes.length} bytes is not a multiple of 4` })
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return Array.from({ length: bytes.length / 4 }, (_, i) => {
    const w = view.getUint32(4 * i, true)
    if (w >= P) throw new MalformedInputError({ what: 'words', details: `word ${i} (${w}) is not below p` })
    return w
  })
}

/** keccak-256 of the journal words as u32 little-endian (= `ReceiptClaim.journalDigest`). */
export function journalDigest(journal: readonly number[]): Hex {
  return keccak256(wordsToBytes(journal))
}

class Writer {
  readonly parts: Uint8Array[] = []
  length = 0
  bytes(b: Uint8Array): void {
    this.parts.push(b)
    this.length += b.length
  }
  u(v: number, size: 1 | 2 | 4 | 8, what: string): void {
    if (!Number.isSafeInteger(v) || v < 0 || v >= 2 ** (8 * size)) throw new MalformedReceiptError({ reason: `${what} (${v}) does not fit ${size} bytes` })
    const b = new Uint8Array(size)
    let x = v
    for (let i = 0; i < size; i++) {
      b[i] = x % 256
      x = Math.floor(x / 256)
    }
    this.bytes(b)
  }
  words(ws: readonly number[], what: string, count?: number): void {
    if (count !== undefined && ws.length !== count) throw new MalformedReceiptError({ reason: `${what} has ${ws.length} words, expected ${count}` })
    ws.forEach((w, i) => {
      this.u(w, 4, `${what}[${i}]`)
    })
  }
  hex(h: Hex, what: string, size?: number): void {
    if (!isHex(h, { strict: true }) || h.length % 2 !== 0) throw new MalformedReceiptError({ reason: `${what} is not 0x-hex of whole bytes` })
    const b = hexToBytes(h)
    if (size !== undefined && b.length !== size) throw new MalformedReceiptError({ reason: `${what} is ${b.length} bytes, expected ${size}` })
    this.bytes(b)
  }
  done(): Hex {
    const out = new Uint8Array(this.length)
    let o = 0
    for (const p of this.parts) {
      out.set(p, o)
      o += p.length
    }
    return bytesToHex(out)
  }
}

/**
 * Encodes a receipt for the EVM verifier (layout: docs/zkvm-evm.md). Does not verify it.
 * @throws {MalformedReceiptError} if a field does not fit its slot (a count, a register list not of 8, …).
 */
export function encodeReceiptForEvm(r: Receipt): Hex {
  const w = new Writer()
  const p = r.params
  w.u(EVM_RECEIPT_VERSION, 1, 'version')
  w.u(r.segmentPo2, 1, 'segmentPo2')
  w.u(p.logBlowup, 1, 'params.logBlowup')
  w.u(p.numQueries, 2, 'params.numQueries')
  w.u(p.powBits, 1, 'params.powBits')
  w.u(p.finalPolyLogDegree, 1, 'params.finalPolyLogDegree')
  w.u(0, 1, 'reserved')
  w.hex(r.imageId, 'imageId', 32)
  w.hex(r.inputDigest, 'inputDigest', 32)
  w.u(r.exitCode, 4, 'exitCode')
  w.u(r.cycles, 8, 'cycles')
  w.u(r.program.entry, 4, 'program.entry')
  const code = r.program.code
  w.u((code.length - 2) / 2, 4, 'program.code length')
  w.u(r.input.length, 4, 'input length')
  w.u(r.journal.length, 4, 'journal length')
  if (r.segments.length > MAX_EVM_SEGMENTS) throw new MalformedReceiptError({ reason: `${r.segments.length} segments, at most ${MAX_EVM_SEGMENTS}` })
  w.u(r.segments.length, 4, 'segments length')
  w.hex(code, 'program.code')
  w.words(r.input, 'input')
  w.words(r.journal, 'journal')
  r.segments.forEach((s, i) => {
    const state = (x: ReceiptState, what: string) => {
      w.u(x.pc, 4, `${what}.pc`)
      w.words(x.regs, `${what}.regs`, NUM_REGS)
      w.u(x.inputPos, 4, `${what}.inputPos`)
      w.u(x.journalLength, 4, `${what}.journalLength`)
      w.hex(x.memory, `${what}.memory`, 4 * MEM_WORDS)
    }
    const at = `segments[${i}]`
    w.u(s.index, 4, `${at}.index`)
    state(s.start, `${at}.start`)
    state(s.end, `${at}.end`)
    w.u(s.end.halted ? 1 : 0, 4, `${at}.end.halted`)
    w.u(s.end.exitCode, 4, `${at}.end.exitCode`)
    w.u(s.end.cycles, 4, `${at}.end.cycles`)
    w.u(s.romMultiplicities.length, 4, `${at}.romMultiplicities length`)
    w.words(s.romMultiplicities, `${at}.romMultiplicities`)
    w.words(s.byteMultiplicities, `${at}.byteMultiplicities`, 256)
    w.words(s.lastAccess, `${at}.lastAccess`, MEM_WORDS)
    w.u((s.proof.length - 2) / 2, 4, `${at}.proof length`)
    w.hex(s.proof, `${at}.proof`)
  })
  if (w.length > MAX_EVM_RECEIPT_BYTES) throw new MalformedReceiptError({ reason: `${w.length} bytes, at most ${MAX_EVM_RECEIPT_BYTES}` })
  return w.done()
}

/**
 * Decodes {@link encodeReceiptForEvm}'s bytes back into a receipt, with the bounds of `parseReceipt`
 * (words < p, counts capped) plus ≤ 16 MiB and ≤ 256 segments; the exact length must match.
 * `decodeReceiptFromEvm(encodeReceiptForEvm(r))` deep-equals r for every well-formed r. Does not verify it.
 * @throws {MalformedReceiptError} naming the first offending field.
 */
export function decodeReceiptFromEvm(data: Hex | Uint8Array): Receipt {
  const bad = (reason: string): never => {
    throw new MalformedReceiptError({ reason })
  }
  if (typeof data === 'string') {
    if (data.length > 2 + 2 * MAX_EVM_RECEIPT_BYTES) bad(`longer than ${MAX_EVM_RECEIPT_BYTES} bytes`)
    if (!isHex(data, { strict: true }) || data.length % 2 !== 0) bad('not 0x-hex of whole bytes')
  }
  const b = typeof data === 'string' ? hexToBytes(data) : data
  if (b.length > MAX_EVM_RECEIPT_BYTES) bad(`${b.length} bytes, at most ${MAX_EVM_RECEIPT_BYTES}`)
  let o = 0
  const need = (n: number, what: string) => {
    if (o + n > b.length) bad(`truncated at ${what} (offset ${o}, ${n} bytes needed, ${b.length - o} left)`)
  }
  const u = (size: 1 | 2 | 4 | 8, what: string): number => {
    need(size, what)
    let v = 0
    for (let i = size - 1; i >= 0; i--) v = v * 256 + (b[o + i] as number)
    o += size
    if (!Number.isSafeInteger(v)) bad(`${what} exceeds 2^53`)
    return v
  }
  const take = (n: number, what: string): Uint8Array => {
    need(n, what)
    const s = b.subarray(o, o + n)
    o += n
    return s
  }
  const words = (n: number, what: string): number[] => Array.from({ length: n }, (_, i) => u(4, `${what}[${i}]`))
  const version = u(1, 'version')
  if (version !== EVM_RECEIPT_VERSION) bad(`version ${version} (expected ${EVM_RECEIPT_VERSION})`)
  const segmentPo2 = u(1, 'segmentPo2')
  const params = {
    logBlowup: u(1, 'params.logBlowup'),
    numQueries: u(2, 'params.numQueries'),
    powBits: u(1, 'params.powBits'),
    finalPolyLogDegree: u(1, 'params.finalPolyLogDegree'),
  }
  if (u(1, 'reserved') !== 0) bad('reserved byte is not 0')
  const imageId = bytesToHex(take(32, 'imageId'))
  const inputDigest = bytesToHex(take(32, 'inputDigest'))
  const exitCode = u(4, 'exitCode')
  const cycles = u(8, 'cycles')
  const entry = u(4, 'program.entry')
  const codeBytes = u(4, 'program.code length')
  const inputCount = u(4, 'input length')
  const journalCount = u(4, 'journal length')
  const segmentCount = u(4, 'segments length')
  if (segmentCount > MAX_EVM_SEGMENTS) bad(`${segmentCount} segments, at most ${MAX_EVM_SEGMENTS}`)
  // Counts are checked against the bytes left before anything of that size is allocated.
  const room = (n: number, what: string) => {
    if (n > b.length - o) bad(`${what} runs past the end`)
  }
  room(codeBytes, 'program.code')
  const code = bytesToHex(take(codeBytes, 'program.code'))
  room(4 * inputCount, 'input')
  const input = words(inputCount, 'input')
  room(4 * journalCount, 'journal')
  const journal = words(journalCount, 'journal')
  room(segmentCount * EVM_SEGMENT_FIXED_BYTES, 'segments')
  const state = (what: string) => ({
    pc: u(4, `${what}.pc`),
    regs: words(NUM_REGS, `${what}.regs`),
    inputPos: u(4, `${what}.inputPos`),
    journalLength: u(4, `${what}.journalLength`),
    memory: bytesToHex(take(4 * MEM_WORDS, `${what}.memory`)),
  })
  const segments: SegmentReceipt[] = []
  for (let i = 0; i < segmentCount; i++) {
    const at = `segments[${i}]`
    const index = u(4, `${at}.index`)
    const s0 = state(`${at}.start`)
    const e0 = state(`${at}.end`)
    const halted = u(4, `${at}.end.halted`)
    if (halted > 1) bad(`${at}.end.halted is ${halted}, not 0 or 1`)
    const endExit = u(4, `${at}.end.exitCode`)
    const endCycles = u(4, `${at}.end.cycles`)
    const romCount = u(4, `${at}.romMultiplicities length`)
    room(4 * romCount, `${at}.romMultiplicities`)
    const romMultiplicities = words(romCount, `${at}.romMultiplicities`)
    const byteMultiplicities = words(256, `${at}.byteMultiplicities`)
    const lastAccess = words(MEM_WORDS, `${at}.lastAccess`)
    const proofLen = u(4, `${at}.proof length`)
    room(proofLen, `${at}.proof`)
    const proof = bytesToHex(take(proofLen, `${at}.proof`))
    segments.push({
      index,
      start: { pc: s0.pc, regs: s0.regs, memory: s0.memory, inputPos: s0.inputPos, journalLength: s0.journalLength },
      end: {
        pc: e0.pc,
        regs: e0.regs,
        memory: e0.memory,
        inputPos: e0.inputPos,
        journalLength: e0.journalLength,
        halted: halted === 1,
        exitCode: endExit,
        cycles: endCycles,
      },
      romMultiplicities,
      byteMultiplicities,
      lastAccess,
      proof,
    })
  }
  if (o !== b.length) bad(`${b.length - o} trailing bytes`)
  // The JSON receipt's bounds (words < p, counts and sizes capped), with the same typed error.
  return parseReceipt({
    version: 1,
    system: 'lightbus-stark',
    imageId,
    program: { code, entry },
    input,
    inputDigest,
    journal,
    exitCode,
    cycles,
    segmentPo2,
    params,
    segments,
  })
}

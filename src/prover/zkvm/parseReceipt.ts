import { MalformedReceiptError } from '../../errors/prover.ts'
import { P } from '../field/babybear.ts'
import { MEM_WORDS, NUM_REGS } from '../vm/isa.ts'
import { MAX_SEGMENT_PO2, MIN_SEGMENT_PO2 } from '../vm/segments.ts'
import type { Receipt, ReceiptState, SegmentReceipt } from './receipt.ts'
import { MAX_CODE_LENGTH } from './statement.ts'

/** Most segments a receipt may hold (2^22 cycles at the smallest segment size). */
export const MAX_SEGMENTS = 4096
/** Most input or journal words a receipt may hold. */
export const MAX_WORDS = 1 << 20
/** Largest hex string accepted for one segment proof (characters). */
const MAX_PROOF_HEX = 2 + 2 * 8 * 1024 * 1024

/**
 * Checks that an untrusted JSON value has the shape of a {@link Receipt} (docs/zkvm-air.md,
 * "Receipt") and returns it typed. Bounded work: every count is capped before it is walked.
 * @throws {MalformedReceiptError} naming the first offending field.
 */
export function parseReceipt(value: unknown): Receipt {
  const bad = (reason: string): never => {
    throw new MalformedReceiptError({ reason })
  }
  const obj = (v: unknown, what: string): Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : bad(`${what} is not an object`)
  const int = (v: unknown, what: string, max: number): number =>
    Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= max ? (v as number) : bad(`${what} is not an integer in [0, ${max}]`)
  const words = (v: unknown, what: string, maxLen: number, len?: number): number[] => {
    if (!Array.isArray(v)) return bad(`${what} is not an array`)
    if (v.length > maxLen || (len !== undefined && v.length !== len)) return bad(`${what} has ${v.length} entries, expected ${len ?? `at most ${maxLen}`}`)
    return v.map((w, i) => int(w, `${what}[${i}]`, P - 1))
  }
  const hex = (v: unknown, what: string, bytes?: number, maxChars = 2 + 2 * 64 * 1024): `0x${string}` => {
    if (typeof v !== 'string' || v.length > maxChars || !/^0x([0-9a-fA-F]{2})*$/.test(v)) return bad(`${what} is not 0x-prefixed hex of whole bytes`)
    if (bytes !== undefined && v.length !== 2 + 2 * bytes) return bad(`${what} is not ${bytes} bytes`)
    return v.toLowerCase() as `0x${string}`
  }
  const bool = (v: unknown, what: string): boolean => (typeof v === 'boolean' ? v : bad(`${what} is not a boolean`))
  const r = obj(value, 'receipt')
  if (r.version !== 1) bad(`version ${String(r.version)} (expected 1)`)
  if (r.system !== 'lightbus-stark') bad(`system ${String(r.system)} (expected "lightbus-stark")`)
  const program = obj(r.program, 'program')
  const params = obj(r.params, 'params')
  const state = (v: unknown, what: string): ReceiptState => {
    const s = obj(v, what)
    return {
      pc: int(s.pc, `${what}.pc`, MAX_CODE_LENGTH),
      regs: words(s.regs, `${what}.regs`, NUM_REGS, NUM_REGS),
      memory: hex(s.memory, `${what}.memory`, 4 * MEM_WORDS),
      inputPos: int(s.inputPos, `${what}.inputPos`, MAX_WORDS),
      journalLength: int(s.journalLength, `${what}.journalLength`, MAX_WORDS),
    }
  }
  if (!Array.isArray(r.segments) || r.segments.length === 0 || r.segments.length > MAX_SEGMENTS) bad(`segments is not an array of 1..${MAX_SEGMENTS} entries`)
  const segments = (r.segments as unknown[]).map((v, i): SegmentReceipt => {
    const s = obj(v, `segments[${i}]`)
    const e = obj(s.end, `segments[${i}].end`)
    return {
      index: int(s.index, `segments[${i}].index`, MAX_SEGMENTS),
      start: state(s.start, `segments[${i}].start`),
      end: {
        ...state(s.end, `segments[${i}].end`),
        halted: bool(e.halted, `segments[${i}].end.halted`),
        exitCode: int(e.exitCode, `segments[${i}].end.exitCode`, P - 1),
        cycles: int(e.cycles, `segments[${i}].end.cycles`, 2 ** MAX_SEGMENT_PO2),
      },
      romMultiplicities: words(s.romMultiplicities, `segments[${i}].romMultiplicities`, MAX_CODE_LENGTH),
      byteMultiplicities: words(s.byteMultiplicities, `segments[${i}].byteMultiplicities`, 256, 256),
      lastAccess: words(s.lastAccess, `segments[${i}].lastAccess`, MEM_WORDS, MEM_WORDS),
      proof: hex(s.proof, `segments[${i}].proof`, undefined, MAX_PROOF_HEX),
    }
  })
  return {
    version: 1,
    system: 'lightbus-stark',
    imageId: hex(r.imageId, 'imageId', 32),
    program: { code: hex(program.code, 'program.code', undefined, 2 + 16 * MAX_CODE_LENGTH), entry: int(program.entry, 'program.entry', MAX_CODE_LENGTH) },
    input: words(r.input, 'input', MAX_WORDS),
    inputDigest: hex(r.inputDigest, 'inputDigest', 32),
    journal: words(r.journal, 'journal', MAX_WORDS),
    exitCode: int(r.exitCode, 'exitCode', P - 1),
    cycles: int(r.cycles, 'cycles', MAX_SEGMENTS * 2 ** MAX_SEGMENT_PO2),
    segmentPo2: int(r.segmentPo2, 'segmentPo2', 64),
    params: {
      logBlowup: int(params.logBlowup, 'params.logBlowup', 64),
      numQueries: int(params.numQueries, 'params.numQueries', 1 << 16),
      powBits: int(params.powBits, 'params.powBits', 64),
      finalPolyLogDegree: int(params.finalPolyLogDegree, 'params.finalPolyLogDegree', 64),
    },
    segments,
  }
}

export { MAX_SEGMENT_PO2, MIN_SEGMENT_PO2 }

import type { Base } from '../field/babybear.ts'
import { type Instruction, MEM_WORDS, NUM_REGS } from '../vm/isa.ts'

/**
 * What one segment proof proves (docs/zkvm-air.md, "Public inputs"): program `code` (the image
 * `imageId`), run on the input whose keccak-256 is `inputDigest`, goes in 2^po2 rows from `start` to
 * `end`, reading `inputWords` (input positions start.inputPos …) and appending `journalWords`
 * (journal positions start.journalLength …). The multiplicities and last-access times are
 * prover-supplied advice for the lookup arguments; they are bound by the transcript and a wrong one
 * makes the proof fail.
 */
export type SegmentState = {
  readonly pc: number
  readonly regs: readonly number[]
  /** 256 words. */
  readonly memory: readonly number[]
  readonly inputPos: number
  readonly journalLength: number
}

export type SegmentStatement = {
  /** 32 bytes. */
  readonly imageId: Uint8Array
  /** 32 bytes: keccak-256 of the whole input, each word as u32 little-endian. */
  readonly inputDigest: Uint8Array
  readonly index: number
  readonly code: readonly Instruction[]
  readonly start: SegmentState
  readonly end: SegmentState & {
    readonly halted: boolean
    /** HALT's imm when halted, else 0. */
    readonly exitCode: number
    /** Executed (non-padding) rows of this segment, HALT included. */
    readonly cycles: number
  }
  /** Rows executing each instruction (padding included), one per instruction. */
  readonly romMultiplicities: readonly number[]
  /** Occurrences of each byte value 0..255 in the nine byte columns. */
  readonly byteMultiplicities: readonly number[]
  /** Per address, the segment-local time of its last access in the segment (0 if none). */
  readonly lastAccess: readonly number[]
  readonly inputWords: readonly number[]
  readonly journalWords: readonly number[]
}

/** Largest program the AIR accepts (instructions). */
export const MAX_CODE_LENGTH = 4096
const HEADER = 16 + 16 + 1 + 1

/** 32 bytes → 16 big-endian 16-bit halves (each < p). */
function halves(bytes: Uint8Array): number[] {
  return Array.from({ length: 16 }, (_, i) => ((bytes[2 * i] as number) << 8) | (bytes[2 * i + 1] as number))
}

/**
 * The public inputs, in order: imageId (16 halves), inputDigest (16 halves), index, L = code length,
 * code (L × [op, rd, rs1, rs2, imm]), romMultiplicities (L), start [pc, r0..r7, inputPos,
 * journalLength], end [pc, r0..r7, inputPos, journalLength, cycles, halted, exitCode], start memory
 * (256), end memory (256), lastAccess (256), byteMultiplicities (256), inputWords
 * (end.inputPos − start.inputPos), journalWords (end.journalLength − start.journalLength).
 */
export function toPublicInputs(s: SegmentStatement): Base[] {
  const state = (x: SegmentState) => [x.pc, ...x.regs, x.inputPos, x.journalLength]
  return [
    ...halves(s.imageId),
    ...halves(s.inputDigest),
    s.index,
    s.code.length,
    ...s.code.flatMap((i) => [i.op, i.rd, i.rs1, i.rs2, i.imm]),
    ...s.romMultiplicities,
    ...state(s.start),
    ...state(s.end),
    s.end.cycles,
    s.end.halted ? 1 : 0,
    s.end.exitCode,
    ...s.start.memory,
    ...s.end.memory,
    ...s.lastAccess,
    ...s.byteMultiplicities,
    ...s.inputWords,
    ...s.journalWords,
  ]
}

/** Views into the public inputs (offsets per {@link toPublicInputs}). */
export type PublicView = {
  readonly codeLength: number
  readonly code: readonly (readonly number[])[]
  readonly romMultiplicities: readonly number[]
  readonly start: readonly number[]
  readonly end: readonly number[]
  readonly cycles: number
  readonly halted: number
  readonly exitCode: number
  readonly startMemory: readonly number[]
  readonly endMemory: readonly number[]
  readonly lastAccess: readonly number[]
  readonly byteMultiplicities: readonly number[]
  readonly inputWords: readonly number[]
  readonly journalWords: readonly number[]
}

const STATE = 1 + NUM_REGS + 2

/** Parses the layout; `null` with a reason when malformed. Never throws. */
export function viewPublicInputs(pi: readonly Base[]): PublicView | string {
  if (pi.length < HEADER) return `${pi.length} public inputs, fewer than the header`
  if (pi.slice(0, 32).some((v) => v > 0xffff)) return 'an id half is not 16 bits'
  const L = pi[33] as number
  if (!Number.isInteger(L) || L < 1 || L > MAX_CODE_LENGTH) return `code length ${L}`
  let o = HEADER
  const take = (k: number) => {
    const s = pi.slice(o, o + k)
    o += k
    return s
  }
  const flat = take(5 * L)
  const code = Array.from({ length: L }, (_, i) => flat.slice(5 * i, 5 * i + 5))
  const romMultiplicities = take(L)
  const start = take(STATE)
  const end = take(STATE)
  const [cycles, halted, exitCode] = take(3) as [number, number, number]
  const startMemory = take(MEM_WORDS)
  const endMemory = take(MEM_WORDS)
  const lastAccess = take(MEM_WORDS)
  const byteMultiplicities = take(256)
  if (o > pi.length) return `${pi.length} public inputs, fewer than the fixed part`
  const inputCount = (end[STATE - 2] as number) - (start[STATE - 2] as number)
  const journalCount = (end[STATE - 1] as number) - (start[STATE - 1] as number)
  if (inputCount < 0 || journalCount < 0) return 'input or journal position decreases'
  if (pi.length !== o + inputCount + journalCount) return `${pi.length} public inputs, the layout implies ${o + inputCount + journalCount}`
  if (halted !== 0 && halted !== 1) return 'halted is not 0 or 1'
  if (halted === 0 && exitCode !== 0) return 'exit code without halting'
  if (code.some(([op, rd, rs1, rs2]) => (op as number) > 15 || (rd as number) >= NUM_REGS || (rs1 as number) >= NUM_REGS || (rs2 as number) >= NUM_REGS))
    return 'an instruction field is out of range'
  const inputWords = take(inputCount)
  const journalWords = take(journalCount)
  return {
    codeLength: L,
    code,
    romMultiplicities,
    start,
    end,
    cycles,
    halted,
    exitCode,
    startMemory,
    endMemory,
    lastAccess,
    byteMultiplicities,
    inputWords,
    journalWords,
  }
}

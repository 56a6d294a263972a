import { inv, mul, sub } from '../field/babybear.ts'
import type { TraceRow } from '../vm/executor.ts'
import { type Instruction, MEM_WORDS, Opcode } from '../vm/isa.ts'
import type { Segment } from '../vm/segments.ts'
import { COL, MAIN_WIDTH, NUM_BYTES, USES_B, USES_IMM, WRITES_RD } from './columns.ts'
import type { SegmentStatement } from './statement.ts'

/**
 * Builds the main trace of one segment (column layout in columns.ts, constraints in
 * docs/zkvm-air.md) and the statement it proves, including the lookup advice (ROM and byte
 * multiplicities, last access times). Pure; the rows come from `cutSegments` or `executeSegment`.
 */
export function segmentTrace(
  segment: Segment,
  code: readonly Instruction[],
  input: readonly number[],
  ids: { imageId: Uint8Array; inputDigest: Uint8Array },
): { main: Uint32Array[]; statement: SegmentStatement } {
  const n = segment.rows.length
  const main = Array.from({ length: MAIN_WIDTH }, () => new Uint32Array(n))
  const romMultiplicities = new Array<number>(code.length).fill(0)
  const byteMultiplicities = new Array<number>(256).fill(0)
  const lastAccess = new Array<number>(MEM_WORDS).fill(0)
  const memory = [...segment.start.memory]
  let ip = segment.start.inputPos
  let jp = segment.start.journal.length
  let cyc = 1
  const rows = segment.rows
  for (let i = 0; i < n; i++) {
    const row = rows[i] as TraceRow
    fillRow(row, i, main, memory, lastAccess, cyc, ip, jp)
    romMultiplicities[row.pc] = (romMultiplicities[row.pc] as number) + 1
    for (let k = 0; k < NUM_BYTES; k++) {
      const x = (main[X + k] as Uint32Array)[i] as number
      byteMultiplicities[x] = (byteMultiplicities[x] as number) + 1
    }
    const op = row.insn.op
    if (op === Opcode.READ) ip++
    if (op === Opcode.WRITE && !row.padding) jp++
    if (op !== Opcode.HALT) cyc++
  }
  fillInverses(main)
  const end = segment.end
  const statement: SegmentStatement = {
    imageId: ids.imageId,
    inputDigest: ids.inputDigest,
    index: segment.index,
    code,
    start: {
      pc: segment.start.pc,
      regs: segment.start.regs,
      memory: segment.start.memory,
      inputPos: segment.start.inputPos,
      journalLength: segment.start.journal.length,
    },
    end: {
      pc: end.pc,
      regs: end.regs,
      memory: end.memory,
      inputPos: end.inputPos,
      journalLength: end.journal.length,
      halted: end.halted,
      exitCode: end.halted ? (end.exitCode ?? 0) : 0,
      cycles: end.cycle - segment.start.cycle,
    },
    romMultiplicities,
    byteMultiplicities,
    lastAccess,
    inputWords: input.slice(segment.start.inputPos, end.inputPos),
    journalWords: end.journal.slice(segment.start.journal.length),
  }
  return { main, statement }
}

// Column indices as plain locals (no property lookups in the per-row loop).
const { PC, PCN, R, RN, S, RS1, RS2, RD, IMM, A, B, C, PROD, RES, INV, EQ, TAKEN, LT, X, MOLD, MNEW, TOLD, IP, JP, CYC } = COL
// The opcode sets the constraints use (columns.ts), as sets for the per-row loop.
const WRITES = new Set<number>(WRITES_RD)
const TAKES_B = new Set<number>(USES_B)
const TAKES_IMM = new Set<number>(USES_IMM)
/** babybear.ts `mul`, bound once (no live-binding lookup per call under tsx). */
const mulMod = mul

function fillRow(row: TraceRow, i: number, main: readonly Uint32Array[], memory: number[], lastAccess: number[], cyc: number, ip: number, jp: number): void {
  const m = main as Uint32Array[]
  const { insn, regs } = row
  const op = insn.op
  ;(m[PC] as Uint32Array)[i] = row.pc
  ;(m[PCN] as Uint32Array)[i] = row.nextPc
  const rd = row.write ? row.write.rd : -1
  for (let j = 0; j < 8; j++) {
    const r = regs[j] as number
    ;(m[R + j] as Uint32Array)[i] = r
    ;(m[RN + j] as Uint32Array)[i] = j === rd ? (row.write as { value: number }).value : r
  }
  ;(m[S + op] as Uint32Array)[i] = 1
  ;(m[RS1 + insn.rs1] as Uint32Array)[i] = 1
  ;(m[RS2 + insn.rs2] as Uint32Array)[i] = 1
  const writes = WRITES.has(op)
  if (writes) (m[RD + insn.rd] as Uint32Array)[i] = 1
  ;(m[IMM] as Uint32Array)[i] = insn.imm
  const a = regs[insn.rs1] as number
  const b = regs[insn.rs2] as number
  const c = TAKES_B.has(op) ? b : TAKES_IMM.has(op) ? insn.imm : 0
  ;(m[A] as Uint32Array)[i] = a
  ;(m[B] as Uint32Array)[i] = b
  ;(m[C] as Uint32Array)[i] = c
  ;(m[PROD] as Uint32Array)[i] = mulMod(a, c)
  ;(m[RES] as Uint32Array)[i] = writes && row.write ? row.write.value : 0
  // INV is filled in one batch inversion by the caller; EQ here.
  ;(m[EQ] as Uint32Array)[i] = a === c ? 1 : 0
  if (op === Opcode.BEQ || op === Opcode.BNE || op === Opcode.JMP || op === Opcode.BLT) {
    // Decided by the semantics, not by comparing pcs (a taken branch may target pc + 1).
    const t = op === Opcode.JMP ? 1 : op === Opcode.BEQ ? (a === b ? 1 : 0) : op === Opcode.BNE ? (a !== b ? 1 : 0) : a < b ? 1 : 0
    ;(m[TAKEN] as Uint32Array)[i] = t
  }
  if (op === Opcode.BLT) {
    const lt = a < c ? 1 : 0
    ;(m[LT] as Uint32Array)[i] = lt
    const diff = lt ? c - a - 1 : a - c
    for (const [k, v] of [
      [0, a],
      [3, c],
      [6, diff],
    ] as const) {
      ;(m[X + k] as Uint32Array)[i] = v & 0xff
      ;(m[X + k + 1] as Uint32Array)[i] = (v >>> 8) & 0xff
      ;(m[X + k + 2] as Uint32Array)[i] = (v >>> 16) & 0xff
    }
  }
  ;(m[IP] as Uint32Array)[i] = ip
  ;(m[JP] as Uint32Array)[i] = jp
  ;(m[CYC] as Uint32Array)[i] = cyc
  if (row.mem && !row.padding) {
    const addr = row.mem.addr
    const told = lastAccess[addr] as number
    const old = memory[addr] as number
    const gap = cyc - told - 1
    ;(m[MOLD] as Uint32Array)[i] = old
    ;(m[MNEW] as Uint32Array)[i] = row.mem.kind === 'write' ? row.mem.value : old
    ;(m[TOLD] as Uint32Array)[i] = told
    ;(m[X] as Uint32Array)[i] = gap & 0xff
    ;(m[X + 1] as Uint32Array)[i] = gap >>> 8
    if (row.mem.kind === 'write') memory[addr] = row.mem.value
    lastAccess[addr] = cyc
  }
}

/** INV = (a − c)^(−1), or 0 where a = c: Montgomery's batch inversion over the nonzero differences. */
function fillInverses(main: readonly Uint32Array[]): void {
  const a = main[A] as Uint32Array
  const c = main[C] as Uint32Array
  const out = main[INV] as Uint32Array
  const n = a.length
  const diff = new Uint32Array(n)
  const prefix = new Uint32Array(n)
  let acc = 1
  for (let i = 0; i < n; i++) {
    const d = sub(a[i] as number, c[i] as number)
    diff[i] = d
    prefix[i] = acc
    if (d !== 0) acc = mulMod(acc, d)
  }
  let accInv = inv(acc)
  for (let i = n - 1; i >= 0; i--) {
    const d = diff[i] as number
    if (d === 0) continue
    out[i] = mulMod(accInv, prefix[i] as number)
    accInv = mulMod(accInv, d)
  }
}

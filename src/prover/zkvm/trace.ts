import { inv, P, sub } from '../field/babybear.ts'
import type { TraceRow } from '../vm/executor.ts'
import { type Instruction, MEM_WORDS, Opcode } from '../vm/isa.ts'
import type { Segment } from '../vm/segments.ts'
import { COL, MAIN_WIDTH, NUM_BYTES } from './columns.ts'
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
  const set = (c: number, i: number, v: number) => {
    ;(main[c] as Uint32Array)[i] = v
  }
  segment.rows.forEach((row, i) => {
    fillRow(row, i, set, memory, lastAccess, cyc, ip, jp)
    romMultiplicities[row.pc] = (romMultiplicities[row.pc] as number) + 1
    for (let k = 0; k < NUM_BYTES; k++) {
      const x = (main[COL.X + k] as Uint32Array)[i] as number
      byteMultiplicities[x] = (byteMultiplicities[x] as number) + 1
    }
    if (row.insn.op === Opcode.READ) ip++
    if (row.insn.op === Opcode.WRITE && !row.padding) jp++
    if (row.insn.op !== Opcode.HALT) cyc++
  })
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

function bytes3(v: number): [number, number, number] {
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff]
}

function fillRow(
  row: TraceRow,
  i: number,
  set: (c: number, i: number, v: number) => void,
  memory: number[],
  lastAccess: number[],
  cyc: number,
  ip: number,
  jp: number,
): void {
  const { insn, regs } = row
  const op = insn.op
  set(COL.PC, i, row.pc)
  set(COL.PCN, i, row.nextPc)
  const after = [...regs]
  if (row.write) after[row.write.rd] = row.write.value
  for (let j = 0; j < 8; j++) {
    set(COL.R + j, i, regs[j] as number)
    set(COL.RN + j, i, after[j] as number)
  }
  set(COL.S + op, i, 1)
  set(COL.RS1 + insn.rs1, i, 1)
  set(COL.RS2 + insn.rs2, i, 1)
  const writes =
    op === Opcode.ADD ||
    op === Opcode.SUB ||
    op === Opcode.MUL ||
    op === Opcode.ADDI ||
    op === Opcode.MULI ||
    op === Opcode.LI ||
    op === Opcode.MOV ||
    op === Opcode.LOAD ||
    op === Opcode.READ
  if (writes) set(COL.RD + insn.rd, i, 1)
  set(COL.IMM, i, insn.imm)
  const a = regs[insn.rs1] as number
  const b = regs[insn.rs2] as number
  const usesB =
    op === Opcode.ADD || op === Opcode.SUB || op === Opcode.MUL || op === Opcode.BEQ || op === Opcode.BNE || op === Opcode.BLT || op === Opcode.STORE
  const c = usesB ? b : op === Opcode.ADDI || op === Opcode.MULI ? insn.imm : 0
  set(COL.A, i, a)
  set(COL.B, i, b)
  set(COL.C, i, c)
  set(COL.PROD, i, Number((BigInt(a) * BigInt(c)) % BigInt(P)))
  set(COL.RES, i, writes && row.write ? row.write.value : 0)
  const d = sub(a, c)
  set(COL.INV, i, d === 0 ? 0 : inv(d))
  set(COL.EQ, i, d === 0 ? 1 : 0)
  if (op === Opcode.BEQ || op === Opcode.BNE || op === Opcode.JMP || op === Opcode.BLT) {
    // Decided by the semantics, not by comparing pcs (a taken branch may target pc + 1).
    const t = op === Opcode.JMP ? 1 : op === Opcode.BEQ ? (a === b ? 1 : 0) : op === Opcode.BNE ? (a !== b ? 1 : 0) : a < b ? 1 : 0
    set(COL.TAKEN, i, t)
  }
  if (op === Opcode.BLT) {
    const lt = a < c ? 1 : 0
    set(COL.LT, i, lt)
    const diff = lt ? c - a - 1 : a - c
    const xs = [...bytes3(a), ...bytes3(c), ...bytes3(diff)]
    for (let k = 0; k < xs.length; k++) set(COL.X + k, i, xs[k] as number)
  }
  set(COL.IP, i, ip)
  set(COL.JP, i, jp)
  set(COL.CYC, i, cyc)
  if (row.mem && !row.padding) {
    const addr = row.mem.addr
    const told = lastAccess[addr] as number
    const old = memory[addr] as number
    const gap = cyc - told - 1
    set(COL.MOLD, i, old)
    set(COL.MNEW, i, row.mem.kind === 'write' ? row.mem.value : old)
    set(COL.TOLD, i, told)
    set(COL.X, i, gap & 0xff)
    set(COL.X + 1, i, gap >>> 8)
    if (row.mem.kind === 'write') memory[addr] = row.mem.value
    lastAccess[addr] = cyc
  }
}

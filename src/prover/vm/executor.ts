import { MalformedInputError } from '../../errors/base.ts'
import { CycleLimitExceededError, VmFaultError } from '../../errors/vm.ts'
import { fadd, fmul, fsub, isFieldElement, P } from './field.ts'
import { decodeProgram, type Instruction, LT_BOUND, MEM_WORDS, NUM_REGS, Opcode, type Program } from './isa.ts'

/**
 * Full machine state between cycles. `regs` has 8 and `memory` 256 field elements; `inputPos` counts
 * input words consumed; `journal` holds the words written so far; `cycle` counts executed cycles
 * (padding rows excluded). Once `halted`, `pc` stays on the HALT and `exitCode` is its imm.
 */
export type VmState = {
  pc: number
  regs: number[]
  memory: number[]
  inputPos: number
  journal: number[]
  halted: boolean
  exitCode: number | null
  cycle: number
}

/** One memory access of a LOAD (`read`) or STORE (`write`): word address in [0, 256) and the value. */
export type MemAccess = { addr: number; value: number; kind: 'read' | 'write' }

/**
 * One trace row = one cycle: state before (`pc`, `regs`), the decoded instruction, and the change:
 * `write` (register written, new value), `mem`, `io` (READ: input word; WRITE: journal word), `nextPc`.
 * Padding rows (after HALT) repeat the HALT with no change and have `padding: true`.
 */
export type TraceRow = {
  cycle: number
  pc: number
  regs: readonly number[]
  insn: Instruction
  write: { rd: number; value: number } | null
  mem: MemAccess | null
  io: { kind: 'read' | 'write'; value: number } | null
  nextPc: number
  padding: boolean
}

/** A finished run: its rows (no padding), journal, exit code, cycle count and initial and final states. */
export type Execution = {
  program: Program
  input: readonly number[]
  trace: TraceRow[]
  journal: number[]
  exitCode: number
  cycles: number
  initial: VmState
  final: VmState
}

/** Default cycle limit of {@link execute}: 2^22. */
export const DEFAULT_MAX_CYCLES = 1 << 22

/** State at the program's start: pc = entry, all registers and memory 0, nothing read or written. */
export function initialState(program: Program): VmState {
  return {
    pc: program.entry,
    regs: Array(NUM_REGS).fill(0),
    memory: Array(MEM_WORDS).fill(0),
    inputPos: 0,
    journal: [],
    halted: false,
    exitCode: null,
    cycle: 0,
  }
}

/** Deep copy of a state (checkpoints must not alias the running state). */
export function cloneState(s: VmState): VmState {
  return { ...s, regs: [...s.regs], memory: [...s.memory], journal: [...s.journal] }
}

/**
 * @throws {MalformedInputError} if an input word is not a field element in [0, p).
 */
export function checkInput(input: readonly number[]): void {
  input.forEach((w, i) => {
    if (!isFieldElement(w)) throw new MalformedInputError({ what: 'zkVM input', details: `word ${i} (${w}) is not an integer in [0, ${P})` })
  })
}

/**
 * Executes one cycle on `state` (mutated) and returns its row. A halted state yields a padding row,
 * whose `cycle` is `rowIndex` (its global row index; executed rows use `state.cycle`).
 * @throws {VmFaultError} pc outside the code, address ≥ 256, input exhausted, BLT operand ≥ 2^24.
 */
export function step(code: readonly Instruction[], state: VmState, input: readonly number[], rowIndex = state.cycle): TraceRow {
  const { pc, regs } = state
  const insn = code[pc]
  if (insn === undefined) throw new VmFaultError({ pc, cycle: state.cycle, reason: 'pc is outside the code' })
  const row: TraceRow = {
    cycle: state.halted ? rowIndex : state.cycle,
    pc,
    regs: [...regs],
    insn,
    write: null,
    mem: null,
    io: null,
    nextPc: pc + 1,
    padding: state.halted,
  }
  if (state.halted) {
    row.nextPc = pc
    return row
  }
  const fault = (reason: string) => new VmFaultError({ pc, cycle: state.cycle, reason })
  const a = regs[insn.rs1] as number
  const b = regs[insn.rs2] as number
  const setRd = (value: number) => {
    regs[insn.rd] = value
    row.write = { rd: insn.rd, value }
  }
  const address = () => {
    const addr = fadd(a, insn.imm)
    if (addr >= MEM_WORDS) throw fault(`memory address ${addr} is not below ${MEM_WORDS}`)
    return addr
  }
  switch (insn.op) {
    case Opcode.HALT:
      state.halted = true
      state.exitCode = insn.imm
      row.nextPc = pc
      break
    case Opcode.ADD:
      setRd(fadd(a, b))
      break
    case Opcode.SUB:
      setRd(fsub(a, b))
      break
    case Opcode.MUL:
      setRd(fmul(a, b))
      break
    case Opcode.ADDI:
      setRd(fadd(a, insn.imm))
      break
    case Opcode.MULI:
      setRd(fmul(a, insn.imm))
      break
    case Opcode.LI:
      setRd(insn.imm)
      break
    case Opcode.MOV:
      setRd(a)
      break
    case Opcode.BEQ:
      if (a === b) row.nextPc = insn.imm
      break
    case Opcode.BNE:
      if (a !== b) row.nextPc = insn.imm
      break
    case Opcode.BLT:
      if (a >= LT_BOUND || b >= LT_BOUND) throw fault(`BLT operand ${Math.max(a, b)} is not below 2^24`)
      if (a < b) row.nextPc = insn.imm
      break
    case Opcode.JMP:
      row.nextPc = insn.imm
      break
    case Opcode.LOAD: {
      const addr = address()
      const value = state.memory[addr] as number
      row.mem = { addr, value, kind: 'read' }
      setRd(value)
      break
    }
    case Opcode.STORE: {
      const addr = address()
      state.memory[addr] = b
      row.mem = { addr, value: b, kind: 'write' }
      break
    }
    case Opcode.READ: {
      const value = input[state.inputPos]
      if (value === undefined) throw fault(`input exhausted after ${state.inputPos} words`)
      state.inputPos++
      row.io = { kind: 'read', value }
      setRd(value)
      break
    }
    case Opcode.WRITE:
      state.journal.push(a)
      row.io = { kind: 'write', value: a }
      break
  }
  state.pc = row.nextPc
  state.cycle++
  return row
}

/**
 * Runs `program` on `input` from its entry until HALT.
 * @param input field elements in [0, p), consumed in order by READ.
 * @throws {InvalidInstructionError} malformed code. {@link MalformedInputError} bad input word.
 * @throws {VmFaultError} a fault. {@link CycleLimitExceededError} no HALT within `maxCycles` cycles.
 */
export function execute(program: Program, input: readonly number[], { maxCycles = DEFAULT_MAX_CYCLES }: { maxCycles?: number } = {}): Execution {
  const code = decodeProgram(program)
  checkInput(input)
  const initial = initialState(program)
  const state = cloneState(initial)
  const trace: TraceRow[] = []
  while (!state.halted) {
    if (state.cycle >= maxCycles) throw new CycleLimitExceededError({ limit: maxCycles })
    trace.push(step(code, state, input))
  }
  return { program, input, trace, journal: [...state.journal], exitCode: state.exitCode as number, cycles: state.cycle, initial, final: state }
}

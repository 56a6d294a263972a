import { InvalidSegmentSizeError } from '../../errors/vm.ts'
import { checkInput, cloneState, type Execution, step, type TraceRow, type VmState } from './executor.ts'
import { decodeProgram, Opcode, type Program } from './isa.ts'

/** Smallest and largest allowed segment size exponent k (a segment has 2^k rows). */
export const MIN_SEGMENT_PO2 = 10
export const MAX_SEGMENT_PO2 = 16

/**
 * One segment: rows [index·2^k, (index+1)·2^k) of the padded trace, the state before its first row
 * (`start`, a checkpoint it can be re-executed from) and after its last (`end`). `journal` is the
 * journal so far (= `end.journal`). The last segment is padded with HALT rows (docs/zkvm.md §Segments).
 */
export type Segment = { index: number; po2: number; start: VmState; end: VmState; rows: TraceRow[]; journal: readonly number[] }

/** @throws {InvalidSegmentSizeError} unless k is an integer with 10 ≤ k ≤ 16. */
export function checkSegmentPo2(po2: number): void {
  if (!Number.isInteger(po2) || po2 < MIN_SEGMENT_PO2 || po2 > MAX_SEGMENT_PO2) throw new InvalidSegmentSizeError({ po2 })
}

/** State after applying one executed (non-padding) row to `s` (mutated): the trace alone determines it. */
function applyRow(s: VmState, row: TraceRow): void {
  if (row.padding) return
  if (row.write) s.regs[row.write.rd] = row.write.value
  if (row.mem?.kind === 'write') s.memory[row.mem.addr] = row.mem.value
  if (row.io?.kind === 'read') s.inputPos++
  if (row.io?.kind === 'write') s.journal.push(row.io.value)
  if (row.insn.op === Opcode.HALT) {
    s.halted = true
    s.exitCode = row.insn.imm
  }
  s.pc = row.nextPc
  s.cycle++
}

/**
 * Cuts an execution into ⌈cycles / 2^k⌉ segments of 2^k rows (at least one). Checkpoints are rebuilt
 * from the trace's state changes, not by re-running.
 * @throws {InvalidSegmentSizeError}
 */
export function cutSegments(exec: Execution, po2: number): Segment[] {
  checkSegmentPo2(po2)
  const size = 2 ** po2
  const count = Math.max(1, Math.ceil(exec.trace.length / size))
  const last = exec.trace.at(-1)
  const state = cloneState(exec.initial)
  const segments: Segment[] = []
  for (let index = 0; index < count; index++) {
    const start = cloneState(state)
    const rows = exec.trace.slice(index * size, (index + 1) * size)
    for (const row of rows) applyRow(state, row)
    for (let i = rows.length; i < size && last; i++)
      rows.push({ ...last, regs: [...state.regs], cycle: index * size + i, write: null, mem: null, io: null, padding: true })
    const end = cloneState(state)
    segments.push({ index, po2, start, end, rows, journal: end.journal })
  }
  return segments
}

/**
 * Re-executes one segment alone from its start checkpoint: 2^k rows (HALT-padded once halted) and the end state.
 * @param input the whole input; READ continues at `start.inputPos`.
 * @throws {InvalidSegmentSizeError} {@link InvalidInstructionError} {@link VmFaultError} {@link MalformedInputError}
 */
export function executeSegment(program: Program, start: VmState, input: readonly number[], po2: number): { rows: TraceRow[]; end: VmState } {
  checkSegmentPo2(po2)
  const code = decodeProgram(program)
  checkInput(input)
  const state = cloneState(start)
  const size = 2 ** po2
  const rows: TraceRow[] = []
  for (let i = 0; i < size; i++) rows.push(step(code, state, input, start.cycle + i))
  return { rows, end: state }
}

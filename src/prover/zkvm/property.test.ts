import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { wasmBackend } from '../backend/wasm.ts'
import { add, P } from '../field/babybear.ts'
import { proveStark } from '../stark/prover.ts'
import { verifyStark } from '../stark/verifier.ts'
import { execute } from '../vm/executor.ts'
import { encodeProgram, type Instruction, Opcode, type Program } from '../vm/isa.ts'
import { cutSegments } from '../vm/segments.ts'
import { ZKVM_AIR } from './air.ts'
import { MAIN_WIDTH } from './columns.ts'
import { zkvmKernels } from './kernels.ts'
import { statementIds } from './receipt.ts'
import { SEGMENT_LABEL, SEGMENT_PARAMS } from './segmentProof.ts'
import { toPublicInputs } from './statement.ts'
import { segmentTrace } from './trace.ts'

/**
 * Issue 8 §7: random programs of the ISA execute and prove, and any single-cell change to their
 * trace is rejected. Programs are 4..24 random instructions (every opcode; branches only forward,
 * so every program halts) followed by HALT; ones that fault (address ≥ 256, BLT operand ≥ 2^24,
 * input exhausted) are discarded.
 */
const reg = fc.integer({ min: 0, max: 7 })
const small = fc.integer({ min: 0, max: 300 })
const anyImm = fc.oneof(small, fc.integer({ min: 0, max: P - 1 }))
const insn = (pc: number, len: number): fc.Arbitrary<Instruction> => {
  const target = fc.integer({ min: pc + 1, max: len })
  return fc.oneof(
    fc.record({ op: fc.constantFrom<Opcode>(Opcode.ADD, Opcode.SUB, Opcode.MUL), rd: reg, rs1: reg, rs2: reg, imm: fc.constant(0) }),
    fc.record({ op: fc.constantFrom<Opcode>(Opcode.ADDI, Opcode.MULI), rd: reg, rs1: reg, rs2: fc.constant(0), imm: anyImm }),
    fc.record({ op: fc.constant<Opcode>(Opcode.LI), rd: reg, rs1: fc.constant(0), rs2: fc.constant(0), imm: anyImm }),
    fc.record({ op: fc.constant<Opcode>(Opcode.MOV), rd: reg, rs1: reg, rs2: fc.constant(0), imm: fc.constant(0) }),
    fc.record({ op: fc.constantFrom<Opcode>(Opcode.BEQ, Opcode.BNE, Opcode.BLT), rd: fc.constant(0), rs1: reg, rs2: reg, imm: target }),
    fc.record({ op: fc.constant<Opcode>(Opcode.JMP), rd: fc.constant(0), rs1: fc.constant(0), rs2: fc.constant(0), imm: target }),
    fc.record({ op: fc.constant<Opcode>(Opcode.LOAD), rd: reg, rs1: fc.constant(0), rs2: fc.constant(0), imm: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ op: fc.constant<Opcode>(Opcode.STORE), rd: fc.constant(0), rs1: fc.constant(0), rs2: reg, imm: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ op: fc.constant<Opcode>(Opcode.READ), rd: reg, rs1: fc.constant(0), rs2: fc.constant(0), imm: fc.constant(0) }),
    fc.record({ op: fc.constant<Opcode>(Opcode.WRITE), rd: fc.constant(0), rs1: reg, rs2: fc.constant(0), imm: fc.constant(0) }),
  )
}
const programArb = fc
  .integer({ min: 4, max: 24 })
  .chain((len) =>
    fc.tuple(
      fc.tuple(...Array.from({ length: len }, (_, pc) => insn(pc, len))),
      fc.integer({ min: 0, max: 9 }),
      fc.array(fc.integer({ min: 0, max: P - 1 }), { maxLength: 8 }),
    ),
  )

function toProgram(body: readonly Instruction[], exit: number): Program {
  const all = [...body, { op: Opcode.HALT, rd: 0, rs1: 0, rs2: 0, imm: exit }]
  return { code: encodeProgram(all), entry: 0 }
}

/** The WASM backend and kernels (bit-identical to the TypeScript reference: backend and kernels tests). */
const WASM = { backend: wasmBackend, ...zkvmKernels('wasm') }

describe('random zkVM programs (fast-check, WASM backend)', () => {
  it('prove and verify, and a single changed trace cell is rejected', async () => {
    let proven = 0
    await fc.assert(
      fc.asyncProperty(programArb, fc.nat(), fc.nat(), fc.integer({ min: 1, max: P - 1 }), async ([body, exit, input], rowSeed, colSeed, delta) => {
        const program = toProgram(body, exit)
        let exec: ReturnType<typeof execute>
        try {
          exec = execute(program, input)
        } catch {
          return // a faulting program: nothing to prove
        }
        const [segment] = cutSegments(exec, 10)
        if (!segment) throw new Error('no segment')
        const { main, statement } = segmentTrace(
          segment,
          body.concat([{ op: Opcode.HALT, rd: 0, rs1: 0, rs2: 0, imm: exit }]),
          input,
          statementIds(program, input),
        )
        const pi = toPublicInputs(statement)
        const good = await proveStark(ZKVM_AIR, main, pi, SEGMENT_PARAMS, SEGMENT_LABEL, WASM)
        expect(() => verifyStark(ZKVM_AIR, good, pi, SEGMENT_PARAMS, SEGMENT_LABEL)).not.toThrow()
        // Change one cell among the executed rows (or the first padding row).
        const row = rowSeed % Math.min(exec.cycles + 1, 1024)
        const col = colSeed % MAIN_WIDTH
        const tampered = main.map((c) => c.slice())
        const column = tampered[col] as Uint32Array
        column[row] = add(column[row] as number, delta)
        const bad = await proveStark(ZKVM_AIR, tampered, pi, SEGMENT_PARAMS, SEGMENT_LABEL, WASM)
        expect(() => verifyStark(ZKVM_AIR, bad, pi, SEGMENT_PARAMS, SEGMENT_LABEL), `row ${row} column ${col}`).toThrow()
        proven++
      }),
      { numRuns: 40 },
    )
    expect(proven).toBeGreaterThanOrEqual(10)
  }, 300_000)
})

import { describe, expect, it } from 'vitest'
import { add } from '../field/babybear.ts'
import { proveStark } from '../stark/prover.ts'
import { verifyStark } from '../stark/verifier.ts'
import { assemble } from '../vm/assembler.ts'
import { execute } from '../vm/executor.ts'
import { decodeProgram, type Program } from '../vm/isa.ts'
import { fibonacci } from '../vm/programs/fibonacci.ts'
import { sort, sortInput } from '../vm/programs/sort.ts'
import { cutSegments } from '../vm/segments.ts'
import { ZKVM_AIR } from './air.ts'
import { COL } from './columns.ts'
import { statementIds } from './receipt.ts'
import { proveSegment, SEGMENT_LABEL, SEGMENT_PARAMS, verifySegment } from './segmentProof.ts'
import { toPublicInputs } from './statement.ts'
import { cheatingExecution } from './testing.ts'
import { segmentTrace } from './trace.ts'

/**
 * Soundness of one segment proof (issue 8 §7): a dishonest executor's trace, or an honest trace with
 * one cell changed, gives a proof the verifier rejects. The prover does not check its trace, so each
 * case proves the dishonest trace and verifies.
 */
const STORE_LOAD: Program = assemble(`
        li    r1, 7
        store [r0 + 5], r1
        li    r1, 0
        load  r2, [r0 + 5]
        write r2
        halt  0
`)

async function proveExecution(program: Program, input: number[], exec: ReturnType<typeof execute>) {
  const [segment] = cutSegments(exec, 10)
  if (!segment) throw new Error('no segment')
  return await proveSegment(segment, decodeProgram(program), input, statementIds(program, input))
}

describe('zkVM segment soundness (TypeScript backend, 2^10 rows)', () => {
  it('accepts the honest store/load program', async () => {
    const { statement, proof } = await proveExecution(STORE_LOAD, [], execute(STORE_LOAD, []))
    expect(statement.journalWords).toEqual([7])
    expect(() => verifySegment(statement, proof)).not.toThrow()
  })

  it('rejects a wrong memory read (the load returns 8 where 7 was stored)', async () => {
    const exec = cheatingExecution(STORE_LOAD, [], 3, (s) => {
      s.memory[5] = 8
    })
    expect(exec.journal).toEqual([8])
    const { statement, proof } = await proveExecution(STORE_LOAD, [], exec)
    expect(() => verifySegment(statement, proof)).toThrow()
  })

  it('rejects a register changed between cycles', async () => {
    const exec = cheatingExecution(fibonacci, [30], 40, (s) => {
      s.regs[3] = add(s.regs[3] as number, 1)
    })
    const { statement, proof } = await proveExecution(fibonacci, [30], exec)
    expect(() => verifySegment(statement, proof)).toThrow()
  })

  it('rejects a skipped instruction', async () => {
    const exec = cheatingExecution(fibonacci, [30], 41, (s) => {
      s.pc += 1
    })
    const { statement, proof } = await proveExecution(fibonacci, [30], exec)
    expect(() => verifySegment(statement, proof)).toThrow()
  })

  it('rejects a BLT decided the wrong way (sort with a forged comparison)', async () => {
    const input = sortInput([9, 3, 7])
    const honest = execute(sort, input)
    const row = honest.trace.findIndex((r) => r.insn.op === 10)
    const blt = honest.trace[row]
    if (!blt) throw new Error('no BLT')
    const other = blt.nextPc === blt.pc + 1 ? blt.insn.imm : blt.pc + 1
    // The cheater records the BLT as going the other way and continues from there: every row is
    // consistent with its neighbours; only the BLT's own decision is wrong.
    const exec = cheatingExecution(sort, input, row + 1, (s) => {
      s.pc = other
    })
    ;(exec.trace[row] as { nextPc: number }).nextPc = other
    const { statement, proof } = await proveExecution(sort, input, exec)
    expect(() => verifySegment(statement, proof)).toThrow()
  })

  it('rejects a trace with one main cell changed, for several columns', async () => {
    const input = sortInput([5, 1, 4])
    const [segment] = cutSegments(execute(sort, input), 10)
    if (!segment) throw new Error('no segment')
    const { main, statement } = segmentTrace(segment, decodeProgram(sort), input, statementIds(sort, input))
    const pi = toPublicInputs(statement)
    for (const [col, row] of [
      [COL.R + 2, 7],
      [COL.X + 1, 12],
      [COL.TOLD, 3],
    ] as const) {
      const tampered = main.map((c) => c.slice())
      const column = tampered[col] as Uint32Array
      column[row] = add(column[row] as number, 1)
      const proof = await proveStark(ZKVM_AIR, tampered, pi, SEGMENT_PARAMS, SEGMENT_LABEL)
      expect(() => verifyStark(ZKVM_AIR, proof, pi, SEGMENT_PARAMS, SEGMENT_LABEL), `column ${col} row ${row}`).toThrow()
    }
  })
})

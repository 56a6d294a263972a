import { checkInput, cloneState, type Execution, initialState, step, type VmState } from '../vm/executor.ts'
import { decodeProgram, type Program } from '../vm/isa.ts'

/**
 * Test support: a dishonest executor. Runs `program` like `execute`, but before cycle `atCycle`
 * calls `cheat(state)`, which may change the state (a register, memory, pc) the way a cheating
 * prover's executor would. The rows record what the cheater did, so every row is locally
 * consistent; only the AIR's cross-row checks (continuity, the memory argument) can catch it.
 */
export function cheatingExecution(program: Program, input: readonly number[], atCycle: number, cheat: (s: VmState) => void, maxCycles = 1 << 16): Execution {
  const code = decodeProgram(program)
  checkInput(input)
  const initial = initialState(program)
  const state = cloneState(initial)
  const trace: Execution['trace'] = []
  while (!state.halted && state.cycle < maxCycles) {
    if (state.cycle === atCycle) cheat(state)
    trace.push(step(code, state, input))
  }
  return { program, input, trace, journal: [...state.journal], exitCode: state.exitCode ?? 0, cycles: state.cycle, initial, final: state }
}

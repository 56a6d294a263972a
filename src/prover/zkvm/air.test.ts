import { describe, expect, it } from 'vitest'
import { P } from '../field/babybear.ts'
import type { Ext4 } from '../field/ext4.ts'
import { BASE_OPS, EXT_OPS } from '../stark/air.ts'
import { execute } from '../vm/executor.ts'
import { decodeProgram, type Program } from '../vm/isa.ts'
import { checksum, checksumInput } from '../vm/programs/checksum.ts'
import { fibonacci } from '../vm/programs/fibonacci.ts'
import { sort, sortInput } from '../vm/programs/sort.ts'
import { cutSegments } from '../vm/segments.ts'
import { ZKVM_AIR } from './air.ts'
import { AUX_WIDTH, MAIN_WIDTH } from './columns.ts'
import { rowConstraints, transitionConstraints } from './constraints.ts'
import { statementIds } from './receipt.ts'
import { toPublicInputs } from './statement.ts'
import { segmentTrace } from './trace.ts'

/** Direct checks of the AIR on honest traces (no STARK), and of its fast evaluator against the generic one. */
const cases: [string, Program, number[]][] = [
  ['fibonacci', fibonacci, [300]],
  ['sort', sort, sortInput([50, 3, 8_000_000, 3, 0, 16_777_215, 1])],
  ['checksum', checksum, checksumInput([P - 1, 0, 5, 1 << 30])],
]

describe('zkVM AIR on honest traces', () => {
  it.each(cases)('%s: every row and transition constraint vanishes on every row of every segment', (_, program, input) => {
    const exec = execute(program, input)
    for (const segment of cutSegments(exec, 10)) {
      const { main } = segmentTrace(segment, decodeProgram(program), input, statementIds(program, input))
      const n = (main[0] as Uint32Array).length
      const row = (i: number) => main.map((c) => c[i] as number)
      for (let i = 0; i < n; i++) {
        const bad = rowConstraints(BASE_OPS, row(i)).findIndex((v) => v !== 0)
        expect(bad, `segment ${segment.index} row ${i} row-constraint ${bad}`).toBe(-1)
        if (i + 1 < n) {
          const t = transitionConstraints(BASE_OPS, row(i), row(i + 1)).findIndex((v) => v !== 0)
          expect(t, `segment ${segment.index} row ${i} transition ${t}`).toBe(-1)
        }
      }
    }
  })

  it('the base-point evaluator equals the generic F_p^4 evaluator on random frames', () => {
    const exec = execute(sort, sortInput([3, 1, 2]))
    const [segment] = cutSegments(exec, 10)
    if (!segment) throw new Error('segment')
    const { statement } = segmentTrace(segment, decodeProgram(sort), sortInput([3, 1, 2]), statementIds(sort, sortInput([3, 1, 2])))
    const pi = toPublicInputs(statement)
    let seed = 7
    const rnd = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed % P
    }
    const ext = (): Ext4 => [rnd(), rnd(), rnd(), rnd()]
    const challenges = [ext(), ext()]
    const derived = ZKVM_AIR.derive(challenges, pi)
    for (let t = 0; t < 20; t++) {
      const main = Array.from({ length: MAIN_WIDTH }, rnd)
      const next = Array.from({ length: MAIN_WIDTH }, rnd)
      const aux = Array.from({ length: AUX_WIDTH / 4 }, ext)
      const auxNext = Array.from({ length: AUX_WIDTH / 4 }, ext)
      const lift = (xs: number[]) => xs.map((x): Ext4 => [x, 0, 0, 0])
      const generic = ZKVM_AIR.evaluate(EXT_OPS, { main: lift(main), next: lift(next), aux, auxNext }, challenges, derived, pi)
      const fast = ZKVM_AIR.evaluateAtBasePoint?.({ main, next, aux, auxNext }, challenges, derived, pi)
      expect(fast).toEqual(generic)
    }
  })
})

import { describe, expect, it } from 'vitest'
import { fieldRng } from '../../test/fieldRng.ts'
import { tsBackend } from '../backend/ts.ts'
import { wasmBackend } from '../backend/wasm.ts'
import { type CompositionInput, compositionOnDomain } from '../stark/composition.ts'
import { encodeStarkProof } from '../stark/encoding.ts'
import { execute } from '../vm/executor.ts'
import { decodeProgram, type Program } from '../vm/isa.ts'
import { checksum, checksumInput } from '../vm/programs/checksum.ts'
import { fibonacci } from '../vm/programs/fibonacci.ts'
import { sort, sortInput } from '../vm/programs/sort.ts'
import { cutSegments } from '../vm/segments.ts'
import { ZKVM_AIR } from './air.ts'
import { AUX_WIDTH, MAIN_WIDTH } from './columns.ts'
import { lookupAuxTrace } from './lookups.ts'
import { statementIds } from './receipt.ts'
import { proveSegment } from './segmentProof.ts'
import { toPublicInputs } from './statement.ts'
import { segmentTrace } from './trace.ts'
import { zkvmAuxTraceWasm } from './wasmAux.ts'
import { zkvmCompositionWasm } from './wasmComposition.ts'

/** The zkVM WASM kernels against the TypeScript reference (composition, aux trace, whole proofs). */
const rng = fieldRng
const firstDiff = (a: readonly Uint32Array[], b: readonly Uint32Array[]): string => {
  if (a.length !== b.length) return `${a.length} vs ${b.length} columns`
  for (let c = 0; c < a.length; c++)
    for (let i = 0; i < (a[c] as Uint32Array).length; i++) if ((a[c] as Uint32Array)[i] !== (b[c] as Uint32Array)[i]) return `column ${c} row ${i}`
  return 'equal'
}

function segmentOf(program: Program, input: number[], po2: number, index = 0) {
  const segment = cutSegments(execute(program, input), po2)[index]
  if (!segment) throw new Error('no segment')
  return { segment, code: decodeProgram(program), input, ids: statementIds(program, input) }
}
const fib = (po2: number, n: number, index = 0) => segmentOf(fibonacci, [n], po2, index)
const SEGMENTS = {
  fibonacci: () => fib(10, 100),
  'fibonacci (not halted)': () => fib(10, 300, 0),
  sort: () => segmentOf(sort, sortInput([40, 2, 33, 17, 5, 99, 0, 12, 7]), 10),
  checksum: () => segmentOf(checksum, checksumInput([1, 2, 3, 2_000_000_000]), 10),
}

/** A composition input from main/aux LDE columns with random challenges, derived values and α. */
function input(main: Uint32Array[], aux: Uint32Array[], logN: number, pi: number[], seed: number, random: boolean): CompositionInput {
  const r = rng(seed)
  const challenges = [r.ext(), r.ext()]
  const counts = ZKVM_AIR.counts(pi)
  const total = counts.transition + counts.row + counts.first + counts.last
  const derived = random ? Array.from({ length: 7 }, r.ext) : ZKVM_AIR.derive(challenges, pi)
  const logDomain = Math.log2((main[0] as Uint32Array).length)
  return { air: ZKVM_AIR, main, aux, logN, logDomain, challenges, derived, publicInputs: pi, alphas: Array.from({ length: total }, r.ext), counts }
}

describe('zkVM composition: WASM kernel equals compositionOnDomain', () => {
  it.each(Object.entries(SEGMENTS))(
    '%s segment at 2^10 (real trace, aux trace and LDEs)',
    (_, make) => {
      const s = make()
      const { main, statement } = segmentTrace(s.segment, s.code, s.input, s.ids)
      const pi = toPublicInputs(statement)
      const r = rng(11)
      const aux = lookupAuxTrace(main, r.ext(), r.ext())
      const lde = (cols: Uint32Array[]) => wasmBackend.evaluateOnCoset(wasmBackend.interpolate(cols), 2)
      const c = input(lde(main), lde(aux), 10, pi, 12, false)
      const ref = compositionOnDomain(c)
      expect(firstDiff(zkvmCompositionWasm(c), ref)).toBe('equal')
      expect(firstDiff(zkvmCompositionWasm(c, 4096), ref)).toBe('equal') // many blocks, wrapped next rows
    },
    60_000,
  )

  it.each([3, 4, 5, 6, 7, 8])('random main and aux columns, 2^%i rows, blowup 4 and 8', async (log) => {
    const halted = toPublicInputs(segmentTrace(fib(10, 100).segment, decodeProgram(fibonacci), [100], statementIds(fibonacci, [100])).statement)
    const running = toPublicInputs(segmentTrace(fib(10, 300).segment, decodeProgram(fibonacci), [300], statementIds(fibonacci, [300])).statement)
    for (const [b, pi] of [
      [2, halted],
      [3, running],
    ] as const) {
      const r = rng(log * 31 + b)
      const size = 2 ** (log + b)
      const c = input(r.cols(MAIN_WIDTH, size), r.cols(AUX_WIDTH, size), log, pi, log + b, true)
      const ref = compositionOnDomain(c)
      expect(firstDiff(zkvmCompositionWasm(c), ref)).toBe('equal')
      expect(firstDiff(zkvmCompositionWasm(c, 2048), ref)).toBe('equal')
    }
  })
})

describe('zkVM aux trace: WASM kernel equals lookupAuxTrace', () => {
  it.each(Object.entries(SEGMENTS))('%s segment at 2^10', async (_, make) => {
    const s = make()
    const { main } = segmentTrace(s.segment, s.code, s.input, s.ids)
    const r = rng(21)
    const [gamma, beta] = [r.ext(), r.ext()]
    const ref = lookupAuxTrace(main, gamma, beta)
    expect(firstDiff(zkvmAuxTraceWasm(main, gamma, beta), ref)).toBe('equal')
    expect(firstDiff(zkvmAuxTraceWasm(main, gamma, beta, 2048), ref)).toBe('equal')
  })

  it.each([3, 4, 5, 6, 7, 8])('random main columns, 2^%i rows', async (log) => {
    const r = rng(log * 37)
    const main = r.cols(MAIN_WIDTH, 2 ** log)
    const [gamma, beta] = [r.ext(), r.ext()]
    const ref = lookupAuxTrace(main, gamma, beta)
    expect(firstDiff(zkvmAuxTraceWasm(main, gamma, beta), ref)).toBe('equal')
    expect(firstDiff(zkvmAuxTraceWasm(main, gamma, beta, 1024), ref)).toBe('equal')
  })
})

describe('proveSegment: the WASM backend gives the same proof bytes', () => {
  it.each([
    ['sort', () => SEGMENTS.sort()],
    ['fibonacci', () => fib(10, 100)],
  ])(
    '%s segment at 2^10',
    async (_, make) => {
      const s = make()
      const ts = await proveSegment(s.segment, s.code, s.input, s.ids, { backend: tsBackend })
      const wasm = await proveSegment(s.segment, s.code, s.input, s.ids, { backend: wasmBackend })
      expect(wasm.statement).toEqual(ts.statement)
      expect(Buffer.from(encodeStarkProof(wasm.proof)).equals(Buffer.from(encodeStarkProof(ts.proof)))).toBe(true)
    },
    120_000,
  )
})

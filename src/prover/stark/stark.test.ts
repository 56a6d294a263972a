import { describe, expect, it } from 'vitest'
import { InvalidProverInputError, InvalidStarkProofError } from '../../errors/prover.ts'
import { add, pow } from '../field/babybear.ts'
import { DEFAULT_FRI_PARAMS } from '../fri/params.ts'
import { type Air, FIBONACCI_AIR, type FieldOps, fibonacciTrace } from './air.ts'
import { proveStark } from './prover.ts'
import { conjecturedSecurityBits, type StarkProof } from './shape.ts'
import { verifyStark } from './verifier.ts'

const L = 'stark-test'
const P0 = DEFAULT_FRI_PARAMS

describe('STARK over the Fibonacci AIR (default parameters)', () => {
  it.each([8, 64, 1024])('accepts an honest proof for n = %i', (n) => {
    const { trace, output } = fibonacciTrace(n)
    const proof = proveStark(FIBONACCI_AIR, trace, [output], P0, L)
    expect(() => verifyStark(FIBONACCI_AIR, proof, [output], P0, L)).not.toThrow()
  })

  it('reports the FRI conjectured security', () => {
    expect(conjecturedSecurityBits(P0)).toBe(120)
  })

  const n = 64
  const { trace, output } = fibonacciTrace(n)
  const good = proveStark(FIBONACCI_AIR, trace, [output], P0, L)

  it('rejects a proof of a trace with one changed cell (the prover does not self-check)', () => {
    for (const [row, col] of [
      [0, 0],
      [17, 1],
      [n - 1, 0],
      [n - 1, 1],
    ] as const) {
      const bad = trace.map((r) => [...r])
      ;(bad[row] as number[])[col] = add((bad[row] as number[])[col] as number, 1)
      const proof = proveStark(FIBONACCI_AIR, bad, [output], P0, L)
      expect(() => verifyStark(FIBONACCI_AIR, proof, [output], P0, L)).toThrow(InvalidStarkProofError)
    }
  })

  it('rejects a wrong public output (both as a claim and as a proven statement)', () => {
    expect(() => verifyStark(FIBONACCI_AIR, good, [add(output, 1)], P0, L)).toThrow()
    const proof = proveStark(FIBONACCI_AIR, trace, [add(output, 1)], P0, L)
    expect(() => verifyStark(FIBONACCI_AIR, proof, [add(output, 1)], P0, L)).toThrow(InvalidStarkProofError)
  })

  it('rejects a proof for another public input and another label', () => {
    const other = fibonacciTrace(32)
    const proof = proveStark(FIBONACCI_AIR, other.trace, [other.output], P0, L)
    expect(() => verifyStark(FIBONACCI_AIR, proof, [output], P0, L)).toThrow()
    expect(() => verifyStark(FIBONACCI_AIR, good, [output], P0, 'other-label')).toThrow()
  })

  it('rejects openings spliced from another proof', () => {
    const other = proveStark(FIBONACCI_AIR, trace, [output], P0, 'other-label')
    const spliced: StarkProof = { ...good, queries: other.queries }
    expect(() => verifyStark(FIBONACCI_AIR, spliced, [output], P0, L)).toThrow()
    const oneSwapped: StarkProof = { ...good, queries: [other.queries[0], ...good.queries.slice(1)] as StarkProof['queries'] }
    expect(() => verifyStark(FIBONACCI_AIR, oneSwapped, [output], P0, L)).toThrow()
    const friSpliced: StarkProof = { ...good, fri: other.fri }
    expect(() => verifyStark(FIBONACCI_AIR, friSpliced, [output], P0, L)).toThrow()
  })

  it('rejects a wrong number of query openings', () => {
    expect(() => verifyStark(FIBONACCI_AIR, { ...good, queries: good.queries.slice(1) }, [output], P0, L)).toThrow(InvalidStarkProofError)
  })

  it('rejects altered out-of-domain values (z itself is not sent: both sides squeeze it)', () => {
    const bump = (xs: StarkProof['oodTrace'], i: number) => xs.map((x, j) => (j === i ? ([add(x[0], 1), x[1], x[2], x[3]] as const) : x))
    for (const field of ['oodTrace', 'oodTraceNext', 'oodComposition'] as const) {
      const altered: StarkProof = { ...good, [field]: bump(good[field], 0) }
      expect(() => verifyStark(FIBONACCI_AIR, altered, [output], P0, L)).toThrow(InvalidStarkProofError)
    }
  })
})

/** x' = x^3, x_0 = in, x_{n−1} = out: degree 3, so the composition is split into K = 2 chunks. */
const CUBE_AIR: Air = {
  name: 'cube',
  width: 1,
  numPublicInputs: 2,
  numTransitionConstraints: 1,
  maxConstraintDegree: 3,
  transition: <F>(ops: FieldOps<F>, [x]: readonly F[], [x1]: readonly F[]) => [ops.sub(x1 as F, ops.mul(x as F, ops.mul(x as F, x as F)))],
  boundary: (pub: readonly number[], n: number) => [
    { column: 0, row: 0, value: pub[0] as number },
    { column: 0, row: n - 1, value: pub[1] as number },
  ],
}

describe('STARK over a degree-3 AIR (two composition chunks, default parameters)', () => {
  const n = 16
  const trace = [[3]]
  for (let i = 1; i < n; i++) trace.push([pow((trace[i - 1] as number[])[0] as number, 3)])
  const pub = [3, (trace[n - 1] as number[])[0] as number]

  it('accepts an honest proof and rejects a changed cell', () => {
    const proof = proveStark(CUBE_AIR, trace, pub, P0, L)
    expect(proof.oodComposition).toHaveLength(2)
    expect(() => verifyStark(CUBE_AIR, proof, pub, P0, L)).not.toThrow()
    const bad = trace.map((r) => [...r])
    ;(bad[5] as number[])[0] = 7
    expect(() => verifyStark(CUBE_AIR, proveStark(CUBE_AIR, bad, pub, P0, L), pub, P0, L)).toThrow(InvalidStarkProofError)
  })

  it('refuses a blowup below the constraint degree, and a bad trace length', () => {
    expect(() => proveStark(CUBE_AIR, trace, pub, { ...P0, logBlowup: 1 }, L)).toThrow(InvalidProverInputError)
    expect(() => proveStark(CUBE_AIR, trace.slice(0, 12), pub, P0, L)).toThrow(InvalidProverInputError)
    expect(() => proveStark(CUBE_AIR, trace.slice(0, 4), pub, P0, L)).toThrow(InvalidProverInputError)
  })
})

import { beforeAll, describe, expect, it } from 'vitest'
import { InvalidProverInputError, InvalidStarkProofError } from '../../errors/prover.ts'
import { add, pow } from '../field/babybear.ts'
import { type Ext4, extInv, extMul, extSub, fromBase } from '../field/ext4.ts'
import { DEFAULT_FRI_PARAMS } from '../fri/params.ts'
import { type Air, FIBONACCI_AIR, type FieldOps, type Frame, fibonacciTrace, toColumns } from './air.ts'
import { proveStark } from './prover.ts'
import { conjecturedSecurityBits, type StarkProof } from './shape.ts'
import { verifyStark } from './verifier.ts'

const L = 'stark-test'
const P0 = DEFAULT_FRI_PARAMS

describe('STARK over the Fibonacci AIR (default parameters)', () => {
  it.each([8, 64, 1024])('accepts an honest proof for n = %i', async (n) => {
    const { trace, output } = fibonacciTrace(n)
    const proof = await proveStark(FIBONACCI_AIR, toColumns(trace, 2), [output], P0, L)
    expect(() => verifyStark(FIBONACCI_AIR, proof, [output], P0, L)).not.toThrow()
  })

  it('reports the FRI conjectured security', async () => {
    expect(conjecturedSecurityBits(P0)).toBe(120)
  })

  const n = 64
  const { trace, output } = fibonacciTrace(n)
  let good: StarkProof
  beforeAll(async () => {
    good = await proveStark(FIBONACCI_AIR, toColumns(trace, 2), [output], P0, L)
  })

  it('rejects a proof of a trace with one changed cell (the prover does not self-check)', async () => {
    for (const [row, col] of [
      [0, 0],
      [17, 1],
      [n - 1, 0],
      [n - 1, 1],
    ] as const) {
      const bad = trace.map((r) => [...r])
      ;(bad[row] as number[])[col] = add((bad[row] as number[])[col] as number, 1)
      const proof = await proveStark(FIBONACCI_AIR, toColumns(bad, 2), [output], P0, L)
      expect(() => verifyStark(FIBONACCI_AIR, proof, [output], P0, L)).toThrow(InvalidStarkProofError)
    }
  })

  it('rejects a wrong public output (both as a claim and as a proven statement)', async () => {
    expect(() => verifyStark(FIBONACCI_AIR, good, [add(output, 1)], P0, L)).toThrow()
    const proof = await proveStark(FIBONACCI_AIR, toColumns(trace, 2), [add(output, 1)], P0, L)
    expect(() => verifyStark(FIBONACCI_AIR, proof, [add(output, 1)], P0, L)).toThrow(InvalidStarkProofError)
  })

  it('rejects a proof for another public input and another label', async () => {
    const other = fibonacciTrace(32)
    const proof = await proveStark(FIBONACCI_AIR, toColumns(other.trace, 2), [other.output], P0, L)
    expect(() => verifyStark(FIBONACCI_AIR, proof, [output], P0, L)).toThrow()
    expect(() => verifyStark(FIBONACCI_AIR, good, [output], P0, 'other-label')).toThrow()
  })

  it('rejects openings spliced from another proof', async () => {
    const other = await proveStark(FIBONACCI_AIR, toColumns(trace, 2), [output], P0, 'other-label')
    const spliced: StarkProof = { ...good, queries: other.queries }
    expect(() => verifyStark(FIBONACCI_AIR, spliced, [output], P0, L)).toThrow()
    const oneSwapped: StarkProof = { ...good, queries: [other.queries[0], ...good.queries.slice(1)] as StarkProof['queries'] }
    expect(() => verifyStark(FIBONACCI_AIR, oneSwapped, [output], P0, L)).toThrow()
    const friSpliced: StarkProof = { ...good, fri: other.fri }
    expect(() => verifyStark(FIBONACCI_AIR, friSpliced, [output], P0, L)).toThrow()
  })

  it('rejects a wrong number of query openings', async () => {
    expect(() => verifyStark(FIBONACCI_AIR, { ...good, queries: good.queries.slice(1) }, [output], P0, L)).toThrow(InvalidStarkProofError)
  })

  it('rejects altered out-of-domain values (z itself is not sent: both sides squeeze it)', async () => {
    const bump = (xs: StarkProof['oodMain'], i: number) => xs.map((x, j) => (j === i ? ([add(x[0], 1), x[1], x[2], x[3]] as const) : x))
    for (const field of ['oodMain', 'oodMainNext', 'oodComposition'] as const) {
      const altered: StarkProof = { ...good, [field]: bump(good[field], 0) }
      expect(() => verifyStark(FIBONACCI_AIR, altered, [output], P0, L)).toThrow(InvalidStarkProofError)
    }
  })
})

/** x' = x^3, x_0 = in, x_{n−1} = out: degree 3, so the composition is split into K = 2 chunks. */
const CUBE_AIR: Air = {
  name: 'cube',
  mainWidth: 1,
  auxWidth: 0,
  numChallenges: 0,
  maxConstraintDegree: 3,
  validatePublicInputs: (pi) => (pi.length === 2 ? null : 'two public inputs'),
  counts: () => ({ transition: 1, row: 0, first: 1, last: 1 }),
  derive: () => [],
  evaluate: <F>(ops: FieldOps<F>, { main: [x], next: [x1] }: Frame<F>, _c: readonly F[], _d: readonly F[], pub: readonly number[]) => ({
    transition: [ops.sub(x1 as F, ops.mul(x as F, ops.mul(x as F, x as F)))],
    row: [],
    first: [ops.sub(x as F, ops.constant(pub[0] as number))],
    last: [ops.sub(x as F, ops.constant(pub[1] as number))],
  }),
  auxTrace: () => [],
}

describe('STARK over a degree-3 AIR (two composition chunks, default parameters)', () => {
  const n = 16
  const trace = [[3]]
  for (let i = 1; i < n; i++) trace.push([pow((trace[i - 1] as number[])[0] as number, 3)])
  const pub = [3, (trace[n - 1] as number[])[0] as number]
  const cols = (t: number[][]) => toColumns(t, 1)

  it('accepts an honest proof and rejects a changed cell', async () => {
    const proof = await proveStark(CUBE_AIR, cols(trace), pub, P0, L)
    expect(proof.oodComposition).toHaveLength(8)
    expect(() => verifyStark(CUBE_AIR, proof, pub, P0, L)).not.toThrow()
    const bad = trace.map((r) => [...r])
    ;(bad[5] as number[])[0] = 7
    const badProof = await proveStark(CUBE_AIR, cols(bad), pub, P0, L)
    expect(() => verifyStark(CUBE_AIR, badProof, pub, P0, L)).toThrow(InvalidStarkProofError)
  })

  it('refuses a blowup below the constraint degree, and a bad trace length', async () => {
    await expect(proveStark(CUBE_AIR, cols(trace), pub, { ...P0, logBlowup: 1 }, L)).rejects.toThrow(InvalidProverInputError)
    await expect(proveStark(CUBE_AIR, cols(trace.slice(0, 12)), pub, P0, L)).rejects.toThrow(InvalidProverInputError)
    await expect(proveStark(CUBE_AIR, cols(trace.slice(0, 4)), pub, P0, L)).rejects.toThrow(InvalidProverInputError)
  })
})

/**
 * A two-phase AIR: main columns (a, b) where column b must be a permutation of column a, shown by
 * a grand product over the challenge γ: aux z_0 = (γ − a_0)/(γ − b_0), z_{i+1} = z_i·(γ − a_{i+1})/(γ − b_{i+1}),
 * z_{n−1} = 1. Exercises the aux commitment, challenges, row and last constraints.
 */
const PERM_AIR: Air = {
  name: 'perm',
  mainWidth: 2,
  auxWidth: 4,
  numChallenges: 1,
  // The first-row constraint has degree 2, and boundary constraints may have degree ≤ max − 1.
  maxConstraintDegree: 3,
  validatePublicInputs: (pi) => (pi.length === 0 ? null : 'no public inputs'),
  counts: () => ({ transition: 1, row: 0, first: 1, last: 1 }),
  derive: () => [],
  evaluate<F>(ops: FieldOps<F>, f: Frame<F>, [g]: readonly F[]) {
    const [a, b] = f.main as [F, F]
    const [a1, b1] = f.next as [F, F]
    const z = f.aux[0] as F
    const z1 = f.auxNext[0] as F
    const gamma = g as F
    return {
      transition: [ops.sub(ops.mul(z1, ops.sub(gamma, b1)), ops.mul(z, ops.sub(gamma, a1)))],
      row: [],
      first: [ops.sub(ops.mul(z, ops.sub(gamma, b)), ops.sub(gamma, a))],
      last: [ops.sub(z, ops.constant(1))],
    }
  },
  auxTrace(main, [gamma]) {
    const [a, b] = main as [Uint32Array, Uint32Array]
    const out = [0, 1, 2, 3].map(() => new Uint32Array(a.length))
    let z: Ext4 = [1, 0, 0, 0]
    for (let i = 0; i < a.length; i++) {
      z = extMul(z, extMul(extSub(gamma as Ext4, fromBase(a[i] as number)), extInv(extSub(gamma as Ext4, fromBase(b[i] as number)))))
      for (let k = 0; k < 4; k++) (out[k] as Uint32Array)[i] = z[k] as number
    }
    return out
  },
}

describe('STARK with an auxiliary trace (grand-product permutation AIR)', () => {
  const a = Array.from({ length: 32 }, (_, i) => (i * 7919 + 13) % 1000)
  const b = [...a].sort((x, y) => x - y)
  it('accepts a permutation and rejects a non-permutation', async () => {
    const good = await proveStark(PERM_AIR, [Uint32Array.from(a), Uint32Array.from(b)], [], P0, L)
    expect(good.auxRoot).not.toBeNull()
    expect(() => verifyStark(PERM_AIR, good, [], P0, L)).not.toThrow()
    const b2 = [...b]
    b2[3] = (b2[3] as number) + 1
    const bad = await proveStark(PERM_AIR, [Uint32Array.from(a), Uint32Array.from(b2)], [], P0, L)
    expect(() => verifyStark(PERM_AIR, bad, [], P0, L)).toThrow(InvalidStarkProofError)
  })
  it('rejects altered aux out-of-domain values and swapped aux openings', async () => {
    const good = await proveStark(PERM_AIR, [Uint32Array.from(a), Uint32Array.from(b)], [], P0, L)
    const bumped = good.oodAuxNext.map((x, j) => (j === 2 ? ([x[0], x[1], add(x[2], 1), x[3]] as const) : x))
    expect(() => verifyStark(PERM_AIR, { ...good, oodAuxNext: bumped }, [], P0, L)).toThrow(InvalidStarkProofError)
    const q0 = good.queries[0]
    const q1 = good.queries[1]
    if (!q0 || !q1) throw new Error('no queries')
    const swapped = [{ ...q0, aux: q1.aux }, ...good.queries.slice(1)]
    expect(() => verifyStark(PERM_AIR, { ...good, queries: swapped }, [], P0, L)).toThrow()
  })
})

describe('proveStark onPhase', () => {
  it('reports every phase after "trace" in order, then done', async () => {
    const { trace, output } = fibonacciTrace(8)
    const seen: string[] = []
    await proveStark(FIBONACCI_AIR, toColumns(trace, 2), [output], P0, L, {
      onPhase: (phase, done, total) => seen.push(`${phase} ${done}/${total}`),
    })
    expect(seen).toEqual(['commit main 1/8', 'aux 2/8', 'composition 3/8', 'ood 4/8', 'deep 5/8', 'fri 6/8', 'queries 7/8', 'done 8/8'])
  })
})

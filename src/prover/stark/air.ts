import { add, type Base, mul, neg, sub } from '../field/babybear.ts'
import { type Ext4, extAdd, extMul, extNeg, extSub, fromBase } from '../field/ext4.ts'

/**
 * Algebraic intermediate representation (AIR) of a computation, the statement a STARK proves
 * (ethSTARK documentation, StarkWare, IACR ePrint 2021/582, §2 and the DEEP-ALI protocol), extended
 * with an auxiliary trace drawn after verifier challenges (a "randomized AIR with preprocessing", as
 * in Plonky3's and Winterfell's multi-phase traces) for lookup/permutation arguments.
 *
 * A trace of n = 2^k rows has `mainWidth` base columns, committed first, then — after
 * `numChallenges` ext4 challenges are squeezed — `auxWidth` base columns (a multiple of 4: every 4
 * consecutive aux columns are the coordinates c0..c3 of one F_p^4 column, value Σ_j c_j·x^j). It
 * satisfies the AIR when, with `cur`/`next` the values at rows i and i + 1:
 *   • every `transition` value vanishes for i ∈ [0, n − 1),
 *   • every `row` value vanishes for i ∈ [0, n),
 *   • every `first` value vanishes at row 0 and every `last` value at row n − 1.
 * Constraints are written once over a {@link FieldOps} object (the prover evaluates them at LDE
 * points, the verifier at the out-of-domain point z, both in F_p^4).
 */
export type FieldOps<F> = {
  readonly add: (a: F, b: F) => F
  readonly sub: (a: F, b: F) => F
  readonly mul: (a: F, b: F) => F
  readonly neg: (a: F) => F
  /** Embeds a base element (a constant of the constraint). */
  readonly constant: (c: Base) => F
}

export const BASE_OPS: FieldOps<Base> = { add, sub, mul, neg, constant: (c) => c }
export const EXT_OPS: FieldOps<Ext4> = { add: extAdd, sub: extSub, mul: extMul, neg: extNeg, constant: fromBase }

/** Values at one point: main columns and aux ext4 columns (already combined from coordinates), at x and g·x. */
export type Frame<F> = {
  readonly main: readonly F[]
  readonly next: readonly F[]
  readonly aux: readonly F[]
  readonly auxNext: readonly F[]
}

/** A frame at an LDE point: main values in the base field, aux values in F_p^4. */
export type BaseFrame = { readonly main: readonly Base[]; readonly next: readonly Base[]; readonly aux: readonly Ext4[]; readonly auxNext: readonly Ext4[] }

export type ConstraintCounts = { readonly transition: number; readonly row: number; readonly first: number; readonly last: number }
export type ConstraintValues<F> = { transition: F[]; row: F[]; first: F[]; last: F[] }

export interface Air {
  /** A short ASCII name, absorbed into the transcript (binds the proof to the AIR). */
  readonly name: string
  readonly mainWidth: number
  /** Base columns of the auxiliary trace, a multiple of 4 (0 = none). */
  readonly auxWidth: number
  /** Ext4 challenges squeezed after the main commitment (0 if `auxWidth` is 0). */
  readonly numChallenges: number
  /**
   * Upper bound on the total degree of every transition and row constraint in the trace values;
   * first/last constraints must have degree ≤ max(1, maxConstraintDegree − 1). The prover requires
   * the LDE blowup to be ≥ this.
   */
  readonly maxConstraintDegree: number
  /** `null` when the public inputs are well formed, else the reason (checked before anything else). */
  validatePublicInputs(publicInputs: readonly Base[]): string | null
  /** Number of constraints of each kind for these public inputs. */
  counts(publicInputs: readonly Base[]): ConstraintCounts
  /**
   * Constants derived once per proof from the challenges and public inputs (e.g. the table side of a
   * log-up sum), passed to {@link evaluate}.
   */
  derive(challenges: readonly Ext4[], publicInputs: readonly Base[]): Ext4[]
  /** All constraint values at one frame. */
  evaluate<F>(ops: FieldOps<F>, frame: Frame<F>, challenges: readonly F[], derived: readonly F[], publicInputs: readonly Base[]): ConstraintValues<F>
  /**
   * Optional faster evaluation at an LDE point, where main values are base elements; must return
   * exactly what `evaluate(EXT_OPS, …)` returns on the lifted values (tested per AIR).
   */
  evaluateAtBasePoint?(frame: BaseFrame, challenges: readonly Ext4[], derived: readonly Ext4[], publicInputs: readonly Base[]): ConstraintValues<Ext4>
  /** The auxiliary trace (`auxWidth` base columns of n rows) from the main trace and the challenges. */
  auxTrace(main: readonly Uint32Array[], challenges: readonly Ext4[], publicInputs: readonly Base[]): Uint32Array[]
}

/**
 * The Fibonacci AIR (ethSTARK documentation's running example, ePrint 2021/582): 2 columns (a, b),
 * a' = b, b' = a + b, a_0 = 1, b_0 = 1, b_{n−1} = publicInputs[0]. No auxiliary trace.
 */
export const FIBONACCI_AIR: Air = {
  name: 'fibonacci',
  mainWidth: 2,
  auxWidth: 0,
  numChallenges: 0,
  maxConstraintDegree: 1,
  validatePublicInputs: (pi) => (pi.length === 1 ? null : `${pi.length} public inputs, expected 1`),
  counts: () => ({ transition: 2, row: 0, first: 2, last: 1 }),
  derive: () => [],
  evaluate<F>(ops: FieldOps<F>, { main, next }: Frame<F>, _c: readonly F[], _d: readonly F[], pi: readonly Base[]): ConstraintValues<F> {
    const [a, b] = main as [F, F]
    const [a1, b1] = next as [F, F]
    const one = ops.constant(1)
    return {
      transition: [ops.sub(a1, b), ops.sub(b1, ops.add(a, b))],
      row: [],
      first: [ops.sub(a, one), ops.sub(b, one)],
      last: [ops.sub(b, ops.constant(pi[0] as Base))],
    }
  },
  auxTrace: () => [],
}

/** The honest Fibonacci trace of n rows (a_0 = b_0 = 1) and its public output b_{n−1}. */
export function fibonacciTrace(n: number): { trace: Base[][]; output: Base } {
  const trace: Base[][] = [[1, 1]]
  for (let i = 1; i < n; i++) {
    const [a, b] = trace[i - 1] as Base[]
    trace.push([b as Base, add(a as Base, b as Base)])
  }
  return { trace, output: (trace[n - 1] as Base[])[1] as Base }
}

/** Column-major copy of a row-major trace. */
export function toColumns(trace: readonly (readonly Base[])[], width: number): Uint32Array[] {
  return Array.from({ length: width }, (_, c) => Uint32Array.from(trace, (r) => r[c] as Base))
}

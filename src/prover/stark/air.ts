import { add, type Base, mul, neg, sub } from '../field/babybear.ts'
import { type Ext4, extAdd, extMul, extNeg, extSub, fromBase } from '../field/ext4.ts'

/**
 * Algebraic intermediate representation (AIR) of a computation, the statement a STARK proves
 * (ethSTARK documentation, StarkWare, IACR ePrint 2021/582, §2 "AIR" and the DEEP-ALI protocol):
 * a trace of n = 2^k rows and `width` columns over BabyBear satisfies the AIR when
 *   • every transition constraint vanishes on each pair (row i, row i + 1), i ∈ [0, n − 1), and
 *   • every boundary constraint trace[row][column] = value holds.
 * Constraints are written once, over a {@link FieldOps} object, so the prover evaluates them on base
 * elements (the LDE) and the verifier on extension elements (at the out-of-domain point z).
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

export type BoundaryConstraint = {
  readonly column: number
  /** Row index in [0, n). */
  readonly row: number
  readonly value: Base
}

export interface Air {
  /** A short ASCII name, absorbed into the transcript (binds the proof to the AIR). */
  readonly name: string
  /** Number of trace columns (≥ 1). */
  readonly width: number
  /** Number of public inputs (base elements). */
  readonly numPublicInputs: number
  /** Number of values `transition` returns. */
  readonly numTransitionConstraints: number
  /**
   * Upper bound on the total degree of every transition constraint as a polynomial in the 2·width
   * variables of (current, next). The prover requires the LDE blowup to be ≥ this.
   */
  readonly maxConstraintDegree: number
  /** Values that must be 0 for each consecutive pair of rows (current row, next row). */
  transition<F>(ops: FieldOps<F>, current: readonly F[], next: readonly F[]): F[]
  /** Boundary constraints for a trace of n rows; values come from the public inputs. */
  boundary(publicInputs: readonly Base[], n: number): BoundaryConstraint[]
}

/**
 * The Fibonacci AIR (ethSTARK documentation's running example, ePrint 2021/582): 2 columns (a, b),
 * a' = b, b' = a + b, a_0 = 1, b_0 = 1, b_{n−1} = publicInputs[0].
 */
export const FIBONACCI_AIR: Air = {
  name: 'fibonacci',
  width: 2,
  numPublicInputs: 1,
  numTransitionConstraints: 2,
  maxConstraintDegree: 1,
  transition<F>(ops: FieldOps<F>, [a, b]: readonly F[], [a1, b1]: readonly F[]): F[] {
    return [ops.sub(a1 as F, b as F), ops.sub(b1 as F, ops.add(a as F, b as F))]
  },
  boundary(publicInputs: readonly Base[], n: number): BoundaryConstraint[] {
    return [
      { column: 0, row: 0, value: 1 },
      { column: 1, row: 0, value: 1 },
      { column: 1, row: n - 1, value: publicInputs[0] as Base },
    ]
  },
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

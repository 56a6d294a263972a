import { add, mul, P, sub } from '../field/babybear.ts'

/**
 * The field operations the zkVM executor uses, under the names it uses: BabyBear from
 * `src/prover/field/babybear.ts` (one field module for the VM and the STARK). Elements are canonical
 * integers in [0, p), p = 15·2^27 + 1 = 2013265921.
 */
export { P }
export const fadd = add
export const fsub = sub
export const fmul = mul

/** Whether `x` is a canonical field element: an integer in [0, p). */
export function isFieldElement(x: number): boolean {
  return Number.isInteger(x) && x >= 0 && x < P
}

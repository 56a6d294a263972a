/**
 * The three BabyBear operations the zkVM executor needs, on plain numbers. Elements are canonical
 * integers in [0, p), p = 15·2^27 + 1 = 2013265921 (< 2^31). The STARK's own field module may supersede
 * this; the results are the same integers.
 */
export const P = 2013265921

/** (a + b) mod p for canonical a, b. */
export function fadd(a: number, b: number): number {
  const s = a + b
  return s >= P ? s - P : s
}

/** (a − b) mod p for canonical a, b. */
export function fsub(a: number, b: number): number {
  const s = a - b
  return s < 0 ? s + P : s
}

/** (a · b) mod p for canonical a, b; exact in doubles (every intermediate < 2^53). */
export function fmul(a: number, b: number): number {
  const hi = (a * (b >>> 16)) % P // < 2^47 before the reduction
  return (hi * 65536 + a * (b & 0xffff)) % P // < 2^48
}

/** Whether `x` is a canonical field element: an integer in [0, p). */
export function isFieldElement(x: number): boolean {
  return Number.isInteger(x) && x >= 0 && x < P
}

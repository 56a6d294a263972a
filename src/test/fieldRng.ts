import { P } from '../prover/field/babybear.ts'
import type { Ext4 } from '../prover/field/ext4.ts'

/**
 * Deterministic BabyBear test inputs (xorshift32 reduced mod p: uniform enough in [0, p) for differential
 * tests). `col(n)`: one column of n elements; `cols(w, n)`: w such columns; `ext()`: one F_p^4 element.
 */
export function fieldRng(seed: number) {
  let s = seed >>> 0 || 1
  const next = () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return (s >>> 0) % P
  }
  return {
    col: (n: number) => Uint32Array.from({ length: n }, next),
    cols: (w: number, n: number) => Array.from({ length: w }, () => Uint32Array.from({ length: n }, next)),
    ext: (): Ext4 => [next(), next(), next(), next()],
  }
}

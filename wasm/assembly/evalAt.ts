// Σ_j c_j·z^j for coefficient columns at an ext4 point z (src/prover/backend/types.ts `evaluateAt`):
// the powers of z are computed once (Montgomery form), then each coefficient costs one base × ext4
// product, accumulated lazily in u64 lanes.
import { emulV, ONE_M, redcWide, toMontBlock } from './extm'

/** The multiple of p just below 2^63 (see deep.ts). */
const C63: u64 = 0x7fffffffa111110e

// @ts-ignore: decorator
@inline function reduce63(acc: v128, c63: v128): v128 {
  return i64x2.sub(acc, v128.and(i64x2.shr_s(acc, 63), c63))
}

/** Writes z^j (j < len) in Montgomery form at out + 16·j, for a canonical ext4 z at `z` (16 bytes, 16-aligned; converted in place). */
export function extPowers(z: usize, len: u32, out: usize): void {
  toMontBlock(z, 4)
  const zm = v128.load(z)
  let x = i32x4.replace_lane(i32x4.splat(0), 0, ONE_M)
  for (let j: usize = 0; j < <usize>len; j++) {
    v128.store(out + (j << 4), x)
    x = emulV(x, zm)
  }
}

/**
 * `count` columns of `len` canonical coefficients back to back at `cols`; `pw` from {@link extPowers}
 * (≥ len powers). Writes Σ_j col_c[j]·z^j (canonical ext4, 16 bytes) at out + 16·c.
 */
export function evalAt(cols: usize, len: u32, count: u32, pw: usize, out: usize): void {
  const c63 = i64x2.splat(C63)
  const n = <usize>len
  for (let c: usize = 0; c < <usize>count; c++) {
    const col = cols + ((c * n) << 2)
    let lo = i64x2.splat(0), hi = i64x2.splat(0)
    let j: usize = 0
    // Two products (< 2^62.9 each) added to an accumulator < 2^63 stay < 2^64; reduce63 restores < 2^63.
    for (; j + 1 < n; j += 2) {
      const v = v128.load32_splat(col + (j << 2)), w = v128.load32_splat(col + (j << 2) + 4)
      const pv = v128.load(pw + (j << 4)), pw1 = v128.load(pw + (j << 4) + 16)
      lo = reduce63(i64x2.add(lo, i64x2.add(i64x2.extmul_low_i32x4_u(v, pv), i64x2.extmul_low_i32x4_u(w, pw1))), c63)
      hi = reduce63(i64x2.add(hi, i64x2.add(i64x2.extmul_high_i32x4_u(v, pv), i64x2.extmul_high_i32x4_u(w, pw1))), c63)
    }
    if (j < n) {
      const v = v128.load32_splat(col + (j << 2)), pv = v128.load(pw + (j << 4))
      lo = reduce63(i64x2.add(lo, i64x2.extmul_low_i32x4_u(v, pv)), c63)
      hi = reduce63(i64x2.add(hi, i64x2.extmul_high_i32x4_u(v, pv)), c63)
    }
    // redc(Σ c·z^j·R) = Σ c·z^j, canonical.
    const o = out + (c << 4)
    store<u32>(o, redcWide(i64x2.extract_lane(lo, 0)), 0)
    store<u32>(o, redcWide(i64x2.extract_lane(lo, 1)), 4)
    store<u32>(o, redcWide(i64x2.extract_lane(hi, 0)), 8)
    store<u32>(o, redcWide(i64x2.extract_lane(hi, 1)), 12)
  }
}

// F_p^4 = F_p[x]/(x^4 − 11) with every coordinate in Montgomery form (aR mod p, canonical): the
// working representation of the zkVM and evaluateAt kernels. Add/sub are coordinate-wise and
// representation-independent; products are `redc` of products of Montgomery values. Ext values live in
// 16-byte slots (c0..c3) or in v128 lanes 0..3.
import { add, inv, mulMont, mulMontV, NEG_PINV, P, redc, toMont } from './babybear'
import { extInv } from './ext4'

/** 11·R mod p (Montgomery form of 11). */
export const ELEVEN_M: u32 = 939524073
/** R mod p (Montgomery form of 1). */
export const ONE_M: u32 = 268435454
/** R² mod p: mulMontV(v, R2) is v in Montgomery form. */
const R2: u32 = 1172168163

const T: usize = memory.data(16)

/** In place: `count` canonical u32 at ptr (count a multiple of 4, ptr 16-byte aligned) → Montgomery form. */
export function toMontBlock(ptr: usize, count: usize): void {
  const r2 = i32x4.splat(R2)
  for (let i: usize = 0; i < count; i += 4) v128.store(ptr + (i << 2), mulMontV(v128.load(ptr + (i << 2)), r2))
}

/**
 * x·2^(−32) mod p, canonical, for a lazy accumulator x < 2^63 + 2^31 (reduce63 output): `redc` alone
 * is canonical only below 2^32·p ≈ 2^62.9; above, its result is < 2p and one more subtraction fixes it.
 */
// @ts-ignore: decorator
@inline export function redcWide(x: u64): u32 {
  const r = redc(x)
  return r >= P ? r - P : r
}

/** Montgomery ext4 (v128) → canonical (redc per lane: x·R^(−1)). */
// @ts-ignore: decorator
@inline export function fromMontV(a: v128): v128 {
  return mulMontV(a, i32x4.splat(1))
}

const C63: u64 = 0x7fffffffa111110e

/**
 * a·b for Montgomery ext4 values in v128 lanes (result in Montgomery form): Σ_j a_j·B_j with B_j the
 * coefficient vectors of b (x^4 = 11 folded in), in lazy u64 lanes (4 products < 4p² < 2^64, then
 * reduced below 2^63 + 2^31), and one lane-wise Montgomery reduction.
 */
// @ts-ignore: decorator
@inline export function emulV(a: v128, b: v128): v128 {
  const w = mulMontV(b, i32x4.splat(ELEVEN_M))
  const b1 = v128.shuffle<i32>(w, b, 3, 4, 5, 6)
  const b2 = v128.shuffle<i32>(w, b, 2, 3, 4, 5)
  const b3 = v128.shuffle<i32>(w, b, 1, 2, 3, 4)
  const a0 = i32x4.splat(i32x4.extract_lane(a, 0)), a1 = i32x4.splat(i32x4.extract_lane(a, 1))
  const a2 = i32x4.splat(i32x4.extract_lane(a, 2)), a3 = i32x4.splat(i32x4.extract_lane(a, 3))
  let lo = i64x2.add(i64x2.extmul_low_i32x4_u(a0, b), i64x2.extmul_low_i32x4_u(a1, b1))
  lo = i64x2.add(lo, i64x2.add(i64x2.extmul_low_i32x4_u(a2, b2), i64x2.extmul_low_i32x4_u(a3, b3)))
  let hi = i64x2.add(i64x2.extmul_high_i32x4_u(a0, b), i64x2.extmul_high_i32x4_u(a1, b1))
  hi = i64x2.add(hi, i64x2.add(i64x2.extmul_high_i32x4_u(a2, b2), i64x2.extmul_high_i32x4_u(a3, b3)))
  const c63 = i64x2.splat(C63)
  lo = i64x2.sub(lo, v128.and(i64x2.shr_s(lo, 63), c63))
  hi = i64x2.sub(hi, v128.and(i64x2.shr_s(hi, 63), c63))
  // Montgomery reduction of x < 2^63 + 2^31: (x + m·p)/2^32 < 2^31 + p < 3p, two conditional subtractions.
  const pv = i32x4.splat(P)
  const m = i32x4.mul(v128.shuffle<i32>(lo, hi, 0, 2, 4, 6), i32x4.splat(NEG_PINV))
  const rl = i64x2.add(lo, i64x2.extmul_low_i32x4_u(m, pv))
  const rh = i64x2.add(hi, i64x2.extmul_high_i32x4_u(m, pv))
  let r = v128.shuffle<i32>(rl, rh, 1, 3, 5, 7)
  r = i32x4.min_u(r, i32x4.sub(r, pv))
  return i32x4.min_u(r, i32x4.sub(r, pv))
}

/** a·b for canonical ext4 values in v128 lanes (canonical result): emulV with b converted to Montgomery form. */
// @ts-ignore: decorator
@inline export function emulC(a: v128, b: v128): v128 {
  return emulV(a, mulMontV(b, i32x4.splat(R2)))
}

/** s·a for a Montgomery base element s and Montgomery ext4 a. */
// @ts-ignore: decorator
@inline export function escaleV(s: u32, a: v128): v128 {
  return mulMontV(i32x4.splat(s), a)
}

/** a^(−1) for a Montgomery ext4 at `a` (Montgomery result at `out`, may alias); false if a = 0. */
export function einv(a: usize, out: usize): bool {
  v128.store(T, fromMontV(v128.load(a)))
  if (!extInv(T, T)) return false
  const r = v128.load(T)
  v128.store(out, mulMontV(r, i32x4.splat(R2)))
  return true
}

/** s^(−1) for a Montgomery base element s ≠ 0 (Montgomery result; 0 for 0). */
export function invM(s: u32): u32 {
  return toMont(inv(redc(<u64>s)))
}

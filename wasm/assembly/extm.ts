// F_p^4 = F_p[x]/(x^4 − 11) with every coordinate in Montgomery form (aR mod p, canonical): the
// working representation of the zkVM and evaluateAt kernels. Add/sub are coordinate-wise and
// representation-independent; products are `redc` of products of Montgomery values. Ext values live in
// 16-byte slots (c0..c3) or in v128 lanes 0..3.
import { add, inv, mulMont, mulMontV, P, redc, toMont } from './babybear'
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

/** a·b for Montgomery ext4 values in v128 lanes (result in Montgomery form). */
// @ts-ignore: decorator
@inline export function emulV(a: v128, b: v128): v128 {
  const a0 = <u64>i32x4.extract_lane(a, 0), a1 = <u64>i32x4.extract_lane(a, 1)
  const a2 = <u64>i32x4.extract_lane(a, 2), a3 = <u64>i32x4.extract_lane(a, 3)
  const b0u = i32x4.extract_lane(b, 0), b1u = i32x4.extract_lane(b, 1)
  const b2u = i32x4.extract_lane(b, 2), b3u = i32x4.extract_lane(b, 3)
  const b0 = <u64>b0u, b1 = <u64>b1u, b2 = <u64>b2u, b3 = <u64>b3u
  const w1 = <u64>mulMont(b1u, ELEVEN_M), w2 = <u64>mulMont(b2u, ELEVEN_M), w3 = <u64>mulMont(b3u, ELEVEN_M)
  let r = i32x4.splat(add(redc(a0 * b0 + a1 * w3), redc(a2 * w2 + a3 * w1)))
  r = i32x4.replace_lane(r, 1, add(redc(a0 * b1 + a1 * b0), redc(a2 * w3 + a3 * w2)))
  r = i32x4.replace_lane(r, 2, add(redc(a0 * b2 + a1 * b1), redc(a2 * b0 + a3 * w3)))
  return i32x4.replace_lane(r, 3, add(redc(a0 * b3 + a1 * b2), redc(a2 * b1 + a3 * b0)))
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

// F_p^4 = F_p[x]/(x^4 − 11) (src/prover/field/ext4.ts). An element lives in memory as four canonical
// u32 coefficients c0..c3 (16 bytes, little-endian each), meaning c0 + c1·x + c2·x² + c3·x³.
import { add, inv, mul, mulMont, neg, redc, sub, toMont } from './babybear'

/** 11·R² mod p: redc(b·R2W) = 11·b·R, the Montgomery form of 11·b. */
const R2W: u32 = <u32>((<u64>1172168163 * 11) % 2013265921)

// @ts-ignore: decorator
@inline function ld(p: usize, i: usize): u32 {
  return load<u32>(p + (i << 2))
}

/** out = a·b (all three are 16-byte ext4 slots; out may alias a or b). */
export function extMul(a: usize, b: usize, out: usize): void {
  const a0 = <u64>ld(a, 0), a1 = <u64>ld(a, 1), a2 = <u64>ld(a, 2), a3 = <u64>ld(a, 3)
  // b in Montgomery form, and 11·b for the reduced terms (x^4 = 11).
  const b0 = <u64>toMont(ld(b, 0)), b1 = <u64>toMont(ld(b, 1)), b2 = <u64>toMont(ld(b, 2)), b3 = <u64>toMont(ld(b, 3))
  const w1 = <u64>redc(<u64>ld(b, 1) * R2W), w2 = <u64>redc(<u64>ld(b, 2) * R2W), w3 = <u64>redc(<u64>ld(b, 3) * R2W)
  const c0 = add(redc(a0 * b0 + a1 * w3), redc(a2 * w2 + a3 * w1))
  const c1 = add(redc(a0 * b1 + a1 * b0), redc(a2 * w3 + a3 * w2))
  const c2 = add(redc(a0 * b2 + a1 * b1), redc(a2 * b0 + a3 * w3))
  const c3 = add(redc(a0 * b3 + a1 * b2), redc(a2 * b1 + a3 * b0))
  store<u32>(out, c0, 0)
  store<u32>(out, c1, 4)
  store<u32>(out, c2, 8)
  store<u32>(out, c3, 12)
}

/** out = a − b. */
export function extSub(a: usize, b: usize, out: usize): void {
  for (let i: usize = 0; i < 4; i++) store<u32>(out + (i << 2), sub(ld(a, i), ld(b, i)))
}

/** out = a + b. */
export function extAdd(a: usize, b: usize, out: usize): void {
  for (let i: usize = 0; i < 4; i++) store<u32>(out + (i << 2), add(ld(a, i), ld(b, i)))
}

/** out = a^(−1) (a(−x)·(c0 − c2·x²)/N(a), as ext4.ts); returns false, writing nothing, if a = 0. */
export function extInv(a: usize, out: usize): bool {
  const a0 = ld(a, 0), a1 = ld(a, 1), a2 = ld(a, 2), a3 = ld(a, 3)
  // a(x)·a(−x) = c0 + c2·x², c0 = a0² + 11a2² − 22a1a3, c2 = 2a0a2 − a1² − 11a3².
  const c0 = sub(add(mul(a0, a0), mul(11, mul(a2, a2))), mul(22, mul(a1, a3)))
  const c2 = sub(mul(2, mul(a0, a2)), add(mul(a1, a1), mul(11, mul(a3, a3))))
  const n = sub(mul(c0, c0), mul(11, mul(c2, c2)))
  if (n == 0) return false
  const nInvM = toMont(inv(n))
  // conj = a(−x) = (a0, −a1, a2, −a3); conj·(c0 − c2·x²), then scaled by N^(−1).
  const b0 = a0, b1 = neg(a1), b2 = a2, b3 = neg(a3)
  const d0 = c0, d2 = neg(c2)
  const e0 = add(mul(b0, d0), mul(11, mul(b2, d2)))
  const e1 = add(mul(b1, d0), mul(11, mul(b3, d2)))
  const e2 = add(mul(b2, d0), mul(b0, d2))
  const e3 = add(mul(b3, d0), mul(b1, d2))
  store<u32>(out, mulMont(e0, nInvM), 0)
  store<u32>(out, mulMont(e1, nInvM), 4)
  store<u32>(out, mulMont(e2, nInvM), 8)
  store<u32>(out, mulMont(e3, nInvM), 12)
  return true
}

// BabyBear, p = 15·2^27 + 1 = 2013265921 (the field of src/prover/field/babybear.ts). Values crossing
// the ABI are canonical u32 (in [0, p)). Products use Montgomery reduction with R = 2^32 internally:
// `mulMont(a, toMont(b))` = a·b mod p, canonical, for canonical a and b. A value "in Montgomery form"
// is b·R mod p; keeping constant factors (twiddles, challenges) in that form costs one reduction per product.

export const P: u32 = 2013265921
const P64: u64 = 2013265921
/** −p^(−1) mod 2^32. */
export const NEG_PINV: u32 = 2013265919
/** R^2 mod p = 2^64 mod p. */
const R2: u32 = 1172168163
/** The multiplicative generator of F_p^* (and the LDE / FRI coset shift). */
export const GENERATOR: u32 = 31
export const TWO_ADICITY: i32 = 27

/**
 * Montgomery reduction: x·2^(−32) mod p, canonical, for any x < 2^64 − 2^32·p (≈ 2.4·p^2, so a sum of
 * two products of canonical values is fine).
 */
// @ts-ignore: decorator
@inline export function redc(x: u64): u32 {
  const m = <u32>x * NEG_PINV
  const r = <u32>((x + <u64>m * P64) >> 32)
  return r >= P ? r - P : r
}

// @ts-ignore: decorator
@inline export function add(a: u32, b: u32): u32 {
  const s = a + b
  return s >= P ? s - P : s
}

// @ts-ignore: decorator
@inline export function sub(a: u32, b: u32): u32 {
  return a >= b ? a - b : a + P - b
}

// @ts-ignore: decorator
@inline export function neg(a: u32): u32 {
  return a == 0 ? 0 : P - a
}

/** a·b mod p for canonical a and b given in Montgomery form (b·R). */
// @ts-ignore: decorator
@inline export function mulMont(a: u32, bMont: u32): u32 {
  return redc(<u64>a * <u64>bMont)
}

/** a·R mod p (Montgomery form of a canonical a). */
// @ts-ignore: decorator
@inline export function toMont(a: u32): u32 {
  return redc(<u64>a * <u64>R2)
}

/** a·b mod p, both canonical. */
// @ts-ignore: decorator
@inline export function mul(a: u32, b: u32): u32 {
  return mulMont(a, toMont(b))
}

/** a^e mod p (canonical a). */
export function pow(a: u32, e: u64): u32 {
  let r: u32 = 1
  let b = toMont(a)
  while (e != 0) {
    if (e & 1) r = mulMont(r, b)
    b = mulMont(b, b) // (bR)·(bR)/R = b²R: stays in Montgomery form
    e >>= 1
  }
  return r
}

/** a^(−1) mod p by Fermat; 0 for a = 0 (callers check). */
export function inv(a: u32): u32 {
  return pow(a, <u64>(P - 2))
}

/** GENERATOR^((p−1)/2^logN), a primitive 2^logN-th root of unity (logN ≤ 27). */
export function rootOfUnity(logN: i32): u32 {
  return pow(GENERATOR, <u64>((P - 1) >> <u32>logN))
}

// Four lanes at once (i32x4 of canonical values); same results as the scalar functions lane by lane.
// @ts-ignore: decorator
@inline export function addV(a: v128, b: v128): v128 {
  const s = i32x4.add(a, b)
  return i32x4.min_u(s, i32x4.sub(s, i32x4.splat(P))) // s < p: s − p wraps above s
}

// @ts-ignore: decorator
@inline export function subV(a: v128, b: v128): v128 {
  const d = i32x4.sub(a, b)
  return i32x4.min_u(d, i32x4.add(d, i32x4.splat(P))) // a ≥ b: d < d + p; a < b: d wraps, d + p = a − b + p
}

/** Lane-wise mulMont: a·b for canonical a and b in Montgomery form. */
// @ts-ignore: decorator
@inline export function mulMontV(a: v128, bMont: v128): v128 {
  const m = i32x4.mul(i32x4.mul(a, bMont), i32x4.splat(NEG_PINV))
  const pv = i32x4.splat(P)
  const lo = i64x2.add(i64x2.extmul_low_i32x4_u(a, bMont), i64x2.extmul_low_i32x4_u(m, pv))
  const hi = i64x2.add(i64x2.extmul_high_i32x4_u(a, bMont), i64x2.extmul_high_i32x4_u(m, pv))
  const r = v128.shuffle<i32>(lo, hi, 1, 3, 5, 7) // high halves: (x + m·p)/2^32 < 2p
  return i32x4.min_u(r, i32x4.sub(r, pv))
}

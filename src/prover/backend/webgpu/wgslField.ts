import { mul, P } from '../../field/babybear.ts'

/** 2^32 mod p: x·R mod p is x in Montgomery form (R = 2^32). */
const R_MOD_P = 2 ** 32 - 2 * P

/** x·2^32 mod p (Montgomery form of a canonical x), the form every constant and twiddle is uploaded in. */
export function toMont(x: number): number {
  return mul(x, R_MOD_P)
}

/** −p^(−1) mod 2^32 (Newton iteration on the 2-adic inverse). */
function negPInv(): number {
  let inv = P
  for (let i = 0; i < 5; i++) inv = Math.imul(inv, 2 - Math.imul(P, inv)) >>> 0
  return (2 ** 32 - inv) >>> 0
}

/**
 * WGSL BabyBear arithmetic on u32 (WGSL has no u64): `mul64` is the 64-bit product from 16-bit limbs,
 * `mont(a, b)` = a·b·2^(−32) mod p (Montgomery reduction, canonical output). With b = c·2^32 mod p
 * (see {@link toMont}) `mont(a, b)` = a·c mod p, so values stay canonical and only constants are in
 * Montgomery form. Ext4 elements are vec4<u32> of canonical coefficients, X^4 = 11.
 */
export const WGSL_FIELD = /* wgsl */ `
const P: u32 = ${P}u;
const NEG_P_INV: u32 = ${negPInv()}u;
const W_MONT: u32 = ${toMont(11)}u;

fn mul64(a: u32, b: u32) -> vec2<u32> {
  let a0 = a & 0xffffu; let a1 = a >> 16u;
  let b0 = b & 0xffffu; let b1 = b >> 16u;
  let p00 = a0 * b0; let p01 = a0 * b1; let p10 = a1 * b0; let p11 = a1 * b1;
  let mid = p01 + p10;
  let midCarry = select(0u, 0x10000u, mid < p01);
  let lo = p00 + (mid << 16u);
  let loCarry = select(0u, 1u, lo < p00);
  let hi = p11 + (mid >> 16u) + midCarry + loCarry;
  return vec2<u32>(lo, hi);
}

fn mont(a: u32, b: u32) -> u32 {
  let t = mul64(a, b);
  let m = t.x * NEG_P_INV;
  let mp = mul64(m, P);
  let carry = select(0u, 1u, t.x != 0u);
  var r = t.y + mp.y + carry;
  if (r >= P) { r = r - P; }
  return r;
}

fn fadd(a: u32, b: u32) -> u32 {
  let s = a + b;
  return select(s, s - P, s >= P);
}

fn fsub(a: u32, b: u32) -> u32 {
  return select(a - b, a + P - b, a < b);
}

fn eadd(a: vec4<u32>, b: vec4<u32>) -> vec4<u32> {
  return vec4<u32>(fadd(a.x, b.x), fadd(a.y, b.y), fadd(a.z, b.z), fadd(a.w, b.w));
}

fn esub(a: vec4<u32>, b: vec4<u32>) -> vec4<u32> {
  return vec4<u32>(fsub(a.x, b.x), fsub(a.y, b.y), fsub(a.z, b.z), fsub(a.w, b.w));
}

// a · s for a base constant s given in Montgomery form.
fn emulBaseM(a: vec4<u32>, sM: u32) -> vec4<u32> {
  return vec4<u32>(mont(a.x, sM), mont(a.y, sM), mont(a.z, sM), mont(a.w, sM));
}

// a · b in F_p[X]/(X^4 − 11), b given in Montgomery form (each coefficient).
fn emulM(a: vec4<u32>, bM: vec4<u32>) -> vec4<u32> {
  let c0 = mont(a.x, bM.x);
  let c1 = fadd(mont(a.x, bM.y), mont(a.y, bM.x));
  let c2 = fadd(fadd(mont(a.x, bM.z), mont(a.y, bM.y)), mont(a.z, bM.x));
  let c3 = fadd(fadd(mont(a.x, bM.w), mont(a.y, bM.z)), fadd(mont(a.z, bM.y), mont(a.w, bM.x)));
  let c4 = fadd(fadd(mont(a.y, bM.w), mont(a.z, bM.z)), mont(a.w, bM.y));
  let c5 = fadd(mont(a.z, bM.w), mont(a.w, bM.z));
  let c6 = mont(a.w, bM.w);
  return vec4<u32>(fadd(c0, mont(c4, W_MONT)), fadd(c1, mont(c5, W_MONT)), fadd(c2, mont(c6, W_MONT)), c3);
}

// The linear id of this invocation in a (x, y) grid of 64-wide workgroups.
fn linearId(gid: vec3<u32>, nwg: vec3<u32>) -> u32 {
  return gid.y * nwg.x * 64u + gid.x;
}
`

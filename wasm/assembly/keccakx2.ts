// Two Keccak-f[1600] states in lock-step (needs --enable simd; the prover module only): lane k of the
// pair is one v128 holding lane k of state A in its low i64 and lane k of state B in its high i64, so
// every θ/ρ/π/χ/ι step is one i64x2 operation for both states (rotations: shl | shr_u, or one byte
// shuffle for the rotations by 8 and 56; χ: v128.andnot). Same round as keccak.ts (θ folded into ρ/π),
// but the state stays in linear memory: a round reads 25 lanes at `s` and writes the next state plane by
// plane (5 lanes) at `t`, alternating between two buffers. Holding 25 v128 in locals made V8 spill about
// 100 vectors per round (x64 has 16 xmm registers); this way only ~15 are live and the round is bound by
// its ~185 SIMD ALU operations (about 1.8× the scalar keccak.ts per hash on x64 with AVX).
// Also Keccak-256 (Ethereum padding 0x01 … 0x80, rate 136) of two equal-length byte strings.

const RC2: StaticArray<u64> = [
  0x0000000000000001, 0x0000000000000001, 0x0000000000008082, 0x0000000000008082, 0x800000000000808a, 0x800000000000808a,
  0x8000000080008000, 0x8000000080008000, 0x000000000000808b, 0x000000000000808b, 0x0000000080000001, 0x0000000080000001,
  0x8000000080008081, 0x8000000080008081, 0x8000000000008009, 0x8000000000008009, 0x000000000000008a, 0x000000000000008a,
  0x0000000000000088, 0x0000000000000088, 0x0000000080008009, 0x0000000080008009, 0x000000008000000a, 0x000000008000000a,
  0x000000008000808b, 0x000000008000808b, 0x800000000000008b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008089,
  0x8000000000008003, 0x8000000000008003, 0x8000000000008002, 0x8000000000008002, 0x8000000000000080, 0x8000000000000080,
  0x000000000000800a, 0x000000000000800a, 0x800000008000000a, 0x800000008000000a, 0x8000000080008081, 0x8000000080008081,
  0x8000000000008080, 0x8000000000008080, 0x0000000080000001, 0x0000000080000001, 0x8000000080008008, 0x8000000080008008,
]

/** The pair of states (25 lanes × 16 bytes) and the pair of tail blocks, in static data. */
export const ST2: usize = memory.data(25 * 16, 16)
const TAIL_A: usize = memory.data(136, 8)
const TAIL_B: usize = memory.data(136, 8)
const RATE: u32 = 136

// @ts-ignore: decorator
@inline function rotl2(x: v128, n: i32): v128 {
  return v128.or(i64x2.shl(x, n), i64x2.shr_u(x, 64 - n))
}
// @ts-ignore: decorator
@inline function rotl8(x: v128): v128 {
  return i8x16.shuffle(x, x, 7, 0, 1, 2, 3, 4, 5, 6, 15, 8, 9, 10, 11, 12, 13, 14)
}
// @ts-ignore: decorator
@inline function rotl56(x: v128): v128 {
  return i8x16.shuffle(x, x, 1, 2, 3, 4, 5, 6, 7, 0, 9, 10, 11, 12, 13, 14, 15, 8)
}
// @ts-ignore: decorator
@inline function chi(x: v128, y: v128, z: v128): v128 {
  return v128.xor(x, v128.andnot(z, y)) // x ^ (~y & z)
}

/** One round from the state at `s` to the state at `t` (no overlap): θ, ρ, π, χ plane by plane, ι. */
// @ts-ignore: decorator
@inline function round2(s: usize, t: usize, rc: v128): void {
  const c0 = v128.xor(v128.xor(v128.xor(v128.load(s, 0), v128.load(s, 80)), v128.xor(v128.load(s, 160), v128.load(s, 240))), v128.load(s, 320))
  const c1 = v128.xor(v128.xor(v128.xor(v128.load(s, 16), v128.load(s, 96)), v128.xor(v128.load(s, 176), v128.load(s, 256))), v128.load(s, 336))
  const c2 = v128.xor(v128.xor(v128.xor(v128.load(s, 32), v128.load(s, 112)), v128.xor(v128.load(s, 192), v128.load(s, 272))), v128.load(s, 352))
  const c3 = v128.xor(v128.xor(v128.xor(v128.load(s, 48), v128.load(s, 128)), v128.xor(v128.load(s, 208), v128.load(s, 288))), v128.load(s, 368))
  const c4 = v128.xor(v128.xor(v128.xor(v128.load(s, 64), v128.load(s, 144)), v128.xor(v128.load(s, 224), v128.load(s, 304))), v128.load(s, 384))
  const d0 = v128.xor(c4, rotl2(c1, 1))
  const d1 = v128.xor(c0, rotl2(c2, 1))
  const d2 = v128.xor(c1, rotl2(c3, 1))
  const d3 = v128.xor(c2, rotl2(c4, 1))
  const d4 = v128.xor(c3, rotl2(c0, 1))
  {
    const b0 = v128.xor(v128.load(s, 0), d0)
    const b1 = rotl2(v128.xor(v128.load(s, 96), d1), 44)
    const b2 = rotl2(v128.xor(v128.load(s, 192), d2), 43)
    const b3 = rotl2(v128.xor(v128.load(s, 288), d3), 21)
    const b4 = rotl2(v128.xor(v128.load(s, 384), d4), 14)
    v128.store(t, v128.xor(chi(b0, b1, b2), rc), 0)
    v128.store(t, chi(b1, b2, b3), 16)
    v128.store(t, chi(b2, b3, b4), 32)
    v128.store(t, chi(b3, b4, b0), 48)
    v128.store(t, chi(b4, b0, b1), 64)
  }
  {
    const b0 = rotl2(v128.xor(v128.load(s, 48), d3), 28)
    const b1 = rotl2(v128.xor(v128.load(s, 144), d4), 20)
    const b2 = rotl2(v128.xor(v128.load(s, 160), d0), 3)
    const b3 = rotl2(v128.xor(v128.load(s, 256), d1), 45)
    const b4 = rotl2(v128.xor(v128.load(s, 352), d2), 61)
    v128.store(t, chi(b0, b1, b2), 80)
    v128.store(t, chi(b1, b2, b3), 96)
    v128.store(t, chi(b2, b3, b4), 112)
    v128.store(t, chi(b3, b4, b0), 128)
    v128.store(t, chi(b4, b0, b1), 144)
  }
  {
    const b0 = rotl2(v128.xor(v128.load(s, 16), d1), 1)
    const b1 = rotl2(v128.xor(v128.load(s, 112), d2), 6)
    const b2 = rotl2(v128.xor(v128.load(s, 208), d3), 25)
    const b3 = rotl8(v128.xor(v128.load(s, 304), d4))
    const b4 = rotl2(v128.xor(v128.load(s, 320), d0), 18)
    v128.store(t, chi(b0, b1, b2), 160)
    v128.store(t, chi(b1, b2, b3), 176)
    v128.store(t, chi(b2, b3, b4), 192)
    v128.store(t, chi(b3, b4, b0), 208)
    v128.store(t, chi(b4, b0, b1), 224)
  }
  {
    const b0 = rotl2(v128.xor(v128.load(s, 64), d4), 27)
    const b1 = rotl2(v128.xor(v128.load(s, 80), d0), 36)
    const b2 = rotl2(v128.xor(v128.load(s, 176), d1), 10)
    const b3 = rotl2(v128.xor(v128.load(s, 272), d2), 15)
    const b4 = rotl56(v128.xor(v128.load(s, 368), d3))
    v128.store(t, chi(b0, b1, b2), 240)
    v128.store(t, chi(b1, b2, b3), 256)
    v128.store(t, chi(b2, b3, b4), 272)
    v128.store(t, chi(b3, b4, b0), 288)
    v128.store(t, chi(b4, b0, b1), 304)
  }
  {
    const b0 = rotl2(v128.xor(v128.load(s, 32), d2), 62)
    const b1 = rotl2(v128.xor(v128.load(s, 128), d3), 55)
    const b2 = rotl2(v128.xor(v128.load(s, 224), d4), 39)
    const b3 = rotl2(v128.xor(v128.load(s, 240), d0), 41)
    const b4 = rotl2(v128.xor(v128.load(s, 336), d1), 2)
    v128.store(t, chi(b0, b1, b2), 320)
    v128.store(t, chi(b1, b2, b3), 336)
    v128.store(t, chi(b2, b3, b4), 352)
    v128.store(t, chi(b3, b4, b0), 368)
    v128.store(t, chi(b4, b0, b1), 384)
  }
}

const TMP2: usize = memory.data(25 * 16, 16)

/** Keccak-f[1600] on both states of the pair at `st` (25 v128 lanes), in place (through TMP2). */
export function keccakF2(st: usize): void {
  const rc = changetype<usize>(RC2)
  for (let r: usize = 0; r < 24; r += 2) {
    round2(st, TMP2, v128.load(rc + (r << 4)))
    round2(TMP2, st, v128.load(rc + (r << 4), 16))
  }
}

/** Zeroes the pair of states. */
// @ts-ignore: decorator
@inline export function clear2(): void {
  const z = i64x2.splat(0)
  for (let k: usize = 0; k < 25; k++) v128.store(ST2 + (k << 4), z)
}

/** Writes the two 32-byte digests (lanes 0..3 of state A, then of state B) to `outA` and `outB`. */
// @ts-ignore: decorator
@inline export function squeeze2(outA: usize, outB: usize): void {
  const l0 = v128.load(ST2, 0), l1 = v128.load(ST2, 16), l2 = v128.load(ST2, 32), l3 = v128.load(ST2, 48)
  v128.store(outA, i64x2.shuffle(l0, l1, 0, 2), 0)
  v128.store(outA, i64x2.shuffle(l2, l3, 0, 2), 16)
  v128.store(outB, i64x2.shuffle(l0, l1, 1, 3), 0)
  v128.store(outB, i64x2.shuffle(l2, l3, 1, 3), 16)
}

/** XORs 17 lanes of A's block at `a` and B's at `b` into the pair of states and permutes. */
// @ts-ignore: decorator
@inline function absorb2(a: usize, b: usize): void {
  for (let k: usize = 0; k < 17; k++) {
    const p = ST2 + (k << 4)
    v128.store(p, v128.xor(v128.load(p), i64x2.replace_lane(v128.load64_zero(a + (k << 3)), 1, load<u64>(b + (k << 3)))))
  }
  keccakF2(ST2)
}

/**
 * Keccak-256 of `len` bytes at `a` and of `len` bytes at `b`, in lock-step; 32 bytes each at `outA` and
 * `outB` (outputs may overlap the inputs).
 */
export function keccak256x2(a: usize, b: usize, len: u32, outA: usize, outB: usize): void {
  clear2()
  let off: u32 = 0
  for (; off + RATE <= len; off += RATE) absorb2(a + off, b + off)
  const rest = len - off
  memory.fill(TAIL_A, 0, RATE)
  memory.fill(TAIL_B, 0, RATE)
  memory.copy(TAIL_A, a + off, rest)
  memory.copy(TAIL_B, b + off, rest)
  store<u8>(TAIL_A + rest, 0x01)
  store<u8>(TAIL_B + rest, 0x01)
  store<u8>(TAIL_A + RATE - 1, load<u8>(TAIL_A + RATE - 1) | 0x80)
  store<u8>(TAIL_B + RATE - 1, load<u8>(TAIL_B + RATE - 1) | 0x80)
  absorb2(TAIL_A, TAIL_B)
  squeeze2(outA, outB)
}

/**
 * Keccak-256 of two 64-byte inputs (Merkle nodes: left ‖ right) at `a` and `b`; 32 bytes each at `outA`
 * and `outB` (the outputs must not overlap the other input).
 */
export function keccak64x2(a: usize, b: usize, outA: usize, outB: usize): void {
  for (let k: usize = 0; k < 8; k += 2) {
    const x = v128.load(a + (k << 3))
    const y = v128.load(b + (k << 3))
    v128.store(ST2 + (k << 4), i64x2.shuffle(x, y, 0, 2))
    v128.store(ST2 + (k << 4), i64x2.shuffle(x, y, 1, 3), 16)
  }
  v128.store(ST2, i64x2.splat(0x01), 8 << 4)
  const z = i64x2.splat(0)
  for (let k: usize = 9; k < 25; k++) v128.store(ST2 + (k << 4), z)
  v128.store(ST2, i64x2.splat(0x8000000000000000), 16 << 4)
  keccakF2(ST2)
  squeeze2(outA, outB)
}

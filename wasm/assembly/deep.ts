// The DEEP quotient (src/prover/backend/types.ts `deepQuotient`) over a block of consecutive rows of
// the LDE coset 31·⟨ω_N⟩, with one batch inversion per block for (x − z) and one for (x − gz).
import { GENERATOR, mul, mulMont, P, pow, redc, rootOfUnity, sub, toMont } from './babybear'
import { extInv, extSub } from './ext4'
import { emulC } from './extm'

/** The multiple of p just below 2^63: subtracting it keeps a lazy u64 accumulator below 2^63. */
const C63: u64 = 0x7fffffffa111110e
// Static ext4 slots.
const ACC: usize = memory.data(16)
const AINV: usize = memory.data(16)
const D: usize = memory.data(16)
const T0: usize = memory.data(16)
const T1: usize = memory.data(16)

/** Lanes ≥ 2^63 minus C63 (keeps a lazy accumulator below 2^63). */
// @ts-ignore: decorator
@inline function reduce63(acc: v128, c63: v128): v128 {
  return i64x2.sub(acc, v128.and(i64x2.shr_s(acc, 63), c63))
}

/** In place: `count` canonical u32 at ptr → Montgomery form (·2^32 mod p). */
export function toMontgomery(ptr: usize, count: u32): void {
  for (let i: usize = 0; i < <usize>count; i++) store<u32>(ptr + (i << 2), toMont(load<u32>(ptr + (i << 2))))
}

// @ts-ignore: decorator
@inline function setDiff(x: u32, z: usize): void {
  store<u32>(D, sub(x, load<u32>(z, 0)), 0)
  store<u32>(D, sub(0, load<u32>(z, 4)), 4)
  store<u32>(D, sub(0, load<u32>(z, 8)), 8)
  store<u32>(D, sub(0, load<u32>(z, 12)), 12)
}

/** dst[i] = (xs[i] − z)^(−1) for i < rows (16 bytes each); false if some x_i = z. */
function batchInvDiff(xs: usize, rows: u32, z: usize, dst: usize): bool {
  store<u64>(ACC, 1, 0)
  store<u64>(ACC, 0, 8)
  for (let i: usize = 0; i < <usize>rows; i++) {
    memory.copy(dst + (i << 4), ACC, 16)
    setDiff(load<u32>(xs + (i << 2)), z)
    v128.store(ACC, emulC(v128.load(ACC), v128.load(D)))
  }
  if (!extInv(ACC, AINV)) return false
  for (let i = <isize>rows - 1; i >= 0; i--) {
    const p = dst + (<usize>i << 4)
    v128.store(p, emulC(v128.load(AINV), v128.load(p)))
    setDiff(load<u32>(xs + (<usize>i << 2)), z)
    v128.store(AINV, emulC(v128.load(AINV), v128.load(D)))
  }
  return true
}

/**
 * Rows [start, start + rows) of the coset 31·⟨ω_N⟩, N = 2^logN. Column c of the block is `rows` u32
 * at cols + 4·stride·c (c < width). `params` (u32): z[4], gz[4], constZ[4] = Σ γz_c·vz_c,
 * constG[4] = Σ γg_c·vg_c, then γz (4·width) and γg (4·nextCount) in Montgomery form (toMontgomery).
 * `scratch` holds ≥ 36·rows bytes. Writes 16·rows bytes (ext4 per row) at `out`:
 *   out_i = (Σ_c γz_c·col_c[i] − constZ)/(x_i − z) + (Σ_{c<nextCount} γg_c·col_c[i] − constG)/(x_i − gz).
 * Returns 0, or −1 if some x_i equals z or gz (nothing meaningful written).
 */
export function deepChunk(
  cols: usize, rows: u32, width: u32, stride: u32, nextCount: u32, params: usize, start: u32, logN: i32, out: usize, scratch: usize,
): i32 {
  const xs = scratch
  const invZ = xs + (<usize>rows << 2)
  const invG = invZ + (<usize>rows << 4)
  const wM = toMont(rootOfUnity(logN))
  let x = mul(GENERATOR, pow(rootOfUnity(logN), <u64>start))
  for (let i: usize = 0; i < <usize>rows; i++) {
    store<u32>(xs + (i << 2), x)
    x = mulMont(x, wM)
  }
  if (!batchInvDiff(xs, rows, params, invZ)) return -1
  if (!batchInvDiff(xs, rows, params + 16, invG)) return -1
  const gz = params + 64
  const gg = gz + (<usize>width << 4)
  const colBytes = <usize>stride << 2
  const c63 = i64x2.splat(C63)
  for (let i: usize = 0; i < <usize>rows; i++) {
    // Σ v·γR per coordinate in u64 lanes (coordinates 0,1 | 2,3), two columns between reductions:
    // two products < 2^62.9 added to an accumulator < 2^63 stay < 2^64; subtracting C63 when the top
    // bit is set restores < 2^63.
    let zLo = i64x2.splat(0), zHi = i64x2.splat(0), gLo = i64x2.splat(0), gHi = i64x2.splat(0)
    let src = cols + (i << 2)
    let pz = gz, pg = gg
    let c: u32 = 0
    for (; c < nextCount; c++) {
      const v = v128.load32_splat(src)
      src += colBytes
      const vz = v128.load(pz), vg = v128.load(pg)
      pz += 16
      pg += 16
      zLo = reduce63(i64x2.add(zLo, i64x2.extmul_low_i32x4_u(v, vz)), c63)
      zHi = reduce63(i64x2.add(zHi, i64x2.extmul_high_i32x4_u(v, vz)), c63)
      gLo = reduce63(i64x2.add(gLo, i64x2.extmul_low_i32x4_u(v, vg)), c63)
      gHi = reduce63(i64x2.add(gHi, i64x2.extmul_high_i32x4_u(v, vg)), c63)
    }
    for (; c + 1 < width; c += 2) {
      const v = v128.load32_splat(src), w = v128.load32_splat(src + colBytes)
      src += colBytes << 1
      const vz = v128.load(pz), wz = v128.load(pz, 16)
      pz += 32
      zLo = reduce63(i64x2.add(zLo, i64x2.add(i64x2.extmul_low_i32x4_u(v, vz), i64x2.extmul_low_i32x4_u(w, wz))), c63)
      zHi = reduce63(i64x2.add(zHi, i64x2.add(i64x2.extmul_high_i32x4_u(v, vz), i64x2.extmul_high_i32x4_u(w, wz))), c63)
    }
    if (c < width) {
      const v = v128.load32_splat(src), vz = v128.load(pz)
      zLo = reduce63(i64x2.add(zLo, i64x2.extmul_low_i32x4_u(v, vz)), c63)
      zHi = reduce63(i64x2.add(zHi, i64x2.extmul_high_i32x4_u(v, vz)), c63)
    }
    // redc(Σ v·γR) = Σ v·γ (accumulators < 2^63 < 2^64 − 2^32·p).
    store<u32>(T0, redc(i64x2.extract_lane(zLo, 0)), 0)
    store<u32>(T0, redc(i64x2.extract_lane(zLo, 1)), 4)
    store<u32>(T0, redc(i64x2.extract_lane(zHi, 0)), 8)
    store<u32>(T0, redc(i64x2.extract_lane(zHi, 1)), 12)
    store<u32>(T1, redc(i64x2.extract_lane(gLo, 0)), 0)
    store<u32>(T1, redc(i64x2.extract_lane(gLo, 1)), 4)
    store<u32>(T1, redc(i64x2.extract_lane(gHi, 0)), 8)
    store<u32>(T1, redc(i64x2.extract_lane(gHi, 1)), 12)
    extSub(T0, params + 32, T0)
    extSub(T1, params + 48, T1)
    v128.store(T0, emulC(v128.load(T0), v128.load(invZ + (i << 4))))
    v128.store(T1, emulC(v128.load(T1), v128.load(invG + (i << 4))))
    const o = out + (i << 4)
    for (let k: usize = 0; k < 16; k += 4) {
      const s = load<u32>(T0 + k) + load<u32>(T1 + k)
      store<u32>(o + k, s >= P ? s - P : s)
    }
  }
  return 0
}

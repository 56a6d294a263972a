// The DEEP quotient (src/prover/backend/types.ts `deepQuotient`) over a block of consecutive rows of
// the LDE coset 31·⟨ω_N⟩, with one batch inversion per block for (x − z) and one for (x − gz).
import { GENERATOR, mul, mulMont, P, pow, redc, rootOfUnity, sub, toMont } from './babybear'
import { extInv, extMul, extSub } from './ext4'

/** The multiple of p just below 2^63: subtracting it keeps a lazy u64 accumulator below 2^63. */
const C63: u64 = 0x7fffffffa111110e
const TOP: u64 = 0x8000000000000000
// Static ext4 slots.
const ACC: usize = memory.data(16)
const AINV: usize = memory.data(16)
const D: usize = memory.data(16)
const T0: usize = memory.data(16)
const T1: usize = memory.data(16)

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
    extMul(ACC, D, ACC)
  }
  if (!extInv(ACC, AINV)) return false
  for (let i = <isize>rows - 1; i >= 0; i--) {
    const p = dst + (<usize>i << 4)
    extMul(AINV, p, p)
    setDiff(load<u32>(xs + (<usize>i << 2)), z)
    extMul(AINV, D, AINV)
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
  for (let i: usize = 0; i < <usize>rows; i++) {
    let a0: u64 = 0, a1: u64 = 0, a2: u64 = 0, a3: u64 = 0
    let g0: u64 = 0, g1: u64 = 0, g2: u64 = 0, g3: u64 = 0
    let src = cols + (i << 2)
    let c: u32 = 0
    for (; c < nextCount; c++) {
      const v = <u64>load<u32>(src)
      src += colBytes
      const pz = gz + (<usize>c << 4), pg = gg + (<usize>c << 4)
      a0 += v * <u64>load<u32>(pz, 0); a0 = a0 >= TOP ? a0 - C63 : a0
      a1 += v * <u64>load<u32>(pz, 4); a1 = a1 >= TOP ? a1 - C63 : a1
      a2 += v * <u64>load<u32>(pz, 8); a2 = a2 >= TOP ? a2 - C63 : a2
      a3 += v * <u64>load<u32>(pz, 12); a3 = a3 >= TOP ? a3 - C63 : a3
      g0 += v * <u64>load<u32>(pg, 0); g0 = g0 >= TOP ? g0 - C63 : g0
      g1 += v * <u64>load<u32>(pg, 4); g1 = g1 >= TOP ? g1 - C63 : g1
      g2 += v * <u64>load<u32>(pg, 8); g2 = g2 >= TOP ? g2 - C63 : g2
      g3 += v * <u64>load<u32>(pg, 12); g3 = g3 >= TOP ? g3 - C63 : g3
    }
    for (; c < width; c++) {
      const v = <u64>load<u32>(src)
      src += colBytes
      const pz = gz + (<usize>c << 4)
      a0 += v * <u64>load<u32>(pz, 0); a0 = a0 >= TOP ? a0 - C63 : a0
      a1 += v * <u64>load<u32>(pz, 4); a1 = a1 >= TOP ? a1 - C63 : a1
      a2 += v * <u64>load<u32>(pz, 8); a2 = a2 >= TOP ? a2 - C63 : a2
      a3 += v * <u64>load<u32>(pz, 12); a3 = a3 >= TOP ? a3 - C63 : a3
    }
    // redc(Σ v·γR) = Σ v·γ (accumulators < 2^63 < 2^64 − 2^32·p).
    store<u32>(T0, redc(a0), 0); store<u32>(T0, redc(a1), 4); store<u32>(T0, redc(a2), 8); store<u32>(T0, redc(a3), 12)
    store<u32>(T1, redc(g0), 0); store<u32>(T1, redc(g1), 4); store<u32>(T1, redc(g2), 8); store<u32>(T1, redc(g3), 12)
    extSub(T0, params + 32, T0)
    extSub(T1, params + 48, T1)
    extMul(T0, invZ + (i << 4), T0)
    extMul(T1, invG + (i << 4), T1)
    const o = out + (i << 4)
    for (let k: usize = 0; k < 16; k += 4) {
      const s = load<u32>(T0 + k) + load<u32>(T1 + k)
      store<u32>(o + k, s >= P ? s - P : s)
    }
  }
  return 0
}

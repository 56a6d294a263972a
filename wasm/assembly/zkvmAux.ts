// The zkVM aux trace on a block of trace rows (src/prover/zkvm/lookups.ts `lookupAuxTrace`): per row
// the 7 helpers h_e = m_X/(γ − X) + m_Y/(γ − Y) and the running sum, with one batch inversion of the
// block's 14·rows denominators.
import { einv, emulV, escaleV, fromMontV, ONE_M, toMontBlock } from './extm'
import { gather, HELPERS, lookupDenominators, MAIN_WIDTH, multiplicity, ROW } from './zkvmRow'

const LOOKUPS: usize = 2 * HELPERS
const SLOT: usize = memory.data(16, 16)

// @ts-ignore: decorator
@inline function eaddV(a: v128, b: v128): v128 {
  const s = i32x4.add(a, b)
  return i32x4.min_u(s, i32x4.sub(s, i32x4.splat(2013265921)))
}

/**
 * Trace rows [s, s + rows): block column c < 83 is `rows` canonical u32 at cols + 4·stride·c (16-byte
 * aligned, stride a multiple of 4; converted to Montgomery form in place). `params`: γ, β^1..β^6 (7
 * canonical ext4, 112 bytes; converted in place). `acc`: the running sum before row s (canonical
 * ext4), updated to the sum through row s + rows − 1. `scratch`: ≥ 448·rows bytes. Writes 32
 * coordinate runs of `rows` canonical u32 at out + 4·rows·k (k = 4e + j: coordinate j of helper e,
 * e = 7 the running sum). Returns 0, or −1 if some γ − X is 0 (nothing meaningful written).
 */
export function zkvmAuxBlock(cols: usize, rows: u32, stride: u32, params: usize, acc: usize, out: usize, scratch: usize): i32 {
  toMontBlock(cols, <usize>stride * <usize>MAIN_WIDTH)
  toMontBlock(params, 28)
  toMontBlock(acc, 4)
  const gamma = params, bp = params + 16
  const count = <usize>rows * LOOKUPS
  const den = scratch
  const pre = scratch + (count << 4)
  // Denominators, then prefix products.
  for (let i: usize = 0; i < <usize>rows; i++) {
    gather(cols, i, MAIN_WIDTH, stride, ROW)
    lookupDenominators(gamma, bp, den + ((i * LOOKUPS) << 4))
  }
  let prod = i32x4.replace_lane(i32x4.splat(0), 0, ONE_M)
  for (let k: usize = 0; k < count; k++) {
    v128.store(pre + (k << 4), prod)
    prod = emulV(prod, v128.load(den + (k << 4)))
  }
  v128.store(SLOT, prod)
  if (!einv(SLOT, SLOT)) return -1
  let inv = v128.load(SLOT)
  for (let k = <isize>count - 1; k >= 0; k--) {
    const d = den + (<usize>k << 4)
    const x = v128.load(d)
    v128.store(d, emulV(inv, v128.load(pre + (<usize>k << 4))))
    inv = emulV(inv, x)
  }
  let sum = v128.load(acc)
  const rb = <usize>rows << 2
  for (let i: usize = 0; i < <usize>rows; i++) {
    gather(cols, i, MAIN_WIDTH, stride, ROW)
    const d = den + ((i * LOOKUPS) << 4)
    for (let e = 0; e < HELPERS; e++) {
      const ix = v128.load(d + (<usize>e << 5)), iy = v128.load(d + (<usize>e << 5) + 16)
      const h = eaddV(escaleV(multiplicity(2 * e), ix), escaleV(multiplicity(2 * e + 1), iy))
      sum = eaddV(sum, h)
      store4(out + (i << 2) + 4 * <usize>e * rb, rb, fromMontV(h))
    }
    store4(out + (i << 2) + 4 * <usize>HELPERS * rb, rb, fromMontV(sum))
  }
  v128.store(acc, fromMontV(sum))
  return 0
}

// @ts-ignore: decorator
@inline function store4(p: usize, rb: usize, x: v128): void {
  store<u32>(p, i32x4.extract_lane(x, 0))
  store<u32>(p + rb, i32x4.extract_lane(x, 1))
  store<u32>(p + 2 * rb, i32x4.extract_lane(x, 2))
  store<u32>(p + 3 * rb, i32x4.extract_lane(x, 3))
}

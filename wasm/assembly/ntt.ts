// Radix-2 NTTs over BabyBear on columns in linear memory (src/prover/field/ntt.ts conventions): for
// n = 2^k and ω = rootOfUnity(k), evaluations y_i = Σ_j c_j·ω^(i·j), natural order in and out.
// Bit-reversal, then Cooley–Tukey DIT butterflies; the stages whose butterflies stay inside 4096-element
// blocks run block by block (L1-resident), the rest over the whole column.
//
// Twiddles: for every stage of half-size h (h = 1, 2, …, 2^(L−1)) the table entries [h, 2h) hold
// ω_(2h)^j (j < h), in Montgomery form; forward at TW, inverse (ω^(−1)) at TW + 4·2^L. Tables are
// prefix-closed in L, so tables for 2^L serve every smaller size. They live from __heap_base;
// `nttPrepare` (re)builds them and returns the first byte free for callers.
import { add, addV, GENERATOR, inv, mulMont, mulMontV, P, rootOfUnity, sub, subV, toMont } from './babybear'

const BLOCK_LOG: i32 = 12
let twLog: i32 = -1

/** First byte after the twiddle tables (64-byte aligned): callers place their buffers from here on. */
export function scratchBase(): usize {
  const tables: usize = twLog < 0 ? 0 : <usize>8 << <usize>twLog
  return (__heap_base + tables + 63) & ~(<usize>63)
}

/** Ensures twiddles for sizes up to 2^logN (logN ≤ 27), growing memory if needed; returns scratchBase(). */
export function nttPrepare(logN: i32): usize {
  if (logN <= twLog) return scratchBase()
  const n: usize = <usize>1 << <usize>logN
  const end = ((__heap_base + 8 * n + 63) & ~(<usize>63)) + 64
  const have = <usize>memory.size() << 16
  if (end > have) {
    if (memory.grow(<i32>((end - have + 0xffff) >> 16)) < 0) unreachable()
  }
  fillTable(__heap_base, logN, rootOfUnity(logN))
  fillTable(__heap_base + 4 * n, logN, inv(rootOfUnity(logN)))
  twLog = logN
  return scratchBase()
}

/** Powers of the primitive 2^logN-th root w into the top stage, then each lower stage = even entries of the one above. */
function fillTable(t: usize, logN: i32, w: u32): void {
  if (logN == 0) return
  const top: usize = <usize>1 << <usize>(logN - 1)
  const wm = toMont(w)
  let x: u32 = toMont(1)
  for (let j: usize = 0; j < top; j++) {
    store<u32>(t + ((top + j) << 2), x)
    x = mulMont(x, wm) // (xR)·(wR)/R stays in Montgomery form
  }
  for (let h = top >> 1; h >= 1; h >>= 1) {
    for (let j: usize = 0; j < h; j++) store<u32>(t + ((h + j) << 2), load<u32>(t + ((2 * h + 2 * j) << 2)))
  }
}

/** In-place bit-reversal permutation of n = 2^k u32 at a. */
function bitReverse(a: usize, n: usize): void {
  for (let i: usize = 1, j: usize = 0; i < n; i++) {
    let bit = n >> 1
    for (; j & bit; bit >>= 1) j ^= bit
    j ^= bit
    if (i < j) {
      const pi = a + (i << 2), pj = a + (j << 2)
      const t = load<u32>(pi)
      store<u32>(pi, load<u32>(pj))
      store<u32>(pj, t)
    }
  }
}

/** DIT stages with half-size h in [hFrom, hTo) over len elements at a (hFrom ≥ 4, len a multiple of 2·h), 4 butterflies per step. */
// @ts-ignore: decorator
@inline function stages(a: usize, len: usize, tw: usize, hFrom: usize, hTo: usize): void {
  for (let h = hFrom; h < hTo; h <<= 1) {
    const t = tw + (h << 2)
    const hb = h << 2
    for (let blk = a, end = a + (len << 2); blk < end; blk += hb << 1) {
      for (let j: usize = 0; j < hb; j += 16) {
        const pu = blk + j
        const u = v128.load(pu)
        const v = mulMontV(v128.load(pu + hb), v128.load(t + j))
        v128.store(pu, addV(u, v))
        v128.store(pu + hb, subV(u, v))
      }
    }
  }
}

/** The stages h = 1 and h = 2 in one pass (n ≥ 4): twiddles 1 and ω_4. */
function radix4First(a: usize, n: usize, tw: usize): void {
  const w4 = load<u32>(tw, 12) // entry 3 = ω_4^1 (Montgomery)
  for (let p = a, end = a + (n << 2); p < end; p += 16) {
    const x0 = load<u32>(p, 0), x1 = load<u32>(p, 4), x2 = load<u32>(p, 8), x3 = load<u32>(p, 12)
    const s0 = add(x0, x1), d0 = sub(x0, x1), s1 = add(x2, x3)
    const d1 = mulMont(sub(x2, x3), w4)
    store<u32>(p, add(s0, s1), 0)
    store<u32>(p, add(d0, d1), 4)
    store<u32>(p, sub(s0, s1), 8)
    store<u32>(p, sub(d0, d1), 12)
  }
}

/** Scalar stage of half-size h (1 or 2). */
function scalarStage(a: usize, n: usize, tw: usize, h: usize): void {
  const t = tw + (h << 2)
  const hb = h << 2
  for (let blk = a, end = a + (n << 2); blk < end; blk += hb << 1) {
    for (let j: usize = 0; j < hb; j += 4) {
      const pu = blk + j
      const u = load<u32>(pu)
      const v = mulMont(load<u32>(pu + hb), load<u32>(t + j))
      store<u32>(pu, add(u, v))
      store<u32>(pu + hb, sub(u, v))
    }
  }
}

/** The DIT butterflies for half-sizes ≥ hFrom on a bit-reversed column of n = 2^k. */
function butterflies(a: usize, n: usize, tw: usize, hFrom: usize): void {
  if (hFrom == 1 && n >= 4) {
    radix4First(a, n, tw)
    hFrom = 4
  }
  for (; hFrom < 4 && hFrom < n; hFrom <<= 1) scalarStage(a, n, tw, hFrom)
  if (hFrom >= n) return
  const block: usize = <usize>1 << <usize>BLOCK_LOG
  if (n > block && hFrom < block) {
    for (let b = a, end = a + (n << 2); b < end; b += block << 2) stages(b, block, tw, hFrom, block)
    hFrom = block
  }
  stages(a, n, tw, hFrom, n)
}

function twForward(): usize {
  return __heap_base
}
function twInverse(): usize {
  return __heap_base + ((<usize>4) << <usize>twLog)
}

/**
 * Inverse NTT scaled by n^(−1), in place, on `count` columns of 2^logN canonical u32 back to back at
 * `cols` (evaluations on ⟨ω_n⟩ → coefficients). Requires nttPrepare(≥ logN).
 */
export function interpolate(cols: usize, count: u32, logN: i32): void {
  const n: usize = <usize>1 << <usize>logN
  const nInvM = toMont(inv(<u32>(n % <usize>P)))
  for (let c: u32 = 0; c < count; c++) {
    const a = cols + ((<usize>c * n) << 2)
    bitReverse(a, n)
    butterflies(a, n, twInverse(), 1)
    if (n >= 4) {
      const s = i32x4.splat(nInvM)
      for (let p = a, end = a + (n << 2); p < end; p += 16) v128.store(p, mulMontV(v128.load(p), s))
    } else {
      for (let i: usize = 0; i < n; i++) store<u32>(a + (i << 2), mulMont(load<u32>(a + (i << 2)), nInvM))
    }
  }
}

/**
 * For `count` columns of n = 2^logN coefficients back to back at `src`: coefficient j times 31^j,
 * zero-padded to N = n·2^logBlowup, forward NTT; the N evaluations on 31·⟨ω_N⟩ (natural order) of
 * column c go to dst + 4·N·c. src and dst must not overlap. Requires nttPrepare(≥ logN + logBlowup).
 */
export function evaluateOnCoset(src: usize, dst: usize, count: u32, logN: i32, logBlowup: i32): void {
  const n: usize = <usize>1 << <usize>logN
  const rep: usize = <usize>1 << <usize>logBlowup
  const big = n << <usize>logBlowup
  const gM = toMont(GENERATOR)
  for (let c: u32 = 0; c < count; c++) {
    const s = src + ((<usize>c * n) << 2)
    const d = dst + ((<usize>c * big) << 2)
    // Bit-reversed position of coefficient j in the padded column is rev_k(j)·2^b; the first b DIT
    // stages only copy it across its block of 2^b (the rest of the block is zero), so write it there.
    let sh: u32 = toMont(1)
    for (let j: usize = 0, r: usize = 0; j < n; j++) {
      const v = mulMont(load<u32>(s + (j << 2)), sh)
      sh = mulMont(sh, gM)
      const p = d + ((r * rep) << 2)
      for (let t: usize = 0; t < rep; t++) store<u32>(p + (t << 2), v)
      // r = rev_k(j + 1)
      let bit = n >> 1
      for (; r & bit; bit >>= 1) r ^= bit
      r ^= bit
    }
    butterflies(d, big, twForward(), rep)
  }
}

// The zkVM composition polynomial on a block of LDE rows (src/prover/stark/composition.ts
// `compositionOnDomain` specialised to ZKVM_AIR, src/prover/zkvm/air.ts): base constraints in F_p,
// combined with their α in lazy u64 lanes; lookup-helper and running-sum constraints in F_p^4.
import { GENERATOR, mul, mulMont, pow, rootOfUnity, sub, subV, toMont } from './babybear'
import { ELEVEN_M, emulV, escaleV, fromMontV, invM, ONE_M, redcWide, toMontBlock } from './extm'
import { baseConstraints, NUM_FIRST_MAIN, NUM_ROW_MAIN, NUM_TRANSITION_MAIN } from './zkvmConstraints'
import { AUX_WIDTH, gather, gatherNext, HELPERS, lookupDenominators, MAIN_WIDTH, multiplicity, NXT, ROW } from './zkvmRow'

const C63: u64 = 0x7fffffffa111110e
const WIDTH: u32 = MAIN_WIDTH + AUX_WIDTH
/** Base constraint values of one point (≤ 118 words). */
const CBUF: usize = memory.data(4 * 128, 16)
/** The 14 lookup denominators of one point. */
const DEN: usize = memory.data(16 * 14, 16)
/** The 10 ext constraint values of one point (α_ext order: transition, 7 helpers, first, last). */
const EBUF: usize = memory.data(16 * 10, 16)
/** Per ext α and coordinate j of the value: the 4-vector M with α·c = Σ_j c_j·M_j (x^4 = 11 folded in). */
const MT: usize = memory.data(64 * 10, 16)

// Parameter block (u32 word offsets; every word a field element in Montgomery form).
const P_GAMMA = 0
const P_BETA = 4
const P_SUM = 28
const P_FIRST = 32
const P_LAST = 44
const P_GLAST = 56
const P_ALPHA_EXT = 64
const P_ALPHA_BASE = 104
/** Words of the parameter block for `lastCount` last constraints (zInv period follows). */
export function zkvmParamWords(lastCount: i32): i32 {
  return P_ALPHA_BASE + 4 * (NUM_TRANSITION_MAIN + NUM_ROW_MAIN + NUM_FIRST_MAIN + lastCount)
}

// @ts-ignore: decorator
@inline function reduce63(acc: v128, c63: v128): v128 {
  return i64x2.sub(acc, v128.and(i64x2.shr_s(acc, 63), c63))
}

// @ts-ignore: decorator
@inline function term(acc: v128, x: v128, al: v128, low: bool): v128 {
  return i64x2.add(acc, low ? i64x2.extmul_low_i32x4_u(x, al) : i64x2.extmul_high_i32x4_u(x, al))
}

/**
 * Σ_j src[j]·α_j over two runs (u32 scalars at src, α 4-vectors at 16-byte steps): Montgomery ext4.
 * Lazy u64 lanes reduced below 2^63 + 2^31 every two products (each < p² < 2^62, so no overflow).
 */
function dot(src1: usize, count1: i32, a1: usize, src2: usize, count2: i32, a2: usize): v128 {
  const c63 = i64x2.splat(C63)
  let lo = i64x2.splat(0), hi = i64x2.splat(0)
  for (let run = 0; run < 2; run++) {
    let src = run == 0 ? src1 : src2
    let a = run == 0 ? a1 : a2
    const count = run == 0 ? count1 : count2
    let j = 0
    for (; j + 1 < count; j += 2) {
      const x = v128.load32_splat(src), al = v128.load(a)
      const y = v128.load32_splat(src, 4), bl = v128.load(a, 16)
      src += 8
      a += 32
      lo = reduce63(term(term(lo, x, al, true), y, bl, true), c63)
      hi = reduce63(term(term(hi, x, al, false), y, bl, false), c63)
    }
    if (j < count) {
      const x = v128.load32_splat(src), al = v128.load(a)
      lo = reduce63(term(lo, x, al, true), c63)
      hi = reduce63(term(hi, x, al, false), c63)
    }
  }
  let r = i32x4.splat(redcWide(i64x2.extract_lane(lo, 0)))
  r = i32x4.replace_lane(r, 1, redcWide(i64x2.extract_lane(lo, 1)))
  r = i32x4.replace_lane(r, 2, redcWide(i64x2.extract_lane(hi, 0)))
  return i32x4.replace_lane(r, 3, redcWide(i64x2.extract_lane(hi, 1)))
}

/** MT from the 10 ext α at aExt: M_j[k] = α_(k−j) for j ≤ k, else 11·α_(k−j+4). */
function extTables(aExt: usize): void {
  for (let q: usize = 0; q < 10; q++) {
    const al = aExt + (q << 4)
    for (let j: usize = 0; j < 4; j++)
      for (let k: usize = 0; k < 4; k++) {
        const x = j <= k ? load<u32>(al + ((k - j) << 2)) : mulMont(load<u32>(al + ((k + 4 - j) << 2)), ELEVEN_M)
        store<u32>(MT + (q << 6) + (j << 4) + (k << 2), x)
      }
  }
}

// @ts-ignore: decorator
@inline function eaddV(a: v128, b: v128): v128 {
  const s = i32x4.add(a, b)
  return i32x4.min_u(s, i32x4.sub(s, i32x4.splat(2013265921)))
}

/** Σ_e h_e of the 7 helpers at `row` (aux ext column e at row + 4·(83 + 4e)). */
// @ts-ignore: decorator
@inline function sumHelpers(row: usize): v128 {
  let s = i32x4.splat(0)
  for (let e = 0; e < HELPERS; e++) s = eaddV(s, v128.load(row + ((<usize>MAIN_WIDTH + 4 * <usize>e) << 2)))
  return s
}

/**
 * Composition values for LDE rows [start, start + rows) of the coset 31·⟨ω_N⟩, N = 2^logDomain,
 * trace length n = 2^logN, step = N/n. Block column c (c < 115: 83 main, then 32 aux coordinates) is
 * rows + step canonical u32 at cols + 4·stride·c (row start + i at index i; rows start + step + i,
 * wrapping mod N, at index step + i); stride ≥ rows + step rounded up to 4, 16-byte aligned block; the
 * block is converted to Montgomery form in place. `params`: zkvmParamWords(lastCount) Montgomery words
 * (see P_*), then `step` words (x^n − 1)^(−1) for x = 31·ω_N^j, j < step. `scratch`: ≥ 12·rows bytes.
 * Writes 4 coordinate runs of `rows` canonical u32 at out + 4·rows·k. Returns 0, or −1 if x = 1 or
 * x = g^(n−1) for a row (never on the coset).
 */
export function zkvmComposition(
  cols: usize, rows: u32, stride: u32, params: usize, lastCount: i32, start: u32, logN: i32, logDomain: i32, out: usize, scratch: usize,
): i32 {
  const step: u32 = (<u32>1) << <u32>(logDomain - logN)
  toMontBlock(cols, <usize>stride * <usize>WIDTH)
  const xs = scratch
  const pre = xs + (<usize>rows << 2)
  const gLast = load<u32>(params + (P_GLAST << 2))
  const zInv = params + (<usize>zkvmParamWords(lastCount) << 2)
  // x_i (Montgomery) and 1/(x − 1), 1/(x − g^(n−1)) by one batch inversion (pre: prefix products).
  const wM = toMont(rootOfUnity(logDomain))
  let x = toMont(mul(GENERATOR, pow(rootOfUnity(logDomain), <u64>start)))
  let acc = ONE_M
  for (let i: usize = 0; i < <usize>rows; i++) {
    store<u32>(xs + (i << 2), x)
    store<u64>(pre + (i << 3), (<u64>acc) | ((<u64>mulMont(acc, sub(x, ONE_M))) << 32))
    acc = mulMont(mulMont(acc, sub(x, ONE_M)), sub(x, gLast))
    x = mulMont(x, wM)
  }
  if (acc == 0) return -1
  let ainv = invM(acc)
  for (let i = <isize>rows - 1; i >= 0; i--) {
    const xi = load<u32>(xs + (<usize>i << 2))
    const p = pre + (<usize>i << 3)
    const p0 = load<u32>(p), p1 = load<u32>(p, 4)
    const lastInv = mulMont(ainv, p1)
    ainv = mulMont(ainv, sub(xi, gLast))
    const firstInv = mulMont(ainv, p0)
    ainv = mulMont(ainv, sub(xi, ONE_M))
    store<u32>(p, firstInv)
    store<u32>(p, lastInv, 4)
  }
  const pw = params
  const gamma = pw + (P_GAMMA << 2)
  const bp = pw + (P_BETA << 2)
  const aExt = pw + (P_ALPHA_EXT << 2)
  const aBase = pw + (P_ALPHA_BASE << 2)
  const tableSum = v128.load(pw + (P_SUM << 2))
  const rowAlpha = aBase + 16 * NUM_TRANSITION_MAIN
  const firstAlpha = rowAlpha + 16 * NUM_ROW_MAIN
  const lastAlpha = firstAlpha + 16 * NUM_FIRST_MAIN
  extTables(aExt)
  for (let i: usize = 0; i < <usize>rows; i++) {
    gather(cols, i, WIDTH, stride, ROW)
    gatherNext(cols, i + step, stride, NXT)
    baseConstraints(CBUF, pw + (P_FIRST << 2), pw + (P_LAST << 2), lastCount)
    // Ext constraints into EBUF. Helpers: h·(γ − X)(γ − Y) − m_X·(γ − Y) − m_Y·(γ − X).
    lookupDenominators(gamma, bp, DEN)
    for (let e = 0; e < HELPERS; e++) {
      const gx = v128.load(DEN + (<usize>e << 5)), gy = v128.load(DEN + (<usize>e << 5) + 16)
      const h = v128.load(ROW + ((<usize>MAIN_WIDTH + 4 * <usize>e) << 2))
      const hxy = emulV(h, emulV(gx, gy))
      // ROM and byte lookups (e < 5) have multiplicity 1 on both sides.
      const c = e < 5 ? subV(subV(hxy, gy), gx) : subV(subV(hxy, escaleV(multiplicity(2 * e), gy)), escaleV(multiplicity(2 * e + 1), gx))
      v128.store(EBUF + 16 + (<usize>e << 4), c)
    }
    const accCur = v128.load(ROW + ((<usize>MAIN_WIDTH + 4 * HELPERS) << 2))
    const accNext = v128.load(NXT + ((<usize>MAIN_WIDTH + 4 * HELPERS) << 2))
    v128.store(EBUF, subV(subV(accNext, accCur), sumHelpers(NXT)))
    v128.store(EBUF + 128, subV(accCur, sumHelpers(ROW)))
    v128.store(EBUF + 144, subV(accCur, tableSum))
    const t = dot(CBUF, NUM_TRANSITION_MAIN, aBase, EBUF, 4, MT)
    const r = dot(CBUF + 4 * NUM_TRANSITION_MAIN, NUM_ROW_MAIN, rowAlpha, EBUF + 16, 4 * HELPERS, MT + 64)
    const f = dot(CBUF + 4 * (NUM_TRANSITION_MAIN + NUM_ROW_MAIN), NUM_FIRST_MAIN, firstAlpha, EBUF + 128, 4, MT + 512)
    const l = dot(CBUF + 4 * (NUM_TRANSITION_MAIN + NUM_ROW_MAIN + NUM_FIRST_MAIN), lastCount, lastAlpha, EBUF + 144, 4, MT + 576)
    // Zerofiers: transition·(x − g^(n−1))/(x^n − 1) + row/(x^n − 1) + first/(x − 1) + last/(x − g^(n−1)).
    const zi = load<u32>(zInv + (<usize>((start + <u32>i) & (step - 1)) << 2))
    const xi = load<u32>(xs + (i << 2))
    const p = pre + (i << 3)
    let total = escaleV(mulMont(zi, sub(xi, gLast)), t)
    total = eaddV(total, escaleV(zi, r))
    total = eaddV(total, escaleV(load<u32>(p), f))
    total = eaddV(total, escaleV(load<u32>(p, 4), l))
    total = fromMontV(total)
    const o = out + (i << 2)
    const rb = <usize>rows << 2
    store<u32>(o, i32x4.extract_lane(total, 0))
    store<u32>(o + rb, i32x4.extract_lane(total, 1))
    store<u32>(o + 2 * rb, i32x4.extract_lane(total, 2))
    store<u32>(o + 3 * rb, i32x4.extract_lane(total, 3))
  }
  return 0
}

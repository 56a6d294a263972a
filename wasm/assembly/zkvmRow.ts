// One row of the zkVM main trace (src/prover/zkvm/columns.ts) gathered into a static buffer, and its
// 14 lookup denominators γ − fingerprint (src/prover/zkvm/lookups.ts `rowLookups`). Everything is in
// Montgomery form (extm.ts).
import { add, addV, mulMontV, subV } from './babybear'
import { ONE_M } from './extm'

// Column indices (columns.ts COL).
export const PC = 0
export const R = 1
export const PCN = 9
export const RN = 10
export const S = 18
export const RS1 = 34
export const RS2 = 42
export const RD = 50
export const IMM = 58
export const A = 59
export const B = 60
export const C = 61
export const PROD = 62
export const RES = 63
export const INV = 64
export const EQ = 65
export const TAKEN = 66
export const LT = 67
export const X = 68
export const MOLD = 77
export const MNEW = 78
export const TOLD = 79
export const IP = 80
export const JP = 81
export const CYC = 82
export const MAIN_WIDTH = 83
/** Aux ext columns: 7 helpers then the running sum (4 base coordinates each). */
export const HELPERS = 7
export const AUX_WIDTH = 32

/** The current row (main then aux columns, 115 words) and the next row (g·x), Montgomery form. */
export const ROW: usize = memory.data(4 * 128, 16)
export const NXT: usize = memory.data(4 * 128, 16)

// Montgomery forms of the constants: 256, 65536 and the table tags (columns.ts TAG).
export const C256: u32 = 268434910
export const C65536: u32 = 268295646
const TAG_ROM: u32 = 268435454
const TAG_BYTE: u32 = 536870908
const TAG_MEM: u32 = 805306362
const TAG_INPUT: u32 = 1073741816
const TAG_JOURNAL: u32 = 1342177270

// @ts-ignore: decorator
@inline export function v(c: i32): u32 {
  return load<u32>(ROW + (<usize>c << 2))
}

// @ts-ignore: decorator
@inline export function nv(c: i32): u32 {
  return load<u32>(NXT + (<usize>c << 2))
}

/** Copies column c < width of row i (block column c at cols + 4·stride·c) to dst + 4·c. */
// @ts-ignore: decorator
@inline export function gather(cols: usize, i: usize, width: u32, stride: u32, dst: usize): void {
  const cb = <usize>stride << 2
  let src = cols + (i << 2)
  for (let c: usize = 0; c < <usize>width; c++) {
    store<u32>(dst + (c << 2), load<u32>(src))
    src += cb
  }
}

/** Like `gather` for the columns the transition constraints read at the next row: pc, r0..r7, s0, ip, jp, cyc and the 32 aux coordinates. */
// @ts-ignore: decorator
@inline export function gatherNext(cols: usize, i: usize, stride: u32, dst: usize): void {
  const cb = <usize>stride << 2
  const src = cols + (i << 2)
  for (let c: usize = 0; c < 9; c++) store<u32>(dst + (c << 2), load<u32>(src + c * cb))
  store<u32>(dst + (<usize>S << 2), load<u32>(src + <usize>S * cb))
  for (let c: usize = IP; c < <usize>(MAIN_WIDTH + AUX_WIDTH); c++) store<u32>(dst + (c << 2), load<u32>(src + c * cb))
}

/** Σ_{j=1}^{k} j·row[base + j] by suffix sums (no products). */
// @ts-ignore: decorator
@inline export function weighted(base: i32, k: i32): u32 {
  let acc: u32 = 0, suf: u32 = 0
  for (let j = k; j >= 1; j--) {
    suf = add(suf, v(base + j))
    acc = add(acc, suf)
  }
  return acc
}

// @ts-ignore: decorator
@inline function term(acc: v128, x: u32, bp: usize, i: usize): v128 {
  return addV(acc, mulMontV(i32x4.splat(x), v128.load(bp + (i << 4))))
}

// @ts-ignore: decorator
@inline function tagV(tag: u32): v128 {
  return i32x4.replace_lane(i32x4.splat(0), 0, tag)
}

/**
 * Writes γ − X_t (ext4, Montgomery) at dst + 16·t for the 14 lookups of ROW in helper-pair order
 * (ROM, byte x0 | x1, x2 | x3, x4 | x5, x6 | x7, x8 | memory write, memory read | input, journal).
 * `gamma`: γ; `bp`: β^1..β^6 (16 bytes each), all Montgomery.
 */
export function lookupDenominators(gamma: usize, bp: usize, dst: usize): void {
  const g = v128.load(gamma)
  let op: u32 = 0, suf: u32 = 0
  for (let i = 15; i >= 1; i--) {
    suf = add(suf, v(S + i))
    op = add(op, suf)
  }
  let rom = term(tagV(TAG_ROM), v(PC), bp, 0)
  rom = term(rom, op, bp, 1)
  rom = term(rom, weighted(RD, 7), bp, 2)
  rom = term(rom, weighted(RS1, 7), bp, 3)
  rom = term(rom, weighted(RS2, 7), bp, 4)
  rom = term(rom, v(IMM), bp, 5)
  v128.store(dst, subV(g, rom))
  const byteTag = tagV(TAG_BYTE)
  for (let k = 0; k < 9; k++) v128.store(dst + (<usize>(k + 1) << 4), subV(g, term(byteTag, v(X + k), bp, 0)))
  const addr = add(v(A), v(IMM))
  const memTag = term(tagV(TAG_MEM), addr, bp, 0)
  v128.store(dst + 160, subV(g, term(term(memTag, v(MNEW), bp, 1), v(CYC), bp, 2)))
  v128.store(dst + 176, subV(g, term(term(memTag, v(MOLD), bp, 1), v(TOLD), bp, 2)))
  v128.store(dst + 192, subV(g, term(term(tagV(TAG_INPUT), v(IP), bp, 0), v(RES), bp, 1)))
  v128.store(dst + 208, subV(g, term(term(tagV(TAG_JOURNAL), v(JP), bp, 0), v(A), bp, 1)))
}

/** Multiplicity of lookup t (Montgomery): 1 for ROM and bytes, ±memop for memory, s14 / s15 for input / journal. */
// @ts-ignore: decorator
@inline export function multiplicity(t: i32): u32 {
  if (t < 10) return ONE_M
  if (t == 10) return add(v(S + 12), v(S + 13))
  if (t == 11) {
    const m = add(v(S + 12), v(S + 13))
    return m == 0 ? 0 : 2013265921 - m
  }
  return t == 12 ? v(S + 14) : v(S + 15)
}

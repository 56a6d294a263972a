// The zkVM's base-field constraints (src/prover/zkvm/constraints.ts and air.ts `boundary`) at one
// point, from ROW / NXT (zkvmRow.ts), in Montgomery form, in the order the composition kernel pairs
// them with its α: 13 transition, 80 row, 12 first, then 11 or 12 last constraints.
import { add, mulMont, mulMontV, sub, subV } from './babybear'
import { ONE_M } from './extm'
import {
  A, B, C, C256, C65536, CYC, EQ, IMM, INV, IP, JP, LT, MNEW, MOLD, NXT, nv, PC, PCN, PROD, R, RD, RES, ROW, RN, RS1, RS2, S, TAKEN, TOLD, v, X,
} from './zkvmRow'

export const NUM_TRANSITION_MAIN = 13
export const NUM_ROW_MAIN = 80
export const NUM_FIRST_MAIN = 12

// @ts-ignore: decorator
@inline function mul(a: u32, b: u32): u32 {
  return mulMont(a, b)
}

// @ts-ignore: decorator
@inline function bool(x: u32): u32 {
  return mulMont(x, sub(x, ONE_M))
}

// @ts-ignore: decorator
@inline function boolV(x: v128): v128 {
  return mulMontV(x, subV(x, i32x4.splat(ONE_M)))
}

/** Sum of the 8 lanes of a and b. */
// @ts-ignore: decorator
@inline function hsum(a: v128, b: v128): u32 {
  let acc: u32 = 0
  acc = add(acc, i32x4.extract_lane(a, 0))
  acc = add(acc, i32x4.extract_lane(b, 0))
  acc = add(acc, i32x4.extract_lane(a, 1))
  acc = add(acc, i32x4.extract_lane(b, 1))
  acc = add(acc, i32x4.extract_lane(a, 2))
  acc = add(acc, i32x4.extract_lane(b, 2))
  acc = add(acc, i32x4.extract_lane(a, 3))
  return add(acc, i32x4.extract_lane(b, 3))
}

// @ts-ignore: decorator
@inline function sum(base: i32, k: i32): u32 {
  let acc: u32 = 0
  for (let j = 0; j < k; j++) acc = add(acc, v(base + j))
  return acc
}

// @ts-ignore: decorator
@inline function word(x: i32): u32 {
  return add(v(X + x), add(mul(C256, v(X + x + 1)), mul(C65536, v(X + x + 2))))
}

/**
 * Writes the base constraints at `out` (u32 each): transition (13), row (80), first (12), last
 * (`lastCount` = 11, or 12 when halted). `first`: 11 Montgomery constants (start pc, r0..r7, input
 * position, journal length); `last`: 12 (end pc, r0..r7, cycles, halted, exit code).
 */
export function baseConstraints(out: usize, first: usize, last: usize, lastCount: i32): void {
  let o = out
  // Transition (constraints.ts transitionConstraints).
  // pc, r0..r7 at the next row minus pcn, rn0..rn7 (columns 0..8 and 9..17).
  v128.store(o, subV(v128.load(NXT), v128.load(ROW + 4 * PCN)))
  v128.store(o, subV(v128.load(NXT, 16), v128.load(ROW + 4 * PCN + 16)), 16)
  store<u32>(o, sub(nv(R + 7), v(RN + 7)), 32)
  o += 36
  store<u32>(o, sub(sub(nv(IP), v(IP)), v(S + 14)), 0)
  store<u32>(o, sub(sub(nv(JP), v(JP)), v(S + 15)), 4)
  store<u32>(o, add(sub(sub(nv(CYC), v(CYC)), ONE_M), v(S)), 8)
  store<u32>(o, mul(v(S), sub(ONE_M, nv(S))), 12)
  o += 16
  // Row (rowConstraints): opcode one-hot (17).
  let sumS: u32 = 0
  for (let op = 0; op < 16; op++) sumS = add(sumS, v(S + op))
  for (let q: usize = 0; q < 64; q += 16) v128.store(o + q, boolV(v128.load(ROW + 4 * S + q)))
  o += 64
  store<u32>(o, sub(sumS, ONE_M))
  o += 4
  // Register selectors (27).
  for (let q: usize = 0; q < 96; q += 16) v128.store(o + q, boolV(v128.load(ROW + 4 * RS1 + q))) // RS1, RS2, RD are consecutive
  o += 96
  const wr = add(add(add(v(S + 1), v(S + 2)), add(v(S + 3), v(S + 4))), add(add(add(v(S + 5), v(S + 6)), add(v(S + 7), v(S + 12))), v(S + 14)))
  store<u32>(o, sub(sum(RS1, 8), ONE_M), 0)
  store<u32>(o, sub(sum(RS2, 8), ONE_M), 4)
  store<u32>(o, sub(sum(RD, 8), wr), 8)
  o += 12
  // Operands (2), c and prod (2).
  const r03 = v128.load(ROW + 4 * R), r47 = v128.load(ROW + 4 * R + 16)
  const selA = hsum(mulMontV(v128.load(ROW + 4 * RS1), r03), mulMontV(v128.load(ROW + 4 * RS1 + 16), r47))
  const selB = hsum(mulMontV(v128.load(ROW + 4 * RS2), r03), mulMontV(v128.load(ROW + 4 * RS2 + 16), r47))
  const a = v(A), c = v(C), b = v(B), imm = v(IMM)
  store<u32>(o, sub(a, selA), 0)
  store<u32>(o, sub(b, selB), 4)
  const useB = add(add(add(v(S + 1), v(S + 2)), add(v(S + 3), v(S + 8))), add(add(v(S + 9), v(S + 10)), v(S + 13)))
  const useI = add(v(S + 4), v(S + 5))
  store<u32>(o, sub(c, add(mul(useB, b), mul(useI, imm))), 8)
  store<u32>(o, sub(v(PROD), mul(a, c)), 12)
  o += 16
  // Result (1).
  const prod = v(PROD), res = v(RES)
  let f = add(mul(add(v(S + 1), v(S + 4)), add(a, c)), mul(v(S + 2), sub(a, c)))
  f = add(f, add(mul(add(v(S + 3), v(S + 5)), prod), mul(v(S + 6), imm)))
  f = add(f, add(mul(v(S + 7), a), mul(v(S + 12), v(MOLD))))
  store<u32>(o, mul(sub(ONE_M, v(S + 14)), sub(res, f)))
  o += 4
  // Register update (8).
  const resV = i32x4.splat(res)
  v128.store(o, subV(subV(v128.load(ROW + 4 * RN), r03), mulMontV(v128.load(ROW + 4 * RD), subV(resV, r03))))
  v128.store(o, subV(subV(v128.load(ROW + 4 * RN + 16), r47), mulMontV(v128.load(ROW + 4 * RD + 16), subV(resV, r47))), 16)
  o += 32
  // Equality (2), lt boolean (1), BLT decomposition (3).
  const diff = sub(a, c), eq = v(EQ), lt = v(LT), inv = v(INV), s10 = v(S + 10)
  store<u32>(o, add(sub(mul(diff, inv), ONE_M), eq), 0)
  store<u32>(o, mul(diff, eq), 4)
  store<u32>(o, bool(lt), 8)
  store<u32>(o, mul(s10, sub(a, word(0))), 12)
  store<u32>(o, mul(s10, sub(c, word(3))), 16)
  const selected = add(mul(lt, sub(sub(c, a), ONE_M)), mul(sub(ONE_M, lt), diff))
  store<u32>(o, mul(s10, sub(selected, word(6))), 20)
  o += 24
  // Branch taken (1), next pc (1).
  const taken = add(add(mul(v(S + 8), eq), mul(v(S + 9), sub(ONE_M, eq))), add(mul(s10, lt), v(S + 11)))
  store<u32>(o, sub(v(TAKEN), taken), 0)
  const pc = v(PC), pc1 = add(pc, ONE_M), s0 = v(S)
  const nextPc = add(add(mul(s0, pc), mul(sub(ONE_M, s0), pc1)), mul(v(TAKEN), sub(imm, pc1)))
  store<u32>(o, sub(v(PCN), nextPc), 4)
  // Memory (2).
  const mold = v(MOLD), told = v(TOLD), memop = add(v(S + 12), v(S + 13))
  store<u32>(o, sub(v(MNEW), add(mul(v(S + 12), mold), mul(v(S + 13), b))), 8)
  const gap = add(v(X), mul(C256, v(X + 1)))
  store<u32>(o, mul(memop, sub(sub(sub(v(CYC), told), ONE_M), gap)), 12)
  o += 16
  // Unused cells (13).
  const ns10 = sub(ONE_M, s10), neither = sub(ns10, memop), nmem = sub(ONE_M, memop)
  store<u32>(o, mul(ns10, lt), 0)
  store<u32>(o, mul(eq, inv), 4)
  o += 8
  const ns10V = i32x4.splat(ns10)
  v128.store(o, mulMontV(i32x4.replace_lane(i32x4.replace_lane(ns10V, 0, neither), 1, neither), v128.load(ROW + 4 * X)))
  v128.store(o, mulMontV(ns10V, v128.load(ROW + 4 * X + 16)), 16)
  store<u32>(o, mul(ns10, v(X + 8)), 32)
  o += 36
  store<u32>(o, mul(nmem, mold), 0)
  store<u32>(o, mul(nmem, told), 4)
  o += 8
  // First (air.ts boundary): pc, r0..r7, ip, jp, cyc − 1.
  store<u32>(o, sub(pc, load<u32>(first)))
  for (let j = 0; j < 8; j++) store<u32>(o + 4 + (<usize>j << 2), sub(v(R + j), load<u32>(first + 4 + (<usize>j << 2))))
  store<u32>(o, sub(v(IP), load<u32>(first, 36)), 36)
  store<u32>(o, sub(v(JP), load<u32>(first, 40)), 40)
  store<u32>(o, sub(v(CYC), ONE_M), 44)
  o += 48
  // Last: pcn, rn0..rn7, cyc − cycles, s0 − halted, [imm − exit code].
  store<u32>(o, sub(v(PCN), load<u32>(last)))
  for (let j = 0; j < 8; j++) store<u32>(o + 4 + (<usize>j << 2), sub(v(RN + j), load<u32>(last + 4 + (<usize>j << 2))))
  store<u32>(o, sub(v(CYC), load<u32>(last, 36)), 36)
  store<u32>(o, sub(s0, load<u32>(last, 40)), 40)
  if (lastCount > 11) store<u32>(o, sub(imm, load<u32>(last, 44)), 44)
}

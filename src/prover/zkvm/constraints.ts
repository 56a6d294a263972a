import type { FieldOps } from '../stark/air.ts'
import { COL, USES_B, USES_IMM, WRITES_RD } from './columns.ts'

/**
 * The zkVM's main-trace constraints (docs/zkvm-air.md, "Constraints"), over any field ops: every-row
 * constraints (decode, operands, results, register update, branch and next pc, BLT range
 * decomposition, memory time gap) and transition constraints (continuity, counters, halting is
 * final). Degree ≤ 3 in the trace values. The lookup constraints are in lookups.ts.
 */

/** Every-row constraints on row `m` (main values). 80 values. */
export function rowConstraints<F>(o: FieldOps<F>, m: readonly F[]): F[] {
  const v = (c: number) => m[c] as F
  const one = o.constant(1)
  const k = (x: number) => o.constant(x)
  const out: F[] = []
  const sum = (cols: readonly number[]) => cols.reduce<F>((acc, c) => o.add(acc, v(c)), o.constant(0))
  const s = (op: number) => v(COL.S + op)
  const bool = (x: F) => o.mul(x, o.sub(x, one))
  // Opcode one-hot (17).
  for (let op = 0; op < 16; op++) out.push(bool(s(op)))
  out.push(o.sub(sum(Array.from({ length: 16 }, (_, i) => COL.S + i)), one))
  // Register selectors (27): rs1, rs2 one-hot; rd one-hot iff the opcode writes.
  for (const base of [COL.RS1, COL.RS2, COL.RD]) for (let j = 0; j < 8; j++) out.push(bool(v(base + j)))
  const idx = (base: number) => Array.from({ length: 8 }, (_, j) => base + j)
  out.push(o.sub(sum(idx(COL.RS1)), one))
  out.push(o.sub(sum(idx(COL.RS2)), one))
  const wr = sum(WRITES_RD.map((op) => COL.S + op))
  out.push(o.sub(sum(idx(COL.RD)), wr))
  // Operands (2): a = Σ rs1_j·r_j, b = Σ rs2_j·r_j.
  const select = (base: number) => {
    let acc = o.constant(0)
    for (let j = 0; j < 8; j++) acc = o.add(acc, o.mul(v(base + j), v(COL.R + j)))
    return acc
  }
  out.push(o.sub(v(COL.A), select(COL.RS1)))
  out.push(o.sub(v(COL.B), select(COL.RS2)))
  // c and prod (2).
  const useB = sum(USES_B.map((op) => COL.S + op))
  const useI = sum(USES_IMM.map((op) => COL.S + op))
  out.push(o.sub(v(COL.C), o.add(o.mul(useB, v(COL.B)), o.mul(useI, v(COL.IMM)))))
  out.push(o.sub(v(COL.PROD), o.mul(v(COL.A), v(COL.C))))
  // Result (1): (1 − s_READ)·(res − F); READ's result is bound by the input lookup.
  const a = v(COL.A)
  const c = v(COL.C)
  const terms: [number, F][] = [
    [1, o.add(a, c)],
    [2, o.sub(a, c)],
    [3, v(COL.PROD)],
    [4, o.add(a, c)],
    [5, v(COL.PROD)],
    [6, v(COL.IMM)],
    [7, a],
    [12, v(COL.MOLD)],
  ]
  const f = terms.reduce<F>((acc, [op, t]) => o.add(acc, o.mul(s(op), t)), o.constant(0))
  out.push(o.mul(o.sub(one, s(14)), o.sub(v(COL.RES), f)))
  // Register update (8).
  for (let j = 0; j < 8; j++) out.push(o.sub(o.sub(v(COL.RN + j), v(COL.R + j)), o.mul(v(COL.RD + j), o.sub(v(COL.RES), v(COL.R + j)))))
  // Equality (2), lt boolean (1).
  const diff = o.sub(a, c)
  out.push(o.add(o.sub(o.mul(diff, v(COL.INV)), one), v(COL.EQ)))
  out.push(o.mul(diff, v(COL.EQ)))
  out.push(bool(v(COL.LT)))
  // BLT decomposition (3): a, c and the selected difference are 24-bit (bytes are range-checked by lookup).
  const word = (x: number) => o.add(v(COL.X + x), o.add(o.mul(k(256), v(COL.X + x + 1)), o.mul(k(65_536), v(COL.X + x + 2))))
  const lt = v(COL.LT)
  out.push(o.mul(s(10), o.sub(a, word(0))))
  out.push(o.mul(s(10), o.sub(c, word(3))))
  const selected = o.add(o.mul(lt, o.sub(o.sub(c, a), one)), o.mul(o.sub(one, lt), diff))
  out.push(o.mul(s(10), o.sub(selected, word(6))))
  // Branch taken (1) and next pc (1).
  const eq = v(COL.EQ)
  const taken = o.add(o.add(o.mul(s(8), eq), o.mul(s(9), o.sub(one, eq))), o.add(o.mul(s(10), lt), s(11)))
  out.push(o.sub(v(COL.TAKEN), taken))
  const pc = v(COL.PC)
  const pc1 = o.add(pc, one)
  const nextPc = o.add(o.add(o.mul(s(0), pc), o.mul(o.sub(one, s(0)), pc1)), o.mul(v(COL.TAKEN), o.sub(v(COL.IMM), pc1)))
  out.push(o.sub(v(COL.PCN), nextPc))
  // Memory (2): value written back; time gap cyc − told − 1 = x0 + 256·x1 on LOAD/STORE.
  out.push(o.sub(v(COL.MNEW), o.add(o.mul(s(12), v(COL.MOLD)), o.mul(s(13), v(COL.B)))))
  const memop = o.add(s(12), s(13))
  const gap = o.add(v(COL.X), o.mul(k(256), v(COL.X + 1)))
  out.push(o.mul(memop, o.sub(o.sub(o.sub(v(COL.CYC), v(COL.TOLD)), one), gap)))
  // Unused cells are 0 (13), so every cell of an honest trace is determined by the statement:
  // lt off BLT, inv when a = c, bytes off BLT (x0, x1 also used by LOAD/STORE), mold and told off LOAD/STORE.
  out.push(o.mul(o.sub(one, s(10)), lt))
  out.push(o.mul(eq, v(COL.INV)))
  const neither = o.sub(o.sub(one, s(10)), memop)
  for (let x = 0; x < 9; x++) out.push(o.mul(x < 2 ? neither : o.sub(one, s(10)), v(COL.X + x)))
  out.push(o.mul(o.sub(one, memop), v(COL.MOLD)))
  out.push(o.mul(o.sub(one, memop), v(COL.TOLD)))
  return out
}

/** Transition constraints between rows m and m' (main values). 13 values. */
export function transitionConstraints<F>(o: FieldOps<F>, m: readonly F[], n: readonly F[]): F[] {
  const v = (c: number) => m[c] as F
  const w = (c: number) => n[c] as F
  const one = o.constant(1)
  const out: F[] = [o.sub(w(COL.PC), v(COL.PCN))]
  for (let j = 0; j < 8; j++) out.push(o.sub(w(COL.R + j), v(COL.RN + j)))
  out.push(o.sub(o.sub(w(COL.IP), v(COL.IP)), v(COL.S + 14)))
  out.push(o.sub(o.sub(w(COL.JP), v(COL.JP)), v(COL.S + 15)))
  out.push(o.add(o.sub(o.sub(w(COL.CYC), v(COL.CYC)), one), v(COL.S)))
  out.push(o.mul(v(COL.S), o.sub(one, w(COL.S))))
  return out
}

/** Row-constraint count of {@link rowConstraints}. */
export const NUM_ROW_MAIN = 17 + 27 + 2 + 2 + 1 + 8 + 3 + 3 + 2 + 2 + 13
/** Count of {@link transitionConstraints}. */
export const NUM_TRANSITION_MAIN = 13

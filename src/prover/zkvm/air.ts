import type { Base } from '../field/babybear.ts'
import type { Ext4 } from '../field/ext4.ts'
import { EXT_ZERO, extAdd, extSub } from '../field/ext4.ts'
import { type Air, BASE_OPS, type ConstraintValues, EXT_OPS, type FieldOps, type Frame } from '../stark/air.ts'
import { AUX_WIDTH, COL, MAIN_WIDTH, NUM_HELPERS } from './columns.ts'
import { NUM_ROW_MAIN, NUM_TRANSITION_MAIN, rowConstraints, transitionConstraints } from './constraints.ts'
import { betaPowers, helperConstraints, lookupAuxTrace, tableSum } from './lookups.ts'
import { type PublicView, viewPublicInputs } from './statement.ts'

/**
 * The zkVM AIR (docs/zkvm-air.md): 83 main columns, 32 aux columns (8 F_p^4 columns: 7 lookup
 * helpers and the log-up running sum), 2 challenges (γ, β), constraints of degree ≤ 3 (two
 * composition chunks at blowup 4). Public inputs: statement.ts.
 */
const views = new WeakMap<readonly Base[], PublicView>()

function view(pi: readonly Base[]): PublicView {
  let v = views.get(pi)
  if (!v) {
    const parsed = viewPublicInputs(pi)
    if (typeof parsed === 'string') throw new TypeError(parsed)
    v = parsed
    views.set(pi, v)
  }
  return v
}

export const ZKVM_AIR: Air = {
  name: 'lightbus-zkvm-v1',
  mainWidth: MAIN_WIDTH,
  auxWidth: AUX_WIDTH,
  numChallenges: 2,
  maxConstraintDegree: 3,
  validatePublicInputs(pi) {
    const v = viewPublicInputs(pi)
    return typeof v === 'string' ? v : null
  },
  counts(pi) {
    const halted = view(pi).halted === 1
    return { transition: NUM_TRANSITION_MAIN + 1, row: NUM_ROW_MAIN + NUM_HELPERS, first: 13, last: halted ? 13 : 12 }
  },
  derive([gamma, beta], pi) {
    const bp = betaPowers(EXT_OPS, beta as Ext4)
    return [tableSum(view(pi), gamma as Ext4, beta as Ext4), ...bp]
  },
  evaluate<F>(o: FieldOps<F>, f: Frame<F>, challenges: readonly F[], derived: readonly F[], pi: readonly Base[]): ConstraintValues<F> {
    const p = view(pi)
    const gamma = challenges[0] as F
    const bp = derived.slice(1, 7)
    const m = f.main
    const n = f.next
    const k = (x: number) => o.constant(x)
    const acc = f.aux[NUM_HELPERS] as F
    const accNext = f.auxNext[NUM_HELPERS] as F
    const sumH = (aux: readonly F[]) => aux.slice(0, NUM_HELPERS).reduce((s, h) => o.add(s, h), k(0))
    const row = [...rowConstraints(o, m), ...helperConstraints(o, m, f.aux, gamma, bp)]
    const transition = [...transitionConstraints(o, m, n), o.sub(o.sub(accNext, acc), sumH(f.auxNext))]
    const b = boundary(o, m, p)
    return { transition, row, first: [...b.first, o.sub(acc, sumH(f.aux))], last: [...b.last, o.sub(acc, derived[0] as F)] }
  },
  evaluateAtBasePoint(f, challenges, derived, pi) {
    const lift = (xs: readonly Base[]) => xs.map((x): Ext4 => [x, 0, 0, 0])
    const p = view(pi)
    const m = f.main
    const row = [...lift(rowConstraints(BASE_OPS, m)), ...helperConstraints(EXT_OPS, lift(m), f.aux, challenges[0] as Ext4, derived.slice(1, 7))]
    const sumH = (aux: readonly Ext4[]) => aux.slice(0, NUM_HELPERS).reduce((s, h) => extAdd(s, h), EXT_ZERO)
    const acc = f.aux[NUM_HELPERS] as Ext4
    const transition = [...lift(transitionConstraints(BASE_OPS, m, f.next)), extSub(extSub(f.auxNext[NUM_HELPERS] as Ext4, acc), sumH(f.auxNext))]
    const { first, last } = boundary(BASE_OPS, m, p)
    return {
      transition,
      row,
      first: [...lift(first), extSub(acc, sumH(f.aux))],
      last: [...lift(last), extSub(acc, derived[0] as Ext4)],
    }
  },
  auxTrace(main, [gamma, beta]) {
    return lookupAuxTrace(main, gamma as Ext4, beta as Ext4)
  },
}

/** Main-trace boundary constraints: row 0 starts in the start state; row n − 1 leaves the end state. */
function boundary<F>(o: FieldOps<F>, m: readonly F[], p: PublicView): { first: F[]; last: F[] } {
  const v = (c: number) => m[c] as F
  const k = (x: number) => o.constant(x)
  const first = [o.sub(v(COL.PC), k(p.start[0] as number))]
  for (let j = 0; j < 8; j++) first.push(o.sub(v(COL.R + j), k(p.start[1 + j] as number)))
  first.push(o.sub(v(COL.IP), k(p.start[9] as number)), o.sub(v(COL.JP), k(p.start[10] as number)), o.sub(v(COL.CYC), k(1)))
  const last = [o.sub(v(COL.PCN), k(p.end[0] as number))]
  for (let j = 0; j < 8; j++) last.push(o.sub(v(COL.RN + j), k(p.end[1 + j] as number)))
  last.push(o.sub(v(COL.CYC), k(p.cycles)), o.sub(v(COL.S), k(p.halted)))
  if (p.halted === 1) last.push(o.sub(v(COL.IMM), k(p.exitCode)))
  return { first, last }
}

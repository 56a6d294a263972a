import { batchExtInvValues } from '../backend/ts.ts'
import type { Base } from '../field/babybear.ts'
import { EXT_ZERO, type Ext4, extAdd, extMul, extSub, fromBase } from '../field/ext4.ts'
import { EXT_OPS, type FieldOps } from '../stark/air.ts'
import { COL, NUM_HELPERS, TAG } from './columns.ts'
import type { PublicView } from './statement.ts'

/**
 * The zkVM's lookup arguments, one log-up sum (Haböck, "Multivariate lookups based on logarithmic
 * derivatives", IACR ePrint 2022/1530) over five tables told apart by a tag: the program ROM, bytes
 * 0..255, memory (offline memory checking with time stamps, Blum et al. 1991, as a multiset equality
 * of writes ∪ initial and reads ∪ final), the input words consumed and the journal words written.
 * A tuple (tag, v1, …, vk) is fingerprinted as tag + β·v1 + … + β^k·vk; each row contributes
 * m/(γ − fingerprint) per lookup. docs/zkvm-air.md, "Lookups".
 */

/** One lookup of a row: its multiplicity and fingerprint. */
type Term<F> = { readonly m: F; readonly x: F }

/** β^1..β^6 from β. */
export function betaPowers<F>(o: FieldOps<F>, beta: F): F[] {
  const out = [beta]
  for (let i = 1; i < 6; i++) out.push(o.mul(out[i - 1] as F, beta))
  return out
}

function fingerprint<F>(o: FieldOps<F>, bp: readonly F[], tag: number, values: readonly F[]): F {
  let acc = o.constant(tag)
  values.forEach((v, i) => {
    acc = o.add(acc, o.mul(bp[i] as F, v))
  })
  return acc
}

/** The 14 lookups of a row, paired into the 7 helper columns' (X, Y) pairs. */
export function rowLookups<F>(o: FieldOps<F>, m: readonly F[], bp: readonly F[]): [Term<F>, Term<F>][] {
  const v = (c: number) => m[c] as F
  const one = o.constant(1)
  const weighted = (base: number) => {
    let acc = o.constant(0)
    for (let j = 1; j < 8; j++) acc = o.add(acc, o.mul(o.constant(j), v(base + j)))
    return acc
  }
  let op = o.constant(0)
  for (let i = 1; i < 16; i++) op = o.add(op, o.mul(o.constant(i), v(COL.S + i)))
  const rom = fingerprint(o, bp, TAG.ROM, [v(COL.PC), op, weighted(COL.RD), weighted(COL.RS1), weighted(COL.RS2), v(COL.IMM)])
  const byte = (k: number): Term<F> => ({ m: one, x: fingerprint(o, bp, TAG.BYTE, [v(COL.X + k)]) })
  const memop = o.add(v(COL.S + 12), v(COL.S + 13))
  const addr = o.add(v(COL.A), v(COL.IMM))
  return [
    [{ m: one, x: rom }, byte(0)],
    [byte(1), byte(2)],
    [byte(3), byte(4)],
    [byte(5), byte(6)],
    [byte(7), byte(8)],
    [
      { m: memop, x: fingerprint(o, bp, TAG.MEM, [addr, v(COL.MNEW), v(COL.CYC)]) },
      { m: o.neg(memop), x: fingerprint(o, bp, TAG.MEM, [addr, v(COL.MOLD), v(COL.TOLD)]) },
    ],
    [
      { m: v(COL.S + 14), x: fingerprint(o, bp, TAG.INPUT, [v(COL.IP), v(COL.RES)]) },
      { m: v(COL.S + 15), x: fingerprint(o, bp, TAG.JOURNAL, [v(COL.JP), v(COL.A)]) },
    ],
  ]
}

/** h·(γ − X)(γ − Y) − m_X·(γ − Y) − m_Y·(γ − X) for each helper h (7 values, degree 3). */
export function helperConstraints<F>(o: FieldOps<F>, m: readonly F[], aux: readonly F[], gamma: F, bp: readonly F[]): F[] {
  return rowLookups(o, m, bp).map(([p, q], e) => {
    const gx = o.sub(gamma, p.x)
    const gy = o.sub(gamma, q.x)
    return o.sub(o.sub(o.mul(aux[e] as F, o.mul(gx, gy)), o.mul(p.m, gy)), o.mul(q.m, gx))
  })
}

/**
 * The aux trace: 7 helper columns h_e = m_X/(γ − X) + m_Y/(γ − Y) and the running sum
 * acc_i = Σ_{k ≤ i} Σ_e h_e(k), each as 4 coordinate columns (32 base columns of n rows).
 */
export function lookupAuxTrace(main: readonly Uint32Array[], gamma: Ext4, beta: Ext4): Uint32Array[] {
  const n = (main[0] as Uint32Array).length
  const bp = betaPowers(EXT_OPS, beta)
  const terms: Term<Ext4>[] = []
  const row: Ext4[] = new Array(main.length)
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < main.length; c++) row[c] = fromBase((main[c] as Uint32Array)[i] as Base)
    for (const [p, q] of rowLookups(EXT_OPS, row, bp)) terms.push(p, q)
  }
  const inverses = batchExtInvValues(terms.map((t) => extSub(gamma, t.x)))
  const out = Array.from({ length: 4 * (NUM_HELPERS + 1) }, () => new Uint32Array(n))
  const put = (e: number, i: number, v: Ext4) => {
    for (let j = 0; j < 4; j++) (out[4 * e + j] as Uint32Array)[i] = v[j] as Base
  }
  let acc = EXT_ZERO
  for (let i = 0; i < n; i++) {
    for (let e = 0; e < NUM_HELPERS; e++) {
      const k = 2 * (NUM_HELPERS * i + e)
      const h = extAdd(extMul((terms[k] as Term<Ext4>).m, inverses[k] as Ext4), extMul((terms[k + 1] as Term<Ext4>).m, inverses[k + 1] as Ext4))
      put(e, i, h)
      acc = extAdd(acc, h)
    }
    put(NUM_HELPERS, i, acc)
  }
  return out
}

/**
 * The table side of the log-up identity, which the running sum must reach on the last row:
 *   Σ_j rom_j/(γ − ROM(j, code_j)) + Σ_t byte_t/(γ − BYTE(t))
 *   + Σ_a [1/(γ − MEM(a, end_a, last_a)) − 1/(γ − MEM(a, start_a, 0))]
 *   + Σ_k 1/(γ − IN(ip_start + k, input_k)) + Σ_k 1/(γ − J(jp_start + k, journal_k)).
 */
export function tableSum(view: PublicView, gamma: Ext4, beta: Ext4): Ext4 {
  const o = EXT_OPS
  const bp = betaPowers(o, beta)
  const f = (tag: number, vals: readonly number[]) => fingerprint(o, bp, tag, vals.map(fromBase))
  const terms: { m: Ext4; x: Ext4 }[] = []
  view.code.forEach((ins, j) => {
    terms.push({ m: fromBase(view.romMultiplicities[j] as number), x: f(TAG.ROM, [j, ...ins]) })
  })
  view.byteMultiplicities.forEach((m, t) => {
    terms.push({ m: fromBase(m), x: f(TAG.BYTE, [t]) })
  })
  for (let a = 0; a < view.startMemory.length; a++) {
    terms.push({ m: fromBase(1), x: f(TAG.MEM, [a, view.endMemory[a] as number, view.lastAccess[a] as number]) })
    terms.push({ m: o.neg(fromBase(1)), x: f(TAG.MEM, [a, view.startMemory[a] as number, 0]) })
  }
  const ip0 = view.start[9] as number
  const jp0 = view.start[10] as number
  view.inputWords.forEach((w, k) => {
    terms.push({ m: fromBase(1), x: f(TAG.INPUT, [ip0 + k, w]) })
  })
  view.journalWords.forEach((w, k) => {
    terms.push({ m: fromBase(1), x: f(TAG.JOURNAL, [jp0 + k, w]) })
  })
  const inverses = batchExtInvValues(terms.map((t) => extSub(gamma, t.x)))
  return terms.reduce<Ext4>((acc, t, i) => extAdd(acc, extMul(t.m, inverses[i] as Ext4)), EXT_ZERO)
}

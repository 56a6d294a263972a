import type { Base } from '../field/babybear.ts'
import type { FieldOps, Frame } from '../stark/air.ts'
import { ZKVM_AIR } from './air.ts'
import { MAIN_WIDTH, NUM_HELPERS } from './columns.ts'

/**
 * Generates contracts/zkvm/ZkvmAir.sol, the Solidity evaluation of the zkVM AIR's constraints at the
 * out-of-domain point, from the very `ZKVM_AIR.evaluate` the TypeScript verifier runs: a symbolic
 * {@link FieldOps} records the expression DAG (hash-consed, constants folded) and the DAG is emitted
 * as straight-line Yul over packed F_p^4 values. So both verifiers evaluate the same constraints by
 * construction (src/prover/zkvm/airSolidity.test.ts checks the checked-in file is this output).
 *
 * Calldata layout of `evaluate(uint256[] v)` (every entry a packed F_p^4 element: coordinate j in bits
 * 64j..64j+31; base values in coordinate 0) — {@link AIR_INPUT}:
 *   main(z) [83], main(gz) [83], aux(z) [8 ext columns], aux(gz) [8], γ, β, E (table sum),
 *   β^1..β^6, start [pc, r0..r7, ip, jp], end [pc, r0..r7], cycles, exitCode, halted (0/1),
 *   then the α's in transcript order (127 if halted, else 126).
 * Returns Σα·C over the transition, row, first and last constraints.
 */
export const AIR_INPUT = {
  MAIN: 0,
  NEXT: MAIN_WIDTH,
  AUX: 2 * MAIN_WIDTH,
  AUX_NEXT: 2 * MAIN_WIDTH + NUM_HELPERS + 1,
  GAMMA: 2 * MAIN_WIDTH + 2 * (NUM_HELPERS + 1),
  BETA: 2 * MAIN_WIDTH + 2 * (NUM_HELPERS + 1) + 1,
  TABLE_SUM: 2 * MAIN_WIDTH + 2 * (NUM_HELPERS + 1) + 2,
  BETA_POWERS: 2 * MAIN_WIDTH + 2 * (NUM_HELPERS + 1) + 3,
  START: 2 * MAIN_WIDTH + 2 * (NUM_HELPERS + 1) + 9,
  END: 2 * MAIN_WIDTH + 2 * (NUM_HELPERS + 1) + 20,
  CYCLES: 2 * MAIN_WIDTH + 2 * (NUM_HELPERS + 1) + 29,
  EXIT_CODE: 2 * MAIN_WIDTH + 2 * (NUM_HELPERS + 1) + 30,
  HALTED: 2 * MAIN_WIDTH + 2 * (NUM_HELPERS + 1) + 31,
  ALPHAS: 2 * MAIN_WIDTH + 2 * (NUM_HELPERS + 1) + 32,
} as const

type Node = {
  readonly id: number
  readonly kind: 'in' | 'const' | 'add' | 'sub' | 'mul' | 'neg'
  readonly a?: Node
  readonly b?: Node
  readonly value?: number
}

/** Marks a "constant" that is really an input: constant(SENTINEL + i) = input i. */
const SENTINEL = 2 ** 40
const P = 2013265921

class Dag {
  readonly nodes: Node[] = []
  readonly #keys = new Map<string, Node>()
  #make(kind: Node['kind'], key: string, extra: Omit<Node, 'id' | 'kind'>): Node {
    const hit = this.#keys.get(key)
    if (hit) return hit
    const n: Node = { id: this.nodes.length, kind, ...extra }
    this.nodes.push(n)
    this.#keys.set(key, n)
    return n
  }
  input(i: number): Node {
    return this.#make('in', `in${i}`, { value: i })
  }
  constant(c: number): Node {
    if (c >= SENTINEL) return this.input(c - SENTINEL)
    return this.#make('const', `c${c}`, { value: c % P })
  }
  readonly ops: FieldOps<Node> = {
    constant: (c: Base) => this.constant(c),
    add: (a, b) => {
      if (a.kind === 'const' && b.kind === 'const') return this.constant(((a.value as number) + (b.value as number)) % P)
      if (a.kind === 'const' && a.value === 0) return b
      if (b.kind === 'const' && b.value === 0) return a
      const [x, y] = a.id <= b.id ? [a, b] : [b, a]
      return this.#make('add', `+${x.id},${y.id}`, { a: x, b: y })
    },
    sub: (a, b) => {
      if (a.kind === 'const' && b.kind === 'const') return this.constant(((a.value as number) + P - (b.value as number)) % P)
      if (b.kind === 'const' && b.value === 0) return a
      return this.#make('sub', `-${a.id},${b.id}`, { a, b })
    },
    mul: (a, b) => {
      if (a.kind === 'const' && b.kind === 'const') return this.constant(Number((BigInt(a.value as number) * BigInt(b.value as number)) % BigInt(P)))
      if ((a.kind === 'const' && a.value === 0) || (b.kind === 'const' && b.value === 0)) return this.constant(0)
      if (a.kind === 'const' && a.value === 1) return b
      if (b.kind === 'const' && b.value === 1) return a
      const [x, y] = a.id <= b.id ? [a, b] : [b, a]
      return this.#make('mul', `*${x.id},${y.id}`, { a: x, b: y })
    },
    neg: (a) => (a.kind === 'const' ? this.constant((P - (a.value as number)) % P) : this.#make('neg', `n${a.id}`, { a })),
  }
}

/** The symbolic constraint values of one variant (halted or not). */
function symbolic(dag: Dag, halted: 0 | 1) {
  const I = AIR_INPUT
  const range = (at: number, n: number) => Array.from({ length: n }, (_, i) => dag.input(at + i))
  const frame: Frame<Node> = {
    main: range(I.MAIN, MAIN_WIDTH),
    next: range(I.NEXT, MAIN_WIDTH),
    aux: range(I.AUX, NUM_HELPERS + 1),
    auxNext: range(I.AUX_NEXT, NUM_HELPERS + 1),
  }
  // Public inputs whose state words are sentinels (→ inputs), so the boundary constraints read them at run time.
  const s = (i: number) => SENTINEL + i
  const start = [...Array.from({ length: 11 }, (_, j) => s(I.START + j))]
  const end = [...Array.from({ length: 9 }, (_, j) => s(I.END + j)), start[9] as number, start[10] as number]
  const pi = [...Array(32).fill(0), 0, 1, 0, 0, 0, 0, 0, 1, ...start, ...end, s(I.CYCLES), halted, halted ? s(I.EXIT_CODE) : 0, ...Array(4 * 256).fill(0)]
  const challenges = [dag.input(I.GAMMA), dag.input(I.BETA)]
  const derived = [dag.input(I.TABLE_SUM), ...range(I.BETA_POWERS, 6)]
  return ZKVM_AIR.evaluate(dag.ops, frame, challenges, derived, pi)
}

const hex = (n: number) => `0x${n.toString(16)}`

/** The Solidity source of contracts/zkvm/ZkvmAir.sol. */
export function generateAirSolidity(): string {
  const dag = new Dag()
  const v1 = symbolic(dag, 1)
  const v0 = symbolic(dag, 0)
  const same = (a: Node[], b: Node[]) => a.length === b.length && a.every((x, i) => x === b[i])
  if (!same(v0.transition, v1.transition) || !same(v0.row, v1.row) || !same(v0.first, v1.first))
    throw new Error('only the last-row constraints may depend on halting')
  const lines: string[] = []
  const ref = (n: Node): string => {
    if (n.kind === 'in') return `calldataload(add(v, ${hex(32 * (n.value as number))}))`
    if (n.kind === 'const') return hex(n.value as number)
    return `mload(add(m, ${hex(32 * n.id)}))`
  }
  const fn = { add: 'eadd', sub: 'esub', mul: 'emul', neg: 'eneg' } as const
  for (const n of dag.nodes) {
    if (n.kind === 'in' || n.kind === 'const') continue
    const args = n.kind === 'neg' ? ref(n.a as Node) : `${ref(n.a as Node)}, ${ref(n.b as Node)}`
    lines.push(`            mstore(add(m, ${hex(32 * n.id)}), ${fn[n.kind]}(${args}))`)
  }
  const alpha = (j: number) => `calldataload(add(v, ${hex(32 * (AIR_INPUT.ALPHAS + j))}))`
  const sum = (name: string, values: readonly Node[], offset: number, indent = '            ') => {
    const out = [`${indent}${name} := 0`]
    values.forEach((x, j) => {
      out.push(`${indent}${name} := eadd(${name}, emul(${alpha(offset + j)}, ${ref(x)}))`)
    })
    return out
  }
  const t = v1.transition.length
  const r = v1.row.length
  const f = v1.first.length
  const body = [
    ...lines,
    ...sum('st', v1.transition, 0),
    ...sum('sr', v1.row, t),
    ...sum('sf', v1.first, t + r),
    `            switch calldataload(add(v, ${hex(32 * AIR_INPUT.HALTED)}))`,
    '            case 1 {',
    ...sum('sl', v1.last, t + r + f, '                '),
    '            }',
    '            default {',
    ...sum('sl', v0.last, t + r + f, '                '),
    '            }',
  ]
  return `// SPDX-License-Identifier: MIT
// GENERATED by src/prover/zkvm/airSolidity.ts from ZKVM_AIR.evaluate (npm run gen:zkvm-air). Do not edit.
pragma solidity 0.8.37;

/// @title The zkVM AIR's constraints at the out-of-domain point (docs/zkvm-air.md "Constraints").
/// @notice Input and output layout: src/prover/zkvm/airSolidity.ts (AIR_INPUT). Values are packed F_p^4
/// elements (coordinate j in bits 64j..64j+31, F_p^4 = F_p[x]/(x^4 - 11), p = 15*2^27 + 1).
/// ${dag.nodes.length} DAG nodes; ${t} transition, ${r} row, ${f} first, ${v1.last.length}/${v0.last.length} last constraints.
contract ZkvmAir {
    /// @return st sum of alpha_j * transition_j
    /// @return sr sum of alpha_j * row_j
    /// @return sf sum of alpha_j * first_j
    /// @return sl sum of alpha_j * last_j
    function evaluate(uint256[] calldata input) external pure returns (uint256 st, uint256 sr, uint256 sf, uint256 sl) {
        require(input.length == ${AIR_INPUT.ALPHAS + t + r + f + v0.last.length} + (input[${AIR_INPUT.HALTED}] == 1 ? 1 : 0) && input[${AIR_INPUT.HALTED}] < 2);
        assembly ("memory-safe") {
            let P := 2013265921
            let M := 0xffffffffffffffff
            function eadd(a, b) -> c {
                let p := 2013265921
                let k := 0xffffffffffffffff
                c := or(
                    or(addmod(and(a, k), and(b, k), p), shl(64, addmod(and(shr(64, a), k), and(shr(64, b), k), p))),
                    or(shl(128, addmod(and(shr(128, a), k), and(shr(128, b), k), p)), shl(192, addmod(shr(192, a), shr(192, b), p)))
                )
            }
            function eneg(a) -> c {
                let p := 2013265921
                let k := 0xffffffffffffffff
                c := or(
                    or(mod(sub(p, and(a, k)), p), shl(64, mod(sub(p, and(shr(64, a), k)), p))),
                    or(shl(128, mod(sub(p, and(shr(128, a), k)), p)), shl(192, mod(sub(p, shr(192, a)), p)))
                )
            }
            function esub(a, b) -> c {
                c := eadd(a, eneg(b))
            }
            function emul(a, b) -> c {
                let p := 2013265921
                let k := 0xffffffffffffffff
                let a0 := and(a, k)
                let a1 := and(shr(64, a), k)
                let a2 := and(shr(128, a), k)
                let a3 := shr(192, a)
                let b0 := and(b, k)
                let b1 := and(shr(64, b), k)
                let b2 := and(shr(128, b), k)
                let b3 := shr(192, b)
                let c0 := mod(add(mul(a0, b0), mul(11, add(add(mul(a1, b3), mul(a2, b2)), mul(a3, b1)))), p)
                let c1 := mod(add(add(mul(a0, b1), mul(a1, b0)), mul(11, add(mul(a2, b3), mul(a3, b2)))), p)
                let c2 := mod(add(add(add(mul(a0, b2), mul(a1, b1)), mul(a2, b0)), mul(11, mul(a3, b3))), p)
                let c3 := mod(add(add(mul(a0, b3), mul(a1, b2)), add(mul(a2, b1), mul(a3, b0))), p)
                c := or(or(c0, shl(64, c1)), or(shl(128, c2), shl(192, c3)))
            }
            pop(P)
            pop(M)
            let v := input.offset
            let m := mload(0x40)
            mstore(0x40, add(m, ${hex(32 * dag.nodes.length)}))
${body.join('\n')}
        }
    }
}
`
}

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MalformedInputError } from '../../../errors/base.ts'
import { CycleLimitExceededError, VmFaultError } from '../../../errors/vm.ts'
import { assemble } from '../assembler.ts'
import { execute } from '../executor.ts'
import { P } from '../field.ts'
import { checksum, checksumInput, checksumReference } from './checksum.ts'
import { fibonacci, fibonacciCycles, fibonacciInput, fibonacciReference } from './fibonacci.ts'
import { sort, sortInput, sortReference } from './sort.ts'

describe('shipped programs equal their TypeScript references', () => {
  it('fibonacci: journal [fib(n) mod p], 6n + 6 cycles', () => {
    fc.assert(
      fc.property(fc.nat(3000), (n) => {
        const ex = execute(fibonacci, fibonacciInput(n))
        expect(ex.journal).toEqual(fibonacciReference(n))
        expect(ex.cycles).toBe(fibonacciCycles(n))
        expect(ex.exitCode).toBe(0)
      }),
      { numRuns: 40 },
    )
    expect(execute(fibonacci, [10]).journal).toEqual([55])
  })

  it('fibonacci(5000) runs 30006 cycles, more than 4·2^10', () => {
    const ex = execute(fibonacci, fibonacciInput(5000))
    expect(ex.cycles).toBe(30006)
    expect(ex.cycles).toBeGreaterThan(4 * 2 ** 10)
    expect(ex.journal).toEqual(fibonacciReference(5000))
  })

  it('sort: journal is the input in ascending order', () => {
    fc.assert(
      fc.property(fc.array(fc.nat((1 << 24) - 1), { maxLength: 60 }), (xs) => {
        expect(execute(sort, sortInput(xs)).journal).toEqual(sortReference(xs))
      }),
      { numRuns: 60 },
    )
    expect(() => sortInput([1 << 24])).toThrow(MalformedInputError)
    expect(() => sortInput(Array(257).fill(0))).toThrow(MalformedInputError)
  })

  it('sort: a word ≥ 2^24 fed directly faults in BLT', () => {
    expect(() => execute(sort, [2, 1 << 24, 0])).toThrow(VmFaultError)
  })

  it('checksum: journal [a, b] (Adler-style mod p), 6n + 7 cycles', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: P - 1 }), { maxLength: 200 }), (ws) => {
        const ex = execute(checksum, checksumInput(ws))
        expect(ex.journal).toEqual(checksumReference(ws))
        expect(ex.cycles).toBe(6 * ws.length + 7)
      }),
      { numRuns: 60 },
    )
  })

  it('cycle counts scale linearly with the input', () => {
    const c = (n: number) => execute(checksum, checksumInput(Array(n).fill(7))).cycles
    expect(c(200) - c(100)).toBe(c(100) - c(0))
    const s = (n: number) => execute(sort, sortInput(Array.from({ length: n }, (_, i) => n - i))).cycles
    expect(s(40)).toBeGreaterThan(3 * s(20)) // insertion sort on reversed input is quadratic
  })
})

describe('executor faults and limits', () => {
  it('a program that never halts exceeds the cycle limit with a typed error', () => {
    const loop = assemble('l: jmp l')
    expect(() => execute(loop, [], { maxCycles: 5000 })).toThrow(CycleLimitExceededError)
    expect(() => execute(fibonacci, [5000], { maxCycles: 30005 })).toThrow(CycleLimitExceededError)
    expect(execute(fibonacci, [5000], { maxCycles: 30006 }).cycles).toBe(30006)
  })

  it.each([
    ['li r1, 256\nload r2, [r1]\nhalt', /memory address 256/],
    ['read r1\nhalt', /input exhausted/],
    ['li r1, 16777216\nblt r1, r0, 0\nhalt', /not below 2\^24/],
    ['li r1, 1', /pc is outside the code/],
  ])('faults with VmFaultError: %j', (src, msg) => {
    expect(() => execute(assemble(src), [])).toThrow(VmFaultError)
    expect(() => execute(assemble(src), [])).toThrow(msg)
  })

  it('rejects input words outside [0, p)', () => {
    expect(() => execute(fibonacci, [P])).toThrow(MalformedInputError)
    expect(() => execute(fibonacci, [1.5])).toThrow(MalformedInputError)
  })

  it('arithmetic is in BabyBear: SUB wraps, MUL reduces, HALT exit code', () => {
    const ex = execute(assemble('li r1, 3\nli r2, 5\nsub r3, r1, r2\nwrite r3\nmul r4, r3, r3\nwrite r4\nmuli r5, r3, -1\nwrite r5\nhalt 7'), [])
    expect(ex.journal).toEqual([P - 2, 4, 2])
    expect(ex.exitCode).toBe(7)
    expect(ex.trace[2]).toMatchObject({ pc: 2, regs: [0, 3, 5, 0, 0, 0, 0, 0], write: { rd: 3, value: P - 2 }, nextPc: 3 })
  })

  it('records memory accesses and io in the trace', () => {
    const ex = execute(assemble('read r1\nstore [r0 + 9], r1\nload r2, [r0 + 9]\nwrite r2\nhalt'), [42])
    expect(ex.trace.map((r) => [r.mem, r.io])).toEqual([
      [null, { kind: 'read', value: 42 }],
      [{ addr: 9, value: 42, kind: 'write' }, null],
      [{ addr: 9, value: 42, kind: 'read' }, null],
      [null, { kind: 'write', value: 42 }],
      [null, null],
    ])
    expect(ex.final.memory[9]).toBe(42)
  })
})

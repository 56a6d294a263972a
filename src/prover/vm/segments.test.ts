import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidSegmentSizeError } from '../../errors/vm.ts'
import { assemble } from './assembler.ts'
import { execute } from './executor.ts'
import { Opcode } from './isa.ts'
import { checksum, checksumInput } from './programs/checksum.ts'
import { fibonacci } from './programs/fibonacci.ts'
import { sort, sortInput } from './programs/sort.ts'
import { cutSegments, executeSegment } from './segments.ts'

describe('segments', () => {
  it('fibonacci(5000) at k = 10 gives 30 segments of 1024 rows; each re-executes identically from its checkpoint', () => {
    const ex = execute(fibonacci, [5000])
    const segs = cutSegments(ex, 10)
    expect(segs.length).toBe(Math.ceil(30006 / 1024))
    expect(segs.length).toBeGreaterThanOrEqual(4)
    for (const seg of segs) {
      expect(seg.rows.length).toBe(1024)
      const again = executeSegment(fibonacci, seg.start, ex.input, 10)
      expect(again.rows).toEqual(seg.rows)
      expect(again.end).toEqual(seg.end)
    }
    for (let i = 1; i < segs.length; i++) expect(segs[i]?.start).toEqual(segs[i - 1]?.end)
    const last = segs.at(-1)
    expect(last?.end).toEqual(ex.final)
    expect(last?.journal).toEqual(ex.journal)
    const pad = last?.rows.at(-1)
    expect(pad).toMatchObject({ padding: true, insn: { op: Opcode.HALT }, write: null, mem: null, io: null, cycle: segs.length * 1024 - 1 })
    expect(pad?.nextPc).toBe(pad?.pc)
  })

  it('checkpoints carry memory, input position and journal (sort, checksum; random k)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat((1 << 24) - 1), { minLength: 20, maxLength: 80 }), fc.integer({ min: 10, max: 12 }), fc.boolean(), (xs, k, useSort) => {
        const [prog, input] = useSort ? [sort, sortInput(xs)] : [checksum, checksumInput(xs)]
        const ex = execute(prog, input)
        const segs = cutSegments(ex, k)
        for (const seg of segs) expect(executeSegment(prog, seg.start, input, k)).toEqual({ rows: seg.rows, end: seg.end })
        expect(segs.flatMap((s) => s.rows.filter((r) => !r.padding))).toEqual(ex.trace)
      }),
      { numRuns: 15 },
    )
  })

  it('a trace that fills its last segment exactly is not padded', () => {
    const prog = assemble(`${'li r1, 1\n'.repeat(2047)}halt 3`)
    const ex = execute(prog, [])
    const segs = cutSegments(ex, 10)
    expect(segs).toHaveLength(2)
    expect(segs.flatMap((s) => s.rows).some((r) => r.padding)).toBe(false)
    expect(segs[1]?.end).toMatchObject({ halted: true, exitCode: 3, cycle: 2048 })
  })

  it.each([9, 17, 10.5, -1])('rejects k = %s', (k) => {
    expect(() => cutSegments(execute(fibonacci, [1]), k)).toThrow(InvalidSegmentSizeError)
    expect(() => executeSegment(fibonacci, execute(fibonacci, [1]).initial, [1], k)).toThrow(InvalidSegmentSizeError)
  })
})

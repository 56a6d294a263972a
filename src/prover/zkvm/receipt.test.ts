import fc from 'fast-check'
import { bytesToHex, hexToBytes } from 'viem'
import { beforeAll, describe, expect, it } from 'vitest'
import type { BaseError } from '../../errors/base.ts'
import { add } from '../field/babybear.ts'
import { encodeStarkProof } from '../stark/encoding.ts'
import { execute } from '../vm/executor.ts'
import { decodeProgram } from '../vm/isa.ts'
import { checksum, checksumInput, checksumReference } from '../vm/programs/checksum.ts'
import { fibonacci, fibonacciReference } from '../vm/programs/fibonacci.ts'
import { sort, sortInput, sortReference } from '../vm/programs/sort.ts'
import { cutSegments } from '../vm/segments.ts'
import { parseReceipt } from './parseReceipt.ts'
import { proveReceipt, proveSegmentFromCheckpoint, type Receipt, segmentReceipt, statementIds } from './receipt.ts'
import { proveSegment, SEGMENT_PARAMS } from './segmentProof.ts'
import { verifyReceipt } from './verifyReceipt.ts'

/** Composite receipts (issue 8 §3, §7): completeness on the shipped programs, and every tamper rejected with a typed error. */
const code = (f: () => unknown): string => {
  try {
    f()
  } catch (e) {
    return (e as BaseError).code ?? `untyped: ${String(e)}`
  }
  return 'accepted'
}
const clone = (r: Receipt): Receipt => JSON.parse(JSON.stringify(r)) as Receipt
const check = (r: unknown) => verifyReceipt(parseReceipt(JSON.parse(JSON.stringify(r))))

let fib: Receipt
let sum: Receipt
beforeAll(async () => {
  fib = await proveReceipt(fibonacci, [200], 10) // 1206 cycles: 2 segments
  sum = await proveReceipt(checksum, checksumInput([1, 2, 3, 2_000_000_000]), 10)
}, 120_000)

describe('composite receipts: completeness', () => {
  it('fibonacci(200) in 2 segments of 2^10: the journal is the reference', async () => {
    const v = check(fib)
    expect(v).toMatchObject({ segments: 2, cycles: 1206, exitCode: 0, segmentPo2: 10 })
    expect(v.journal).toEqual(fibonacciReference(200))
  })

  it('checksum and sort, and a segment size of 2^11', async () => {
    expect(check(sum).journal).toEqual(checksumReference([1, 2, 3, 2_000_000_000]))
    const xs = [40, 2, 33, 17, 5, 99, 0, 12]
    const r = await proveReceipt(sort, sortInput(xs), 11)
    expect(r.segments).toHaveLength(1)
    expect(check(r).journal).toEqual(sortReference(xs))
  }, 60_000)

  it('any segment proven alone from its checkpoint is interchangeable with the one proven in sequence', async () => {
    const exec = execute(fibonacci, [200])
    const [, second] = cutSegments(exec, 10)
    if (!second) throw new Error('no second segment')
    const phases: string[] = []
    const alone = await proveSegmentFromCheckpoint(fibonacci, [200], 10, 1, second.start, undefined, {
      onPhase: (phase, done, total) => phases.push(`${phase} ${done}/${total}`),
    })
    // Progress within the segment: every phase once, in order, for a progress bar.
    expect(phases).toEqual(['trace 0/8', 'commit main 1/8', 'aux 2/8', 'composition 3/8', 'ood 4/8', 'deep 5/8', 'fri 6/8', 'queries 7/8', 'done 8/8'])
    const r = clone(fib)
    ;(r.segments as Receipt['segments'][number][])[1] = alone
    expect(check(r).segments).toBe(2)
    expect(alone.proof).toBe(fib.segments[1]?.proof) // proving is deterministic
  }, 60_000)
})

describe('composite receipts: soundness (each must fail with a typed error)', () => {
  it('segments reordered or dropped', async () => {
    const swapped = clone(fib)
    ;(swapped.segments as unknown[]).reverse()
    expect(code(() => check(swapped))).toBe('InvalidReceipt')
    const dropped = clone(fib)
    ;(dropped.segments as unknown[]).pop()
    expect(code(() => check(dropped))).toBe('InvalidReceipt')
    const droppedFirst = clone(fib)
    ;(droppedFirst.segments as unknown[]).shift()
    expect(code(() => check(droppedFirst))).toBe('InvalidReceipt')
  })

  it('broken continuity: a stated start that is not the previous end, and a segment proven from a forged checkpoint', async () => {
    const edited = clone(fib)
    ;(edited.segments[1]?.start.regs as number[])[2] = 5
    expect(code(() => check(edited))).toBe('InvalidReceipt')
    // A prover proves segment 1 honestly from a forged start (r3 + 1) and claims segment 0 ended there.
    const exec = execute(fibonacci, [200])
    const [first, second] = cutSegments(exec, 10)
    if (!first || !second) throw new Error('segments')
    const forgedStart = { ...second.start, regs: second.start.regs.map((v, j) => (j === 3 ? add(v, 1) : v)) }
    const forged = clone(fib)
    ;(forged.segments as Receipt['segments'][number][])[1] = await proveSegmentFromCheckpoint(fibonacci, [200], 10, 1, forgedStart)
    expect(code(() => check(forged))).toBe('InvalidReceipt')
    // …and also rewrites segment 0's stated end to match: segment 0's proof no longer proves it.
    const both = clone(forged)
    ;(both.segments as Receipt['segments'][number][])[0] = {
      ...(both.segments[0] as Receipt['segments'][number]),
      end: { ...(both.segments[0]?.end as Receipt['segments'][number]['end']), regs: forgedStart.regs },
    }
    expect(code(() => check(both))).toMatch(/^Invalid(StarkProof|MerkleOpening|FriProof)$/)
    void first
  }, 60_000)

  it('a journal, exit code, cycle count, input or image id changed after proving', async () => {
    const j = clone(fib)
    ;(j.journal as number[])[0] = add(j.journal[0] as number, 1)
    expect(code(() => check(j))).toBe('InvalidStarkProof')
    expect(code(() => check({ ...clone(fib), journal: [...fib.journal, 5] }))).toBe('InvalidReceipt')
    expect(code(() => check({ ...clone(fib), exitCode: 1 }))).toBe('InvalidReceipt')
    expect(code(() => check({ ...clone(fib), cycles: fib.cycles - 1 }))).toBe('InvalidReceipt')
    expect(code(() => check({ ...clone(fib), input: [201] }))).toBe('InvalidReceipt')
    expect(code(() => check({ ...clone(fib), imageId: sum.imageId }))).toBe('InvalidReceipt')
    // Input and digest both changed consistently: the segment's input lookup no longer matches.
    const other = await proveReceipt(fibonacci, [201], 10)
    expect(code(() => check({ ...clone(fib), input: other.input, inputDigest: other.inputDigest }))).toBe('InvalidStarkProof')
  }, 60_000)

  it('a segment proof of another program spliced in', async () => {
    const spliced = clone(fib)
    ;(spliced.segments as Receipt['segments'][number][])[1] = {
      ...(spliced.segments[1] as Receipt['segments'][number]),
      proof: sum.segments[0]?.proof as `0x${string}`,
    }
    expect(code(() => check(spliced))).toMatch(/^Invalid(StarkProof|MerkleOpening|FriProof)$/)
    // The whole segment entry (statement and proof) of the other program: wrong start state.
    const whole = clone(fib)
    ;(whole.segments as Receipt['segments'][number][])[0] = sum.segments[0] as Receipt['segments'][number]
    expect(code(() => check(whole))).toBe('InvalidReceipt')
  })

  it('fewer FRI queries than the parameters say', async () => {
    expect(code(() => check({ ...clone(fib), params: { ...fib.params, numQueries: 51 } }))).toBe('InvalidReceipt')
    const exec = execute(fibonacci, [200])
    const [first] = cutSegments(exec, 10)
    if (!first) throw new Error('segment')
    const weak = await proveSegment(first, decodeProgram(fibonacci), [200], statementIds(fibonacci, [200]), { params: { ...SEGMENT_PARAMS, numQueries: 51 } })
    const r = clone(fib)
    ;(r.segments as Receipt['segments'][number][])[0] = segmentReceipt(weak.statement, encodeStarkProof(weak.proof))
    expect(code(() => check(r))).toBe('InvalidStarkProof')
  }, 60_000)

  it('any one byte of a segment proof flipped', async () => {
    const proof = hexToBytes(fib.segments[1]?.proof as `0x${string}`)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: proof.length - 1 }), fc.integer({ min: 1, max: 255 }), (i, x) => {
        const b = proof.slice()
        b[i] = (b[i] as number) ^ x
        const r = clone(fib)
        ;(r.segments as Receipt['segments'][number][])[1] = { ...(r.segments[1] as Receipt['segments'][number]), proof: bytesToHex(b) }
        expect(code(() => check(r))).toMatch(/^(MalformedReceipt|InvalidReceipt|Invalid(StarkProof|MerkleOpening|FriProof|ProofOfWork))$/)
      }),
      { numRuns: Number(process.env.FLIP_RUNS ?? 40) },
    )
  }, 120_000)

  it('malformed JSON shapes are MalformedReceipt, bounded', async () => {
    for (const bad of [
      null,
      1,
      [],
      {},
      { ...fib, version: 2 },
      { ...fib, segments: [] },
      { ...fib, input: [-1] },
      { ...fib, imageId: '0x12' },
      { ...fib, segments: Array(5000).fill({}) },
      { ...fib, segments: [{ ...fib.segments[0], proof: `0x${'00'.repeat(9 * 1024 * 1024)}` }] },
    ])
      expect(code(() => check(bad))).toBe('MalformedReceipt')
  })
})

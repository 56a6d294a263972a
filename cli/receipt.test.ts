import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { fibonacciReference } from '../src/prover/vm/programs/fibonacci.ts'
import { getProgram } from '../src/prover/zkvm/programs.ts'
import { main } from './main.ts'
import { runCli } from './testing.ts'
import { USAGE } from './usage.ts'

const tmp = mkdtempSync(join(tmpdir(), 'lightbus-receipt-'))
const RECEIPT = join(tmp, 'fib200.json')
let receipt: any
let progress = ''

// fibonacci(200) = 1206 cycles: 2 segments of 2^10, proven once (TypeScript backend) and shared.
beforeAll(async () => {
  const lines: string[] = []
  const code = await main(
    ['prove', '--program', 'fibonacci', '--input', '200', '--segment-po2', '10', '--backend', 'ts', '--out', RECEIPT],
    (l) => lines.push(l),
    (t) => {
      progress += t
    },
  )
  expect(lines).toHaveLength(1)
  const out = JSON.parse(lines[0] as string)
  expect(code, lines[0]).toBe(0)
  expect(out).toMatchObject({ ok: true, program: 'fibonacci', segments: 2, cycles: 1206, exitCode: 0, journal: fibonacciReference(200), out: RECEIPT })
  expect(out.imageId).toBe(getProgram('fibonacci').imageId)
  expect(out.proofBytes).toBeGreaterThan(1000)
  expect(typeof out.elapsedMs).toBe('number')
  receipt = JSON.parse(readFileSync(RECEIPT, 'utf8'))
}, 120_000)

const tampered = (name: string, edit: (r: any) => void) => {
  const r = structuredClone(receipt)
  edit(r)
  const p = join(tmp, `${name}.json`)
  writeFileSync(p, JSON.stringify(r))
  return p
}

/** Flips one byte of a 0x-hex string at byte offset `at`. */
const flipByte = (hex: string, at: number) => {
  const i = 2 + 2 * at
  const b = (Number.parseInt(hex.slice(i, i + 2), 16) ^ 0x01).toString(16).padStart(2, '0')
  return hex.slice(0, i) + b + hex.slice(i + 2)
}

describe('lightbus prove', () => {
  it('prints progress per segment on stderr', () => {
    expect(progress).toMatch(/executed fibonacci: 1206 cycles, 2 segment\(s\) of 2\^10 cycles/)
    expect(progress).toMatch(/segment 1\/2 proven: 1024 cycles, \d+ ms/)
    expect(progress).toMatch(/segment 2\/2 proven: 182 cycles, \d+ ms/)
  })

  it.each([
    [['prove', '--program', 'nope', '--input', '1', '--segment-po2', '10', '--out', '/dev/null']],
    [['prove', '--program', 'fibonacci', '--segment-po2', '10', '--out', '/dev/null']],
    [['prove', '--program', 'fibonacci', '--input', 'x', '--segment-po2', '10', '--out', '/dev/null']],
    [['prove', '--program', 'sort', '--input', '16777216', '--segment-po2', '10', '--out', '/dev/null']],
    [['prove', '--program', 'fibonacci', '--input', '1', '--segment-po2', '9', '--out', '/dev/null']],
    [['prove', '--program', 'fibonacci', '--input', '1', '--segment-po2', '17', '--out', '/dev/null']],
    [['prove', '--program', 'fibonacci', '--input', '1', '--segment-po2', '10', '--backend', 'gpu', '--out', '/dev/null']],
    [['prove', '--program', 'fibonacci', '--input', '1', '--segment-po2', '10']],
    [['prove', '--program', 'fibonacci', '--input', '1', '--segment-po2', '10', '--out', '/dev/null', '--frobnicate']],
    [['verify', 'receipt']],
    [['verify', 'receipt', '/nonexistent/receipt.json']],
    [['verify', 'receipt', 'a.json', 'b.json']],
  ])('usage error exits 2: %j', async (argv) => {
    const { code, out } = await runCli(argv)
    expect(code).toBe(2)
    expect(out.error.code).toBe('Usage')
  })

  it('--help states the conjectured security level and the parameters', async () => {
    let text = ''
    expect(
      await main(
        ['prove', '--help'],
        () => {},
        (t) => {
          text += t
        },
      ),
    ).toBe(0)
    expect(text).toBe(`${USAGE}\n`)
    expect(text).toContain('120 bits of conjectured security')
    expect(text).toContain('blowup 4 (log 2), 52 FRI queries, 16 grinding bits')
  })
})

describe('lightbus verify receipt', () => {
  it('verifies the receipt it proved', async () => {
    const { code, out } = await runCli(['verify', 'receipt', RECEIPT])
    expect(code).toBe(0)
    expect(out).toMatchObject({
      ok: true,
      imageId: getProgram('fibonacci').imageId,
      program: 'fibonacci',
      exitCode: 0,
      journal: fibonacciReference(200),
      segments: 2,
      cycles: 1206,
      securityBits: 120,
    })
    expect(typeof out.elapsedMs).toBe('number')
  })

  it.each([
    ['a flipped byte in segment 1 proof header', (r: any) => (r.segments[1].proof = flipByte(r.segments[1].proof, 4)), 'MalformedReceipt'],
    ['a flipped byte in segment 1 main root', (r: any) => (r.segments[1].proof = flipByte(r.segments[1].proof, 20)), 'InvalidStarkProof'],
    ['a flipped byte deep in segment 0 proof (an opening)', (r: any) => (r.segments[0].proof = flipByte(r.segments[0].proof, 200_000)), 'InvalidMerkleOpening'],
    ['a changed journal', (r: any) => (r.journal = [r.journal[0] + 1]), 'InvalidStarkProof'],
    ['a dropped segment', (r: any) => r.segments.splice(0, 1), 'InvalidReceipt'],
    ['swapped segments', (r: any) => r.segments.reverse(), 'InvalidReceipt'],
    ['params.numQueries 51', (r: any) => (r.params.numQueries = 51), 'InvalidReceipt'],
    ['another image id', (r: any) => (r.imageId = getProgram('sort').imageId), 'InvalidReceipt'],
    ['a missing field', (r: any) => delete r.segments[0].end, 'MalformedReceipt'],
    ['a truncated proof', (r: any) => (r.segments[0].proof = r.segments[0].proof.slice(0, 1000)), 'MalformedReceipt'],
  ])('rejects %s (exit 1, %s)', async (name, edit, expected) => {
    const { code, out } = await runCli(['verify', 'receipt', tampered(name.replace(/\W+/g, '-'), edit)])
    expect(out.ok).toBe(false)
    expect(code).toBe(1)
    expect(out.error.code).toBe(expected)
    expect(typeof out.error.message).toBe('string')
  })

  it('rejects a file that is not JSON (MalformedInput)', async () => {
    const p = join(tmp, 'not.json')
    writeFileSync(p, '{"version":')
    const { code, out } = await runCli(['verify', 'receipt', p])
    expect(code).toBe(1)
    expect(out.error.code).toBe('MalformedInput')
  })
})

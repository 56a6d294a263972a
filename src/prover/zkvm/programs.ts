import { MalformedInputError } from '../../errors/base.ts'
import { P } from '../vm/field.ts'
import { imageId } from '../vm/imageId.ts'
import type { Program } from '../vm/isa.ts'
import { checksum, checksumInput, checksumReference } from '../vm/programs/checksum.ts'
import { fibonacci, fibonacciInput, fibonacciReference } from '../vm/programs/fibonacci.ts'
import { sort, sortInput, sortReference } from '../vm/programs/sort.ts'

/** Names of the shipped zkVM programs (docs/zkvm.md, "Programs"). */
export const PROGRAM_NAMES = ['fibonacci', 'sort', 'checksum'] as const
export type ProgramName = (typeof PROGRAM_NAMES)[number]

/** Longest input text accepted (characters): 1 MiB. */
export const MAX_INPUT_TEXT = 1 << 20
/** Most words a checksum input may hold. */
export const MAX_CHECKSUM_WORDS = 1 << 16

/**
 * A shipped program: its code, how a person writes its input, and how its journal reads.
 * `parseInput` turns text into the input words the program reads; `reference` is what its journal must
 * be (plain TypeScript, for tests and display); `describeJournal` is one short line for people.
 */
export type ProgramEntry = {
  readonly name: ProgramName
  readonly title: string
  readonly program: Program
  /** keccak-256(code ‖ entry), 0x-hex. */
  readonly imageId: `0x${string}`
  /** What the input text is, for labels and `--help`. */
  readonly inputHelp: string
  readonly exampleInput: string
  /** @throws {MalformedInputError} for text that is not a valid input of this program. */
  parseInput(text: string): number[]
  /** Journal of the program on these input words (the words `parseInput` returns). */
  reference(input: readonly number[]): number[]
  /** One line, e.g. "fib(5000) mod p = 1125198908". */
  describeJournal(journal: readonly number[], input: readonly number[]): string
}

const bad = (name: string, details: string) => new MalformedInputError({ what: `${name} input`, details })

/** Decimal integers separated by commas and/or whitespace, each in [0, max). */
function parseWords(name: string, text: string, max: number, maxCount: number): number[] {
  if (text.length > MAX_INPUT_TEXT) throw bad(name, `${text.length} characters; at most ${MAX_INPUT_TEXT}`)
  const parts = text.split(/[\s,]+/).filter(Boolean)
  if (parts.length > maxCount) throw bad(name, `${parts.length} numbers; at most ${maxCount}`)
  return parts.map((s) => {
    if (!/^[0-9]{1,10}$/.test(s)) throw bad(name, `${s.slice(0, 20)} is not a decimal integer`)
    const n = Number(s)
    if (n >= max) throw bad(name, `${s} is not below ${max}`)
    return n
  })
}

const list = (ws: readonly number[], max = 12) => (ws.length > max ? `${ws.slice(0, max).join(', ')}, … (${ws.length} words)` : ws.join(', '))

const ENTRIES: Record<ProgramName, ProgramEntry> = {
  fibonacci: {
    name: 'fibonacci',
    title: 'Fibonacci',
    program: fibonacci,
    imageId: imageId(fibonacci),
    inputHelp: 'n, a decimal integer (6n + 6 cycles)',
    exampleInput: '300',
    parseInput(text) {
      const ws = parseWords('fibonacci', text, P, 1)
      if (ws.length !== 1) throw bad('fibonacci', 'give one integer n')
      return fibonacciInput(ws[0] as number)
    },
    reference: (input) => fibonacciReference(input[0] ?? 0),
    describeJournal: (journal, input) => `fib(${input[0] ?? '?'}) mod p = ${journal.join(', ')}`,
  },
  sort: {
    name: 'sort',
    title: 'Sort',
    program: sort,
    imageId: imageId(sort),
    inputHelp: 'up to 256 integers below 2^24, comma-separated (insertion sort)',
    exampleInput: '5,3,9,1',
    parseInput: (text) => sortInput(parseWords('sort', text, 2 ** 24, 256)),
    reference: (input) => sortReference(input.slice(1)),
    describeJournal: (journal) => `sorted: [${list(journal)}]`,
  },
  checksum: {
    name: 'checksum',
    title: 'Checksum',
    program: checksum,
    imageId: imageId(checksum),
    inputHelp: `up to ${MAX_CHECKSUM_WORDS} integers below p = ${P}, comma-separated (Adler-style checksum mod p)`,
    exampleInput: '1,2,3',
    parseInput: (text) => checksumInput(parseWords('checksum', text, P, MAX_CHECKSUM_WORDS)),
    reference: (input) => checksumReference(input.slice(1)),
    describeJournal: (journal) => `checksum a = ${journal[0] ?? '?'}, b = ${journal[1] ?? '?'}`,
  },
}

/** `isX` never throws. */
export function isProgramName(v: unknown): v is ProgramName {
  return typeof v === 'string' && (PROGRAM_NAMES as readonly string[]).includes(v)
}

/** The shipped program of that name. */
export function getProgram(name: ProgramName): ProgramEntry {
  return ENTRIES[name]
}

/** Every shipped program. */
export const PROGRAMS: readonly ProgramEntry[] = PROGRAM_NAMES.map((n) => ENTRIES[n])

/** The shipped program with this image id (case-insensitive), or undefined for an unknown program. */
export function programByImageId(id: string): ProgramEntry | undefined {
  const lower = id.toLowerCase()
  return PROGRAMS.find((p) => p.imageId === lower)
}

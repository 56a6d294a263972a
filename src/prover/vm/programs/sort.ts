import { MalformedInputError } from '../../../errors/base.ts'
import { assemble } from '../assembler.ts'
import { LT_BOUND, MEM_WORDS, type Program } from '../isa.ts'

/**
 * Insertion sort. Input: [n, x_0, …, x_{n-1}] with n ≤ 256 and every x_i < 2^24 (BLT's range).
 * Journal: the n words in ascending order. Exit code 0. Memory words 0..n-1 hold the array.
 */
export const SORT_ASM = `
        read  r1              ; n
        li    r2, 0           ; i
rd:     beq   r2, r1, sort
        read  r3
        store [r2], r3
        addi  r2, r2, 1
        jmp   rd
sort:   li    r2, 1           ; i = 1
outer:  blt   r2, r1, body    ; i < n
        jmp   out
body:   load  r3, [r2]        ; key = mem[i]
        mov   r4, r2          ; j = i
inner:  beq   r4, r0, place   ; j == 0
        load  r5, [r4 - 1]
        blt   r3, r5, shift   ; key < mem[j-1]
        jmp   place
shift:  store [r4], r5
        addi  r4, r4, -1
        jmp   inner
place:  store [r4], r3
        addi  r2, r2, 1
        jmp   outer
out:    li    r2, 0
wr:     beq   r2, r1, done
        load  r3, [r2]
        write r3
        addi  r2, r2, 1
        jmp   wr
done:   halt 0
`

/** The assembled sort program. */
export const sort: Program = assemble(SORT_ASM)

/**
 * Input words for `xs`.
 * @throws {MalformedInputError} more than 256 words, or a word not an integer in [0, 2^24).
 */
export function sortInput(xs: readonly number[]): number[] {
  if (xs.length > MEM_WORDS) throw new MalformedInputError({ what: 'sort input', details: `${xs.length} words; at most ${MEM_WORDS}` })
  for (const x of xs) {
    if (!Number.isInteger(x) || x < 0 || x >= LT_BOUND) throw new MalformedInputError({ what: 'sort input', details: `${x} is not an integer in [0, 2^24)` })
  }
  return [xs.length, ...xs]
}

/** Plain TypeScript reference: ascending order. */
export function sortReference(xs: readonly number[]): number[] {
  return [...xs].sort((a, b) => a - b)
}

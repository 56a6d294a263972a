import { assemble } from '../assembler.ts'
import { P } from '../field.ts'
import type { Program } from '../isa.ts'

/**
 * Fibonacci. Input: [n]. Journal: [fib(n) mod p] with fib(0) = 0, fib(1) = 1. Exit code 0.
 * Cycles: exactly 6n + 6 (n = 5000 → 30006). r0 stays 0 throughout.
 */
export const FIBONACCI_ASM = `
        read r1             ; n
        li   r2, 0          ; a = fib(i)
        li   r3, 1          ; b = fib(i + 1)
loop:   beq  r1, r0, done   ; while n != 0
        add  r4, r2, r3
        mov  r2, r3
        mov  r3, r4
        addi r1, r1, -1
        jmp  loop
done:   write r2
        halt 0
`

/** The assembled Fibonacci program. */
export const fibonacci: Program = assemble(FIBONACCI_ASM)

/** Input words for n (an integer in [0, p)). */
export function fibonacciInput(n: number): number[] {
  return [n]
}

/** Plain TypeScript reference: [fib(n) mod p]. */
export function fibonacciReference(n: number): number[] {
  let a = 0n
  let b = 1n
  for (let i = 0; i < n; i++) [a, b] = [b, (a + b) % BigInt(P)]
  return [Number(a)]
}

/** Cycle count of the Fibonacci program on n: 6n + 6. */
export function fibonacciCycles(n: number): number {
  return 6 * n + 6
}

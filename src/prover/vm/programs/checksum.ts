import { assemble } from '../assembler.ts'
import { P } from '../field.ts'
import type { Program } from '../isa.ts'

/**
 * Adler-style checksum over BabyBear. Input: [n, w_0, …, w_{n-1}], words in [0, p).
 * a = 1 + Σ w_i mod p; b = Σ_i (a after w_i) mod p. Journal: [a, b]. Exit code 0. Cycles: 6n + 7.
 */
export const CHECKSUM_ASM = `
        read r1             ; n
        li   r2, 1          ; a
        li   r3, 0          ; b
loop:   beq  r1, r0, done
        read r4
        add  r2, r2, r4     ; a += w
        add  r3, r3, r2     ; b += a
        addi r1, r1, -1
        jmp  loop
done:   write r2
        write r3
        halt 0
`

/** The assembled checksum program. */
export const checksum: Program = assemble(CHECKSUM_ASM)

/** Input words for `ws` (each in [0, p); the executor rejects others). */
export function checksumInput(ws: readonly number[]): number[] {
  return [ws.length, ...ws]
}

/** Plain TypeScript reference: [a, b] as specified above. */
export function checksumReference(ws: readonly number[]): number[] {
  const p = BigInt(P)
  let a = 1n
  let b = 0n
  for (const w of ws) {
    a = (a + BigInt(w)) % p
    b = (b + a) % p
  }
  return [Number(a), Number(b)]
}

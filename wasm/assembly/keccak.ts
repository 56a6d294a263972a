// Keccak-256 (the original Keccak padding 0x01, as Ethereum uses; not SHA3-256) over bytes in linear
// memory; output 32 bytes. Spec: https://keccak.team/files/Keccak-reference-3.0.pdf (Keccak-f[1600], r = 1088).
// The permutation keeps the 25 lanes in locals, one round unrolled (θ folded into ρ/π); lanes are
// little-endian u64, so lane k of a block is load<u64>(block + 8k).

const RC: StaticArray<u64> = [
  0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000, 0x000000000000808b, 0x0000000080000001,
  0x8000000080008081, 0x8000000000008009, 0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
  0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003, 0x8000000000008002, 0x8000000000000080,
  0x000000000000800a, 0x800000008000000a, 0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
]
// State and tail block in static data (memory.data), so nothing lives on the heap callers write to.
const S: usize = memory.data(25 * 8)
const BLOCK: usize = memory.data(136)
const RATE: u32 = 136

/** Keccak-f[1600] on the 200-byte state at `st`, in place. */
export function keccakF(st: usize): void {
  let a0 = load<u64>(st, 0), a1 = load<u64>(st, 8), a2 = load<u64>(st, 16), a3 = load<u64>(st, 24), a4 = load<u64>(st, 32)
  let a5 = load<u64>(st, 40), a6 = load<u64>(st, 48), a7 = load<u64>(st, 56), a8 = load<u64>(st, 64), a9 = load<u64>(st, 72)
  let a10 = load<u64>(st, 80), a11 = load<u64>(st, 88), a12 = load<u64>(st, 96), a13 = load<u64>(st, 104), a14 = load<u64>(st, 112)
  let a15 = load<u64>(st, 120), a16 = load<u64>(st, 128), a17 = load<u64>(st, 136), a18 = load<u64>(st, 144), a19 = load<u64>(st, 152)
  let a20 = load<u64>(st, 160), a21 = load<u64>(st, 168), a22 = load<u64>(st, 176), a23 = load<u64>(st, 184), a24 = load<u64>(st, 192)
  for (let round = 0; round < 24; round++) {
    const c0 = a0 ^ a5 ^ a10 ^ a15 ^ a20
    const c1 = a1 ^ a6 ^ a11 ^ a16 ^ a21
    const c2 = a2 ^ a7 ^ a12 ^ a17 ^ a22
    const c3 = a3 ^ a8 ^ a13 ^ a18 ^ a23
    const c4 = a4 ^ a9 ^ a14 ^ a19 ^ a24
    const d0 = c4 ^ rotl<u64>(c1, 1)
    const d1 = c0 ^ rotl<u64>(c2, 1)
    const d2 = c1 ^ rotl<u64>(c3, 1)
    const d3 = c2 ^ rotl<u64>(c4, 1)
    const d4 = c3 ^ rotl<u64>(c0, 1)
    const b0 = a0 ^ d0
    const b1 = rotl<u64>(a6 ^ d1, 44)
    const b2 = rotl<u64>(a12 ^ d2, 43)
    const b3 = rotl<u64>(a18 ^ d3, 21)
    const b4 = rotl<u64>(a24 ^ d4, 14)
    const b5 = rotl<u64>(a3 ^ d3, 28)
    const b6 = rotl<u64>(a9 ^ d4, 20)
    const b7 = rotl<u64>(a10 ^ d0, 3)
    const b8 = rotl<u64>(a16 ^ d1, 45)
    const b9 = rotl<u64>(a22 ^ d2, 61)
    const b10 = rotl<u64>(a1 ^ d1, 1)
    const b11 = rotl<u64>(a7 ^ d2, 6)
    const b12 = rotl<u64>(a13 ^ d3, 25)
    const b13 = rotl<u64>(a19 ^ d4, 8)
    const b14 = rotl<u64>(a20 ^ d0, 18)
    const b15 = rotl<u64>(a4 ^ d4, 27)
    const b16 = rotl<u64>(a5 ^ d0, 36)
    const b17 = rotl<u64>(a11 ^ d1, 10)
    const b18 = rotl<u64>(a17 ^ d2, 15)
    const b19 = rotl<u64>(a23 ^ d3, 56)
    const b20 = rotl<u64>(a2 ^ d2, 62)
    const b21 = rotl<u64>(a8 ^ d3, 55)
    const b22 = rotl<u64>(a14 ^ d4, 39)
    const b23 = rotl<u64>(a15 ^ d0, 41)
    const b24 = rotl<u64>(a21 ^ d1, 2)
    a0 = b0 ^ (~b1 & b2)
    a1 = b1 ^ (~b2 & b3)
    a2 = b2 ^ (~b3 & b4)
    a3 = b3 ^ (~b4 & b0)
    a4 = b4 ^ (~b0 & b1)
    a5 = b5 ^ (~b6 & b7)
    a6 = b6 ^ (~b7 & b8)
    a7 = b7 ^ (~b8 & b9)
    a8 = b8 ^ (~b9 & b5)
    a9 = b9 ^ (~b5 & b6)
    a10 = b10 ^ (~b11 & b12)
    a11 = b11 ^ (~b12 & b13)
    a12 = b12 ^ (~b13 & b14)
    a13 = b13 ^ (~b14 & b10)
    a14 = b14 ^ (~b10 & b11)
    a15 = b15 ^ (~b16 & b17)
    a16 = b16 ^ (~b17 & b18)
    a17 = b17 ^ (~b18 & b19)
    a18 = b18 ^ (~b19 & b15)
    a19 = b19 ^ (~b15 & b16)
    a20 = b20 ^ (~b21 & b22)
    a21 = b21 ^ (~b22 & b23)
    a22 = b22 ^ (~b23 & b24)
    a23 = b23 ^ (~b24 & b20)
    a24 = b24 ^ (~b20 & b21)
    a0 ^= unchecked(RC[round])
  }
  store<u64>(st, a0, 0); store<u64>(st, a1, 8); store<u64>(st, a2, 16); store<u64>(st, a3, 24); store<u64>(st, a4, 32)
  store<u64>(st, a5, 40); store<u64>(st, a6, 48); store<u64>(st, a7, 56); store<u64>(st, a8, 64); store<u64>(st, a9, 72)
  store<u64>(st, a10, 80); store<u64>(st, a11, 88); store<u64>(st, a12, 96); store<u64>(st, a13, 104); store<u64>(st, a14, 112)
  store<u64>(st, a15, 120); store<u64>(st, a16, 128); store<u64>(st, a17, 136); store<u64>(st, a18, 144); store<u64>(st, a19, 152)
  store<u64>(st, a20, 160); store<u64>(st, a21, 168); store<u64>(st, a22, 176); store<u64>(st, a23, 184); store<u64>(st, a24, 192)
}

@inline function absorb(block: usize): void {
  for (let i: usize = 0; i < 17; i++) store<u64>(S + (i << 3), load<u64>(S + (i << 3)) ^ load<u64>(block + (i << 3)))
  keccakF(S)
}

/** Keccak-256 of `len` bytes at `input`; writes 32 bytes at `output` (may overlap the input). */
export function keccak256(input: usize, len: u32, output: usize): void {
  memory.fill(S, 0, 25 * 8)
  let off: u32 = 0
  for (; off + RATE <= len; off += RATE) absorb(input + off)
  const rest = len - off
  memory.fill(BLOCK, 0, RATE)
  memory.copy(BLOCK, input + off, rest)
  store<u8>(BLOCK + rest, load<u8>(BLOCK + rest) | 0x01)
  store<u8>(BLOCK + RATE - 1, load<u8>(BLOCK + RATE - 1) | 0x80)
  absorb(BLOCK)
  memory.copy(output, S, 32)
}

/** Keccak-256 of exactly 64 bytes at `input` (a Merkle node: left ‖ right); 32 bytes at `output` (may overlap). */
export function keccak64(input: usize, output: usize): void {
  for (let i: usize = 0; i < 8; i++) store<u64>(S + (i << 3), load<u64>(input + (i << 3)))
  store<u64>(S, 0x01, 64)
  for (let i: usize = 9; i < 25; i++) store<u64>(S + (i << 3), 0)
  store<u64>(S, 0x8000000000000000, 128)
  keccakF(S)
  memory.copy(output, S, 32)
}

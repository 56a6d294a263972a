// Keccak-256 (the original Keccak padding 0x01, as Ethereum uses; not SHA3-256) over bytes in linear
// memory; output 32 bytes. Spec: https://keccak.team/files/Keccak-reference-3.0.pdf (Keccak-f[1600], r = 1088).

const RC: StaticArray<u64> = [
  0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000, 0x000000000000808b, 0x0000000080000001,
  0x8000000080008081, 0x8000000000008009, 0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
  0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003, 0x8000000000008002, 0x8000000000000080,
  0x000000000000800a, 0x800000008000000a, 0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
]
const ROT: StaticArray<u32> = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14]
// State and scratch in static data (memory.data), so nothing lives on the heap callers write to.
const S: usize = memory.data(25 * 8)
const B: usize = memory.data(25 * 8)
const C: usize = memory.data(5 * 8)
const BLOCK: usize = memory.data(136)
@inline function s(i: i32): u64 {
  return load<u64>(S + (<usize>i << 3))
}
@inline function setS(i: i32, v: u64): void {
  store<u64>(S + (<usize>i << 3), v)
}
@inline function b(i: i32): u64 {
  return load<u64>(B + (<usize>i << 3))
}
@inline function c(i: i32): u64 {
  return load<u64>(C + (<usize>i << 3))
}
const RATE: u32 = 136

function keccakF(): void {
  for (let round = 0; round < 24; round++) {
    // θ
    for (let x = 0; x < 5; x++) store<u64>(C + (<usize>x << 3), s(x) ^ s(x + 5) ^ s(x + 10) ^ s(x + 15) ^ s(x + 20))
    for (let x = 0; x < 5; x++) {
      const d = c((x + 4) % 5) ^ rotl<u64>(c((x + 1) % 5), 1)
      for (let y = 0; y < 25; y += 5) setS(y + x, s(y + x) ^ d)
    }
    // ρ and π
    for (let x = 0; x < 5; x++) {
      for (let y = 0; y < 5; y++) {
        const i = x + 5 * y
        store<u64>(B + (<usize>(y + 5 * ((2 * x + 3 * y) % 5)) << 3), rotl<u64>(s(i), <u64>unchecked(ROT[i])))
      }
    }
    // χ
    for (let y = 0; y < 25; y += 5) {
      for (let x = 0; x < 5; x++) setS(y + x, b(y + x) ^ (~b(y + ((x + 1) % 5)) & b(y + ((x + 2) % 5))))
    }
    // ι
    setS(0, s(0) ^ unchecked(RC[round]))
  }
}

function absorb(block: usize): void {
  for (let i = 0; i < 17; i++) setS(i, s(i) ^ load<u64>(block + (<usize>i << 3)))
  keccakF()
}

/** Keccak-256 of `len` bytes at `input`; writes 32 bytes at `output`. */
export function keccak256(input: usize, len: u32, output: usize): void {
  memory.fill(S, 0, 25 * 8)
  let off: u32 = 0
  for (; off + RATE <= len; off += RATE) absorb(input + off)
  const block = BLOCK
  const rest = len - off
  memory.fill(block, 0, RATE)
  memory.copy(block, input + off, rest)
  store<u8>(block + rest, load<u8>(block + rest) | 0x01)
  store<u8>(block + RATE - 1, load<u8>(block + RATE - 1) | 0x80)
  absorb(block)
  for (let i = 0; i < 4; i++) store<u64>(output + (<usize>i << 3), s(i))
}

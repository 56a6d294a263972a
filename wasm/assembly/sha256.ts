// SHA-256 (FIPS 180-4 §6.2) over bytes in linear memory. Big-endian words; output 32 bytes.
// Spec: https://nvlpubs.nist.gov/nistpubs/FIPS/NIST.FIPS.180-4.pdf

const K: StaticArray<u32> = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]
// Scratch in static data (memory.data), so nothing lives on the heap callers write to.
const W: usize = memory.data(64 * 4)
const H: usize = memory.data(8 * 4)
const TAIL: usize = memory.data(128)
@inline function w(i: i32): u32 {
  return load<u32>(W + (<usize>i << 2))
}
@inline function setW(i: i32, v: u32): void {
  store<u32>(W + (<usize>i << 2), v)
}
@inline function h(i: i32): u32 {
  return load<u32>(H + (<usize>i << 2))
}
@inline function setH(i: i32, v: u32): void {
  store<u32>(H + (<usize>i << 2), v)
}

@inline function bswap32(x: u32): u32 {
  return ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >> 8) & 0xff00) | (x >>> 24)
}

function compress(block: usize): void {
  for (let i = 0; i < 16; i++) setW(i, bswap32(load<u32>(block + (<usize>i << 2))))
  for (let i = 16; i < 64; i++) {
    const w15 = w(i - 15)
    const w2 = w(i - 2)
    const s0 = rotr<u32>(w15, 7) ^ rotr<u32>(w15, 18) ^ (w15 >>> 3)
    const s1 = rotr<u32>(w2, 17) ^ rotr<u32>(w2, 19) ^ (w2 >>> 10)
    setW(i, w(i - 16) + s0 + w(i - 7) + s1)
  }
  let a = h(0), b = h(1), c = h(2), d = h(3)
  let e = h(4), f = h(5), g = h(6), hh = h(7)
  for (let i = 0; i < 64; i++) {
    const S1 = rotr<u32>(e, 6) ^ rotr<u32>(e, 11) ^ rotr<u32>(e, 25)
    const ch = (e & f) ^ (~e & g)
    const t1 = hh + S1 + ch + unchecked(K[i]) + w(i)
    const S0 = rotr<u32>(a, 2) ^ rotr<u32>(a, 13) ^ rotr<u32>(a, 22)
    const maj = (a & b) ^ (a & c) ^ (b & c)
    const t2 = S0 + maj
    hh = g
    g = f
    f = e
    e = d + t1
    d = c
    c = b
    b = a
    a = t1 + t2
  }
  setH(0, h(0) + a)
  setH(1, h(1) + b)
  setH(2, h(2) + c)
  setH(3, h(3) + d)
  setH(4, h(4) + e)
  setH(5, h(5) + f)
  setH(6, h(6) + g)
  setH(7, h(7) + hh)
}

/** SHA-256 of `len` bytes at `input`; writes 32 bytes at `output`. */
export function sha256(input: usize, len: u32, output: usize): void {
  setH(0, 0x6a09e667)
  setH(1, 0xbb67ae85)
  setH(2, 0x3c6ef372)
  setH(3, 0xa54ff53a)
  setH(4, 0x510e527f)
  setH(5, 0x9b05688c)
  setH(6, 0x1f83d9ab)
  setH(7, 0x5be0cd19)
  const full = len & ~63
  for (let off: u32 = 0; off < full; off += 64) compress(input + off)
  const rest = len - full
  const tail = TAIL
  memory.fill(tail, 0, 128)
  memory.copy(tail, input + full, rest)
  store<u8>(tail + rest, 0x80)
  const blocks: u32 = rest + 9 > 64 ? 2 : 1
  const bits: u64 = <u64>len << 3
  const end = tail + (blocks << 6)
  for (let i = 0; i < 8; i++) store<u8>(end - 1 - i, <u8>(bits >> (<u64>i << 3)))
  compress(tail)
  if (blocks == 2) compress(tail + 64)
  for (let i = 0; i < 8; i++) store<u32>(output + (<usize>i << 2), bswap32(h(i)))
}

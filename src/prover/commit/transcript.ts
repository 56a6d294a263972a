import { InvalidProofOfWorkError, InvalidProverInputError } from '../../errors/prover.ts'
import { keccak256Wasm } from '../../kernels/kernels.ts'
import { type Base, encodeBase, P, readU32le } from '../field/babybear.ts'
import { type Ext4, encodeExt4 } from '../field/ext4.ts'

/**
 * Keccak-256 Fiat–Shamir transcript, duplex style: a 32-byte state, replaced by a hash of itself and
 * each domain-separated message. Byte-for-byte specification: docs/zkvm-stark.md, "Transcript".
 * Labels are ASCII strings of 1..255 bytes. Keccak is the project's WASM kernel.
 */
export const TRANSCRIPT_DOMAIN = 'lightbus-stark-v1'

/** Message kinds (one byte after the state). */
export const KIND = { bytes: 0x01, base: 0x02, ext4: 0x03, digest: 0x04, pow: 0x05, squeezeBase: 0x10, squeezeIndex: 0x11 } as const

const ascii = (s: string): Uint8Array => {
  const b = Uint8Array.from(s, (c) => c.charCodeAt(0))
  if (b.length === 0 || b.length > 255 || b.some((x) => x > 0x7f))
    throw new InvalidProverInputError({ what: 'transcript label', reason: `"${s}" is not 1..255 ASCII bytes` })
  return b
}
const u32le = (v: number) => new Uint8Array([v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff])
/** 8 bytes little-endian of a safe integer ≥ 0. */
export function u64le(v: number): Uint8Array {
  const lo = v % 2 ** 32
  const out = new Uint8Array(8)
  out.set(u32le(lo), 0)
  out.set(u32le((v - lo) / 2 ** 32), 4)
  return out
}
const cat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

/** Leading zero bits of a digest, most significant bit of byte 0 first. */
export function leadingZeroBits(h: Uint8Array): number {
  let n = 0
  for (const b of h) {
    if (b === 0) {
      n += 8
      continue
    }
    return n + Math.clz32(b) - 24
  }
  return n
}

export class Transcript {
  #state: Uint8Array

  /** state_0 = keccak256("lightbus-stark-v1" ‖ u8(len(label)) ‖ label). */
  constructor(label: string) {
    const l = ascii(label)
    this.#state = keccak256Wasm(cat([ascii(TRANSCRIPT_DOMAIN), new Uint8Array([l.length]), l]))
  }

  /** A copy of the current 32-byte state. */
  get state(): Uint8Array {
    return this.#state.slice()
  }

  #absorb(kind: number, label: string, data: Uint8Array): void {
    const l = ascii(label)
    this.#state = keccak256Wasm(cat([this.#state, new Uint8Array([kind, l.length]), l, u32le(data.length), data]))
  }

  /** Absorbs raw bytes (kind 0x01). */
  absorbBytes(label: string, data: Uint8Array): void {
    this.#absorb(KIND.bytes, label, data)
  }

  /** Absorbs base elements, 4 bytes LE each (kind 0x02). */
  absorbBase(label: string, xs: ArrayLike<Base>): void {
    this.#absorb(KIND.base, label, encodeBase(xs))
  }

  /** Absorbs extension elements, 16 bytes each (kind 0x03). */
  absorbExt4(label: string, xs: readonly Ext4[]): void {
    this.#absorb(KIND.ext4, label, encodeExt4(xs))
  }

  /** Absorbs a 32-byte digest such as a Merkle root (kind 0x04). */
  absorbDigest(label: string, digest: Uint8Array): void {
    if (digest.length !== 32) throw new InvalidProverInputError({ what: 'digest', reason: `${digest.length} bytes, expected 32` })
    this.#absorb(KIND.digest, label, digest)
  }

  /** Tries h_c = keccak256(state ‖ kind ‖ u8(len) ‖ label ‖ u32le(c)) for c = 0, 1, … until accept(u32le(h_c[0..4])) ≠ null; then state = h_c. */
  #squeeze<T>(kind: number, label: string, accept: (v: number) => T | null): T {
    const l = ascii(label)
    const head = cat([this.#state, new Uint8Array([kind, l.length]), l])
    for (let c = 0; ; c++) {
      const h = keccak256Wasm(cat([head, u32le(c)]))
      const r = accept(readU32le(h, 0))
      if (r !== null) {
        this.#state = h
        return r
      }
    }
  }

  /** A uniform base element: v = u32le(h[0..4]) & 0x7fffffff, rejected and re-hashed with the next counter while v ≥ p (kind 0x10). */
  squeezeBase(label: string): Base {
    return this.#squeeze(KIND.squeezeBase, label, (v) => {
      const x = v & 0x7fffffff
      return x < P ? x : null
    })
  }

  /** A uniform extension element: four squeezeBase(label) calls give c0, c1, c2, c3 in order. */
  squeezeExt4(label: string): Ext4 {
    return [this.squeezeBase(label), this.squeezeBase(label), this.squeezeBase(label), this.squeezeBase(label)]
  }

  /**
   * count uniform indices in [0, n), 1 ≤ n ≤ 2^32: each is v mod n for the first v = u32le(h[0..4])
   * below floor(2^32 / n)·n (kind 0x11), so there is no modulo bias.
   */
  squeezeIndices(label: string, count: number, n: number): number[] {
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new InvalidProverInputError({ what: 'index range', reason: `${n} is not in [1, 2^32]` })
    const limit = Math.floor(2 ** 32 / n) * n
    return Array.from({ length: count }, () => this.#squeeze(KIND.squeezeIndex, label, (v) => (v < limit ? v % n : null)))
  }

  /** Leading zero bits of keccak256(state ‖ u64le(nonce)). */
  powBits(nonce: number): number {
    return leadingZeroBits(keccak256Wasm(cat([this.#state, u64le(nonce)])))
  }

  /** Finds the least nonce with powBits(nonce) ≥ bits, absorbs it (kind 0x05, label "pow") and returns it. Expected 2^bits hashes. */
  grind(bits: number): number {
    if (!Number.isInteger(bits) || bits < 0 || bits > 40) throw new InvalidProverInputError({ what: 'grinding bits', reason: `${bits} is not in [0, 40]` })
    // powBits(nonce) without per-nonce allocations: state ‖ u64le(nonce) in one reused buffer.
    const buf = new Uint8Array(this.#state.length + 8)
    buf.set(this.#state)
    const view = new DataView(buf.buffer, this.#state.length, 8)
    let nonce = 0
    for (; ; nonce++) {
      view.setUint32(0, nonce % 2 ** 32, true)
      view.setUint32(4, Math.floor(nonce / 2 ** 32), true)
      if (leadingZeroBits(keccak256Wasm(buf)) >= bits) break
    }
    this.#absorb(KIND.pow, 'pow', u64le(nonce))
    return nonce
  }

  /**
   * Checks a grinding nonce and absorbs it like {@link grind}.
   * @throws {InvalidProofOfWorkError} if powBits(nonce) < bits or nonce is not a safe integer ≥ 0.
   */
  checkPow(bits: number, nonce: number): void {
    if (!Number.isSafeInteger(nonce) || nonce < 0 || this.powBits(nonce) < bits) throw new InvalidProofOfWorkError({ bits, nonce })
    this.#absorb(KIND.pow, 'pow', u64le(nonce))
  }
}

import { concat, keccak256, stringToBytes } from 'viem'
import { describe, expect, it } from 'vitest'
import { InvalidProofOfWorkError } from '../../errors/prover.ts'
import { P } from '../field/babybear.ts'
import { leadingZeroBits, Transcript } from './transcript.ts'

/** Independent, straightforward reimplementation of docs/zkvm-stark.md "Transcript" with viem keccak256. */
class RefTranscript {
  s: Uint8Array
  constructor(label: string) {
    this.s = keccak256(concat([stringToBytes('lightbus-stark-v1'), new Uint8Array([label.length]), stringToBytes(label)]), 'bytes')
  }
  le32(v: number) {
    const b = new Uint8Array(4)
    new DataView(b.buffer).setUint32(0, v, true)
    return b
  }
  absorb(kind: number, label: string, data: Uint8Array) {
    this.s = keccak256(concat([this.s, new Uint8Array([kind, label.length]), stringToBytes(label), this.le32(data.length), data]), 'bytes')
  }
  elems(xs: number[]) {
    return concat(xs.map((x) => this.le32(x)))
  }
  draw(kind: number, label: string): number {
    for (let c = 0; ; c++) {
      const h = keccak256(concat([this.s, new Uint8Array([kind, label.length]), stringToBytes(label), this.le32(c)]), 'bytes')
      const v = new DataView(h.buffer, h.byteOffset).getUint32(0, true)
      const accept = kind === 0x10 ? v % 2 ** 31 < P : true // 0x11: caller's n is a power of two, so every v is accepted
      if (accept) {
        this.s = h
        return kind === 0x10 ? v % 2 ** 31 : v
      }
    }
  }
  pow(nonce: number) {
    const b = new Uint8Array(8)
    new DataView(b.buffer).setBigUint64(0, BigInt(nonce), true)
    return keccak256(concat([this.s, b]), 'bytes')
  }
}

describe('Keccak-256 Fiat–Shamir transcript', () => {
  it('follows the specification byte for byte (checked against a viem reimplementation)', () => {
    const t = new Transcript('fib-segment')
    const r = new RefTranscript('fib-segment')
    expect(t.state).toEqual(r.s)
    const root = keccak256(stringToBytes('root'), 'bytes')
    t.absorbDigest('trace-root', root)
    r.absorb(0x04, 'trace-root', root)
    t.absorbBase('public', [0, 1, P - 1])
    r.absorb(0x02, 'public', r.elems([0, 1, P - 1]))
    t.absorbExt4('ood', [[1, 2, 3, 4]])
    r.absorb(0x03, 'ood', r.elems([1, 2, 3, 4]))
    t.absorbBytes('raw', new Uint8Array([9, 8]))
    r.absorb(0x01, 'raw', new Uint8Array([9, 8]))
    expect(t.state).toEqual(r.s)
    const alphas = Array.from({ length: 50 }, () => t.squeezeBase('alpha'))
    expect(alphas).toEqual(Array.from({ length: 50 }, () => r.draw(0x10, 'alpha')))
    expect(t.squeezeExt4('zeta')).toEqual([0, 1, 2, 3].map(() => r.draw(0x10, 'zeta')))
    expect(t.squeezeIndices('query', 20, 1024)).toEqual(Array.from({ length: 20 }, () => r.draw(0x11, 'query') % 1024))
    const nonce = t.grind(8)
    let n = 0
    while (leadingZeroBits(r.pow(n)) < 8) n++
    expect(nonce).toBe(n)
    r.absorb(
      0x05,
      'pow',
      (() => {
        const b = new Uint8Array(8)
        new DataView(b.buffer).setBigUint64(0, BigInt(n), true)
        return b
      })(),
    )
    expect(t.state).toEqual(r.s)
  })

  it('is deterministic and separates labels and kinds', () => {
    const a = new Transcript('x')
    const b = new Transcript('x')
    a.absorbBase('m', [1])
    b.absorbBase('m', [1])
    expect(a.squeezeBase('c')).toBe(b.squeezeBase('c'))
    const c = new Transcript('x')
    c.absorbBytes('m', new Uint8Array([1, 0, 0, 0]))
    const d = new Transcript('x')
    d.absorbBase('m', [1])
    expect(c.state).not.toEqual(d.state)
  })

  it('indices are in range for non-powers of two', () => {
    const t = new Transcript('idx')
    for (const i of t.squeezeIndices('q', 200, 3)) expect(i >= 0 && i < 3).toBe(true)
  })

  it('checkPow accepts the ground nonce and rejects a wrong one', () => {
    const a = new Transcript('pow')
    const b = new Transcript('pow')
    const nonce = a.grind(10)
    expect(leadingZeroBits(new Uint8Array([0, 0x0f]))).toBe(12)
    expect(b.powBits(nonce)).toBeGreaterThanOrEqual(10)
    const c = new Transcript('pow')
    let bad = 0
    while (c.powBits(bad) >= 10) bad++
    expect(() => c.checkPow(10, bad)).toThrow(InvalidProofOfWorkError)
    b.checkPow(10, nonce)
    expect(b.state).toEqual(a.state)
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MalformedFriProofError } from '../../errors/prover.ts'
import { ctx, expectRejected, PARAMS, prove } from '../../test/fri.ts'
import { decodeFriProof, encodeFriProof } from './encoding.ts'
import { verifyFri } from './verifier.ts'

const LOG_DEGREE = 5
const proof = prove(LOG_DEGREE, 2 ** LOG_DEGREE, 11)
const bytes = encodeFriProof(proof)

describe('FRI proof encoding', () => {
  it('round-trips and the decoded proof verifies', () => {
    const back = decodeFriProof(bytes)
    expect(back).toEqual(proof)
    expect(encodeFriProof(back)).toEqual(bytes)
    expect(() => verifyFri(back, LOG_DEGREE, PARAMS, ctx())).not.toThrow()
  })

  it('rejects truncation and trailing bytes', () => {
    for (const cut of [0, 1, 16, 17, bytes.length - 1]) expect(() => decodeFriProof(bytes.subarray(0, cut))).toThrow(MalformedFriProofError)
    const longer = new Uint8Array(bytes.length + 1)
    longer.set(bytes)
    expect(() => decodeFriProof(longer)).toThrow(MalformedFriProofError)
  })

  it('rejects a non-canonical element and a nonce ≥ 2^53', () => {
    const nonCanonical = bytes.slice()
    const firstCoeff = 17 + 32 * proof.layerRoots.length
    nonCanonical.set([0xff, 0xff, 0xff, 0xff], firstCoeff)
    expect(() => decodeFriProof(nonCanonical)).toThrow(MalformedFriProofError)
    const bigNonce = bytes.slice()
    bigNonce[16] = 0x01
    expect(() => decodeFriProof(bigNonce)).toThrow(MalformedFriProofError)
  })

  it('one flipped byte anywhere is rejected with a typed error', () => {
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), (pos, mask) => {
        const b = bytes.slice()
        b[pos] = (b[pos] as number) ^ mask
        expectRejected(() => verifyFri(decodeFriProof(b), LOG_DEGREE, PARAMS, ctx()))
      }),
      { numRuns: 300 },
    )
  })

  it('every header byte flip is rejected', () => {
    for (let pos = 0; pos < 17; pos++) {
      const b = bytes.slice()
      b[pos] = (b[pos] as number) ^ 0x01
      expectRejected(() => verifyFri(decodeFriProof(b), LOG_DEGREE, PARAMS, ctx()))
    }
  })
})

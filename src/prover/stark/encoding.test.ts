import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MalformedStarkProofError } from '../../errors/prover.ts'
import { DEFAULT_FRI_PARAMS } from '../fri/params.ts'
import { FIBONACCI_AIR, fibonacciTrace, toColumns } from './air.ts'
import { decodeStarkProof, encodeStarkProof } from './encoding.ts'
import { proveStark } from './prover.ts'
import { verifyStark } from './verifier.ts'

const L = 'stark-encoding-test'
const P0 = DEFAULT_FRI_PARAMS
const { trace, output } = fibonacciTrace(8)
const proof = await proveStark(FIBONACCI_AIR, toColumns(trace, 2), [output], P0, L)
const bytes = encodeStarkProof(proof)

describe('STARK proof encoding (default parameters, n = 8)', () => {
  it('round-trips and the decoded proof verifies', async () => {
    const decoded = decodeStarkProof(bytes)
    expect(encodeStarkProof(decoded)).toEqual(bytes)
    expect(() => verifyStark(FIBONACCI_AIR, decoded, [output], P0, L)).not.toThrow()
  })

  it('rejects truncation and trailing bytes', async () => {
    expect(() => decodeStarkProof(bytes.subarray(0, bytes.length - 1))).toThrow(MalformedStarkProofError)
    expect(() => decodeStarkProof(Uint8Array.from([...bytes, 0]))).toThrow(MalformedStarkProofError)
    expect(() => decodeStarkProof(bytes.subarray(0, 5))).toThrow(MalformedStarkProofError)
  })

  it('a flipped bit anywhere in the proof makes decoding or verification fail', async () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 0, max: 7 }), (i, bit) => {
        const b = bytes.slice()
        b[i] = (b[i] as number) ^ (1 << bit)
        expect(() => verifyStark(FIBONACCI_AIR, decodeStarkProof(b), [output], P0, L)).toThrow()
      }),
      { numRuns: 300 },
    )
  })

  it('every region of the proof is covered: a flip in each of header, roots, OOD values, openings and FRI part is rejected', async () => {
    const w = 2
    const oodEnd = 12 + 64 + 16 * (2 * w + 4)
    for (const i of [1, 4, 8, 40, 72, oodEnd - 1, oodEnd, oodEnd + 8, bytes.length - 700, bytes.length - 1]) {
      const b = bytes.slice()
      b[i] = (b[i] as number) ^ 1
      expect(() => verifyStark(FIBONACCI_AIR, decodeStarkProof(b), [output], P0, L)).toThrow()
    }
  })
})

import { describe, expect, it } from 'vitest'
import { ctx, PARAMS, randomEvals } from '../../test/fri.ts'
import { tsBackend } from '../backend/ts.ts'
import { wasmBackend } from '../backend/wasm.ts'
import { encodeFriProof } from './encoding.ts'
import { proveFriIndexed } from './prover.ts'
import { flatten } from './proverFlat.ts'

/** FRI with a prover backend (flat layers, backend folds and trees) gives the reference proof, byte for byte. */
describe('proveFriIndexed with a backend', () => {
  it.each([2, 3, 5, 7, 10])('equals the reference, degree < 2^%i', async (logDegree) => {
    const values = randomEvals(logDegree, logDegree + PARAMS.logBlowup, 2 ** logDegree)
    const ref = await proveFriIndexed(values, logDegree, PARAMS, ctx())
    for (const backend of [tsBackend, wasmBackend])
      for (const input of [values, flatten(values)]) {
        const got = await proveFriIndexed(input, logDegree, PARAMS, ctx(), true, backend)
        expect(got.indices).toEqual(ref.indices)
        expect(encodeFriProof(got.proof)).toEqual(encodeFriProof(ref.proof))
      }
    expect(encodeFriProof((await proveFriIndexed(flatten(values), logDegree, PARAMS, ctx())).proof)).toEqual(encodeFriProof(ref.proof))
  })
})

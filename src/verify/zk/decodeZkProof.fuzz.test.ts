import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { BaseError } from '../../errors/base.ts'
import { ERROR_CODES } from '../../errors/serialize.ts'
import { groth16Vectors, plonkVectors } from '../../test/zkVectors.ts'
import { createMclBackend } from '../groth16/mclBackend.ts'
import type { Groth16Backend } from '../groth16/types.ts'
import { decodeZkProof } from './decodeZkProof.ts'
import { ZK_FAMILIES, type ZkFamily } from './types.ts'
import { verifyZkClaim } from './verifyZkProof.ts'

// Any input, for every family, is decoded (and verified) or fails with a typed error of a known code:
// never a TypeError/RangeError (serialized as `Unknown`), never a prototype lookup.
let mcl: Groth16Backend
beforeAll(async () => {
  mcl = await createMclBackend()
})

const codes = new Set<string>(ERROR_CODES)
function outcome(family: ZkFamily, json: unknown): string {
  try {
    verifyZkClaim(mcl, decodeZkProof(family, json))
    return 'ok'
  } catch (e) {
    if (!(e instanceof BaseError)) throw new TypeError(`untyped error for ${family}: ${String(e)}`)
    expect(codes).toContain(e.code)
    return e.code
  }
}

const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'v6.0.0', '0x', '0x0', '-1', '1e3', ''),
  fc.constantFrom({ toString: 1 }, { valueOf: 'x' }, [null], [[[]]], Number.NaN, -1, 2 ** 60),
  fc.string({ unit: fc.constantFrom('0', '1', 'a', 'f', 'x'), maxLength: 80 }).map((s) => `0x${s}`),
)

/** Every path to a leaf or node of a JSON value. */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix)
  if (v && typeof v === 'object' && prefix.length < 4) for (const [k, x] of Object.entries(v)) paths(x, [...prefix, Array.isArray(v) ? Number(k) : k], out)
  return out
}
function setAt(root: any, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value
  let o = root
  for (const k of path.slice(0, -1)) o = o[k]
  Object.defineProperty(o, path.at(-1) as string | number, { value, enumerable: true, writable: true, configurable: true })
  return root
}

describe('decodeZkProof on any input fails only with typed errors', () => {
  for (const family of ZK_FAMILIES) {
    it(`${family}: random JSON`, () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.jsonValue(), nasty, fc.dictionary(fc.constantFrom('step', 'rotate', 'initial', 'seal', 'proof', 'programVkey', 'sp1Version'), nasty)),
          (j) => {
            outcome(family, j)
          },
        ),
        { numRuns: 200 },
      )
    })
  }
  const vectors = [...groth16Vectors(), ...plonkVectors().map((json, i) => ({ name: `plonk ${i}`, family: 'sp1' as const, json }))]
  for (const v of vectors) {
    const all = paths(v.json)
    it(`${v.name}: mutated real proof`, () => {
      fc.assert(
        fc.property(fc.nat(all.length - 1), nasty, (i, value) => {
          const j = setAt(structuredClone(v.json), all[i] as (string | number)[], value)
          outcome(v.family, j)
        }),
        { numRuns: 60 },
      )
    })
  }
})

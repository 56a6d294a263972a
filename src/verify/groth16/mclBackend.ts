import * as mcl from 'mcl-wasm'
import { InvalidCurvePointError } from '../../errors/zk.ts'
import { assertCoordinates, type G1Affine, type G2Affine, type Groth16Backend, type Groth16Proof, type Groth16VerifyingKey } from './types.ts'

/**
 * Groth16 over BN254 on mcl-wasm (herumi/mcl compiled to WASM; curve `BN_SNARK1` = alt_bn128).
 * Per key it caches the Miller loop of e(α, β) and precomputed G2 lines for γ and δ, so a verify is
 * one full Miller loop (A, B), one double precomputed loop (Σ, γ)(C, δ) and one final exponentiation.
 * Points: G1 must be on the curve (cofactor 1), G2 on the twist and in the order-r subgroup
 * (`verifyOrderG2`), neither at infinity, coordinates < p.
 * Equation: https://eprint.iacr.org/2016/260 §3.2, as checked by snarkjs `groth16.verify`.
 */
type Prepared = { mlAlphaBeta: mcl.GT; gamma: mcl.PrecomputedG2; delta: mcl.PrecomputedG2; ic: mcl.G1[] }

let ready: Promise<void> | undefined
export const initMcl = () => {
  ready ??= mcl.init(mcl.BN_SNARK1).then(() => mcl.verifyOrderG2(true))
  return ready
}

function toG1(p: G1Affine, name: string): mcl.G1 {
  assertCoordinates(name, [p[0], p[1]])
  if (p[0] === 0n && p[1] === 0n) throw new InvalidCurvePointError({ point: name, reason: 'point at infinity' })
  const P = new mcl.G1()
  try {
    P.setStr(`1 ${p[0]} ${p[1]}`, 10)
  } catch (cause) {
    throw new InvalidCurvePointError({ point: name, reason: 'not on curve', cause })
  }
  return P
}

function toG2(p: G2Affine, name: string): mcl.G2 {
  assertCoordinates(name, [p[0][0], p[0][1], p[1][0], p[1][1]])
  if ([p[0][0], p[0][1], p[1][0], p[1][1]].every((c) => c === 0n)) throw new InvalidCurvePointError({ point: name, reason: 'point at infinity' })
  const text = `1 ${p[0][0]} ${p[0][1]} ${p[1][0]} ${p[1][1]}`
  const Q = new mcl.G2()
  try {
    Q.setStr(text, 10)
  } catch (cause) {
    // Tell the two failures apart: parse again without the order check.
    mcl.verifyOrderG2(false)
    let onCurve = true
    try {
      new mcl.G2().setStr(text, 10)
    } catch {
      onCurve = false
    } finally {
      mcl.verifyOrderG2(true)
    }
    throw new InvalidCurvePointError({ point: name, reason: onCurve ? 'not in subgroup' : 'not on curve', cause })
  }
  return Q
}

/** @returns the mcl backend, after initialising the WASM once (memoised). */
export async function createMclBackend(): Promise<Groth16Backend> {
  await initMcl()
  const cache = new Map<string, Prepared>()
  const prepare = (vk: Groth16VerifyingKey): Prepared => {
    let p = cache.get(vk.id)
    if (!p) {
      p = {
        mlAlphaBeta: mcl.millerLoop(toG1(vk.alpha, 'vk.alpha'), toG2(vk.beta, 'vk.beta')),
        gamma: new mcl.PrecomputedG2(toG2(vk.gamma, 'vk.gamma')),
        delta: new mcl.PrecomputedG2(toG2(vk.delta, 'vk.delta')),
        ic: vk.ic.map((q, i) => toG1(q, `vk.IC[${i}]`)),
      }
      cache.set(vk.id, p)
    }
    return p
  }
  return {
    name: 'mcl-wasm',
    verify(vk: Groth16VerifyingKey, inputs: readonly bigint[], proof: Groth16Proof): boolean {
      const k = prepare(vk)
      const A = toG1(proof.a, 'proof.A')
      const B = toG2(proof.b, 'proof.B')
      const C = toG1(proof.c, 'proof.C')
      let acc = k.ic[0] as mcl.G1
      if (inputs.length > 0) {
        const frs = inputs.map((x) => {
          const f = new mcl.Fr()
          f.setStr(x.toString(10), 10)
          return f
        })
        acc = mcl.add(acc, mcl.mulVec(k.ic.slice(1, inputs.length + 1), frs))
      }
      const f = mcl.mul(mcl.mul(mcl.millerLoop(mcl.neg(A), B), k.mlAlphaBeta), mcl.precomputedMillerLoop2(acc, k.gamma, C, k.delta))
      return mcl.finalExp(f).isOne()
    },
  }
}

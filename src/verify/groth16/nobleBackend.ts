import { bn254 } from '@noble/curves/bn254.js'
import { InvalidCurvePointError } from '../../errors/zk.ts'
import { assertCoordinates, type G1Affine, type G2Affine, type Groth16Backend, type Groth16Proof, type Groth16VerifyingKey } from './types.ts'

/**
 * Groth16 over BN254 on @noble/curves (audited, pure JS): the reference backend the WASM one is
 * differentially tested against. Same point rules as `mclBackend.ts`.
 */
const classify = (e: unknown) => (/subgroup/i.test(e instanceof Error ? e.message : '') ? 'not in subgroup' : 'not on curve')

function g1(p: G1Affine, name: string) {
  assertCoordinates(name, [p[0], p[1]])
  if (p[0] === 0n && p[1] === 0n) throw new InvalidCurvePointError({ point: name, reason: 'point at infinity' })
  try {
    const P = bn254.G1.Point.fromAffine({ x: p[0], y: p[1] })
    P.assertValidity()
    return P
  } catch (cause) {
    throw new InvalidCurvePointError({ point: name, reason: classify(cause), cause })
  }
}

function g2(p: G2Affine, name: string) {
  assertCoordinates(name, [p[0][0], p[0][1], p[1][0], p[1][1]])
  if ([p[0][0], p[0][1], p[1][0], p[1][1]].every((c) => c === 0n)) throw new InvalidCurvePointError({ point: name, reason: 'point at infinity' })
  try {
    const P = bn254.G2.Point.fromAffine({ x: { c0: p[0][0], c1: p[0][1] }, y: { c0: p[1][0], c1: p[1][1] } })
    P.assertValidity()
    return P
  } catch (cause) {
    throw new InvalidCurvePointError({ point: name, reason: classify(cause), cause })
  }
}

export function createNobleBackend(): Groth16Backend {
  return {
    name: '@noble/curves',
    verify(vk: Groth16VerifyingKey, inputs: readonly bigint[], proof: Groth16Proof): boolean {
      const A = g1(proof.a, 'proof.A')
      const B = g2(proof.b, 'proof.B')
      const C = g1(proof.c, 'proof.C')
      let acc = g1(vk.ic[0] as G1Affine, 'vk.IC[0]')
      inputs.forEach((x, i) => {
        const ic = g1(vk.ic[i + 1] as G1Affine, `vk.IC[${i + 1}]`)
        if (x !== 0n) acc = acc.add(ic.multiplyUnsafe(x))
      })
      const gt = bn254.pairingBatch([
        { g1: A.negate(), g2: B },
        { g1: g1(vk.alpha, 'vk.alpha'), g2: g2(vk.beta, 'vk.beta') },
        { g1: acc, g2: g2(vk.gamma, 'vk.gamma') },
        { g1: C, g2: g2(vk.delta, 'vk.delta') },
      ])
      return bn254.fields.Fp12.eql(gt, bn254.fields.Fp12.ONE)
    },
  }
}

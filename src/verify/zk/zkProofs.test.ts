import { bn254 } from '@noble/curves/bn254.js'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { MalformedInputError } from '../../errors/base.ts'
import {
  ClaimRejectedError,
  InvalidCurvePointError,
  InvalidGroth16ProofError,
  InvalidPublicInputError,
  UnknownSelectorError,
  UnsupportedProofSystemError,
} from '../../errors/zk.ts'
import { readFixture } from '../../test/fixtures.ts'
import { groth16Vectors, plonkVectors } from '../../test/zkVectors.ts'
import { createMclBackend } from '../groth16/mclBackend.ts'
import { createNobleBackend } from '../groth16/nobleBackend.ts'
import type { Groth16Backend } from '../groth16/types.ts'
import { BN254_P, BN254_R } from '../groth16/types.ts'
import { verifyGroth16 } from '../groth16/verifyGroth16.ts'
import { hexBytes, toHex } from './bytes.ts'
import { decodeZkProof } from './decodeZkProof.ts'
import { risc0ClaimDigest } from './risc0.ts'
import { verifyZkClaim, verifyZkProof } from './verifyZkProof.ts'

/** b' of the BN254 twist E': y² = x³ + 3/(9 + i). */
const TWIST_B = (() => {
  const Fp2 = bn254.fields.Fp2
  return Fp2.div(Fp2.create({ c0: 3n, c1: 0n }), Fp2.create({ c0: 9n, c1: 1n }))
})()

let mcl: Groth16Backend
const noble = createNobleBackend()
beforeAll(async () => {
  mcl = await createMclBackend()
})

const outcome = (backend: Groth16Backend, family: string, json: unknown) => {
  try {
    verifyZkClaim(backend, decodeZkProof(family as never, json))
    return 'ok'
  } catch (e) {
    return (e as { code?: string }).code ?? 'thrown'
  }
}

describe('real vectors verify on both backends', () => {
  for (const v of groth16Vectors()) {
    it(v.name, () => {
      const claim = decodeZkProof(v.family, v.json)
      for (const b of [mcl, noble]) expect(() => verifyZkClaim(b, claim)).not.toThrow()
    })
  }
})

describe('derived public inputs and attested facts', () => {
  it('Telepathy step input equals the contract-derived value in the fixture', () => {
    const f = readFixture('zk/telepathy/slot6000991.json')
    const c = decodeZkProof('telepathy-step', f)
    expect(c.checks[0].publicInputs[0]?.toString()).toBe(f.step.inputs[0])
    expect(c.facts).toMatchObject({ attestedSlot: 6000991, finalizedSlot: 6000896, participation: 509 })
    expect(c.facts.executionStateRoot).toBe(f.step.executionStateRoot)
  })
  it('Telepathy rotate takes 65 inputs', () => {
    expect(decodeZkProof('telepathy-rotate', readFixture('zk/telepathy/slot6000991.json')).checks[0].publicInputs).toHaveLength(65)
  })
  it('RISC Zero V3.0 claim digest (worked example) and version from the selector', () => {
    const r = readFixture('zk/risc0/TestReceiptV3_0.json')
    expect(toHex(risc0ClaimDigest(hexBytes(r.imageId, 'imageId'), hexBytes(r.journal, 'journal')))).toBe(
      '0x196cb48d86169e90c105e595a02aef4cbc6e2c9e5a9caa1a74c2ebbd29211480',
    )
    const c = decodeZkProof('risc0', r)
    expect(c.version).toBe('3.0.0')
    expect(new TextDecoder().decode(hexBytes(c.output, 'journal'))).toBe('just a simple receipt')
  })
  it('SP1-Helios public values decode to the light-client facts', () => {
    const h = readFixture('zk/sp1-helios/sepolia_v2.0.0_contracts_proof_bin.json')
    const c = decodeZkProof('sp1-helios', h)
    expect(c.facts.newHead).toBe(h.decodedProofOutputs.newHead)
    expect(c.facts.executionStateRoot).toBe(h.decodedProofOutputs.executionStateRoot)
    expect(c.checks[0].publicInputs[1]?.toString()).toBe(h.publicValuesDigestDecimal)
  })
})

describe('tampering (differential: both backends must agree)', () => {
  const flipHexAt = (hex: string, i: number) => {
    const pos = 2 + (i % (hex.length - 2))
    return hex.slice(0, pos) + (Number.parseInt(hex[pos] as string, 16) ^ 1).toString(16) + hex.slice(pos + 1)
  }
  // Every field that feeds a public input or the proof, for each family.
  const mutations: Record<string, ((j: any, i: number) => void)[]> = {
    'telepathy-step': [
      (j, i) => {
        j.step.attestedSlot = String(Number(j.step.attestedSlot) + 1 + (i % 7))
      },
      (j, i) => {
        j.step.participation = String(Number(j.step.participation) - 1 - (i % 5))
      },
      (j, i) => {
        j.step.finalizedHeaderRoot = flipHexAt(j.step.finalizedHeaderRoot, i)
      },
      (j, i) => {
        j.step.executionStateRoot = flipHexAt(j.step.executionStateRoot, i)
      },
      (j, i) => {
        j.step.a[i % 2] = (BigInt(j.step.a[i % 2]) ^ 1n).toString()
      },
      (j, i) => {
        j.step.c[i % 2] = (BigInt(j.step.c[i % 2]) + 1n).toString()
      },
    ],
    'telepathy-rotate': [
      (j, i) => {
        j.rotate.syncCommitteeSSZ = flipHexAt(j.rotate.syncCommitteeSSZ, i)
      },
      (j) => {
        j.rotate.syncCommitteePoseidon = (BigInt(j.rotate.syncCommitteePoseidon) + 1n).toString()
      },
      (j, i) => {
        j.step.finalizedHeaderRoot = flipHexAt(j.step.finalizedHeaderRoot, i)
      },
    ],
    risc0: [
      (j, i) => {
        j.journal = flipHexAt(j.journal, i)
      },
      (j, i) => {
        j.imageId = flipHexAt(j.imageId, i)
      },
      (j, i) => {
        j.seal = flipHexAt(j.seal, 8 + (i % 512))
      },
    ],
    sp1: [
      (j, i) => {
        j.publicValues = flipHexAt(j.publicValues, i)
      },
      (j, i) => {
        j.programVkey = flipHexAt(j.programVkey, 2 + (i % 62))
      },
      (j, i) => {
        j.proof = flipHexAt(j.proof, 8 + (i % 512))
      },
    ],
    'sp1-helios': [
      (j, i) => {
        j.publicValues = flipHexAt(j.publicValues, i)
      },
      (j, i) => {
        j.encodedProof = flipHexAt(j.encodedProof, i % 512)
      },
    ],
  }
  for (const v of groth16Vectors()) {
    it(`${v.name}: any one changed input or proof byte is rejected`, () => {
      const muts = mutations[v.family] ?? []
      fc.assert(
        fc.property(fc.nat(muts.length - 1), fc.nat(4096), (which, position) => {
          const j = structuredClone(v.json)
          ;(muts[which] as (j: any, i: number) => void)(j, position)
          const a = outcome(mcl, v.family, j)
          expect(a).not.toBe('ok')
          expect(outcome(noble, v.family, j)).toBe(a)
        }),
        { numRuns: 16 },
      )
    })
  }
})

describe('typed errors', () => {
  const receipt = () => readFixture('zk/risc0/TestReceiptV3_0.json')
  it('unknown selector', () => {
    const r = receipt()
    r.seal = `0xdeadbeef${r.seal.slice(10)}`
    expect(() => decodeZkProof('risc0', r)).toThrow(UnknownSelectorError)
    const s = readFixture('zk/sp1/test_groth16_v4.0.0-rc.3.json')
    s.proof = `0x01020304${s.proof.slice(10)}`
    expect(() => decodeZkProof('sp1', s)).toThrow(UnknownSelectorError)
  })
  it('wrong lengths and malformed JSON', () => {
    const r = receipt()
    r.seal = r.seal.slice(0, -2)
    expect(() => decodeZkProof('risc0', r)).toThrow(MalformedInputError)
    expect(() => decodeZkProof('risc0', { ...receipt(), imageId: '0x1234' })).toThrow(MalformedInputError)
    expect(() => decodeZkProof('telepathy-step', { step: { attestedSlot: 'x' } })).toThrow(MalformedInputError)
    expect(() => decodeZkProof('sp1', null)).toThrow(MalformedInputError)
  })
  it('SP1 v6: exit code and vk root are checked before the pairing', () => {
    const v4 = readFixture('zk/sp1/test_groth16_v4.0.0-rc.3.json')
    const hashes = readFixture('zk/sp1/verifier_hashes.json')
    const words = v4.proof.slice(10) // the 256 proof bytes, without the v4 selector
    const v6 = (exitCode: string, vkRoot: string) => ({
      programVkey: v4.programVkey,
      publicValues: v4.publicValues,
      proof: `${hashes['v6.0.0'].groth16.slice(0, 10)}${exitCode}${vkRoot}${'00'.repeat(32)}${words}`,
    })
    const goodRoot = hashes['v6.0.0'].vkRoot.slice(2)
    expect(() => decodeZkProof('sp1', v6(`${'00'.repeat(31)}01`, goodRoot))).toThrow(ClaimRejectedError)
    expect(() => decodeZkProof('sp1', v6('00'.repeat(32), hashes['v6.1.0'].vkRoot.slice(2)))).toThrow(ClaimRejectedError)
    // well-formed v6 claim: 5 public inputs; this (v4) proof then fails the v6 key's pairing check
    const c = decodeZkProof('sp1', v6('00'.repeat(32), goodRoot))
    expect(c.checks[0].publicInputs).toHaveLength(5)
    expect(() => verifyZkClaim(mcl, c)).toThrow(InvalidGroth16ProofError)
  })
  it('SP1 PLONK is unsupported, not guessed', () => {
    for (const p of plonkVectors()) expect(() => decodeZkProof('sp1', p)).toThrow(UnsupportedProofSystemError)
  })
  it('off-curve, non-subgroup, infinity and out-of-range points, on both backends', () => {
    const [base] = decodeZkProof('telepathy-step', readFixture('zk/telepathy/slot6000991.json')).checks
    const offCurveA = { ...base.proof, a: [base.proof.a[0], base.proof.a[1] + 1n] as const }
    const infinityC = { ...base.proof, c: [0n, 0n] as const }
    const outOfRange = { ...base.proof, a: [base.proof.a[0] + BN254_P, base.proof.a[1]] as const }
    // A point on the twist y² = x³ + b' outside the order-r subgroup (the twist's cofactor is not 1).
    const Fp2 = bn254.fields.Fp2
    let onTwist: { x: { c0: bigint; c1: bigint }; y: { c0: bigint; c1: bigint } } | undefined
    for (let i = 1n; !onTwist; i++) {
      const x = Fp2.create({ c0: i, c1: 1n })
      try {
        const y = Fp2.sqrt(Fp2.add(Fp2.mul(Fp2.sqr(x), x), TWIST_B))
        onTwist = { x, y }
      } catch {}
    }
    const nonSubgroupB = {
      ...base.proof,
      b: [
        [onTwist.x.c0, onTwist.x.c1],
        [onTwist.y.c0, onTwist.y.c1],
      ] as const,
    }
    for (const b of [mcl, noble]) {
      const err = (proof: typeof base.proof) => {
        try {
          verifyGroth16(b, 'telepathy-step', base.vk, base.publicInputs, proof)
          return null
        } catch (e) {
          return e as InvalidCurvePointError
        }
      }
      expect(err(offCurveA)).toBeInstanceOf(InvalidCurvePointError)
      expect(err(offCurveA)?.shortMessage).toMatch(/not on curve/)
      expect(err(infinityC)?.shortMessage).toMatch(/infinity/)
      expect(err(outOfRange)?.shortMessage).toMatch(/out of range/)
      const sub = err(nonSubgroupB)
      expect(sub).toBeInstanceOf(InvalidCurvePointError)
      expect(sub?.shortMessage, b.name).toMatch(/not in subgroup/)
    }
  })
  it('public inputs ≥ r and wrong counts', () => {
    const [c] = decodeZkProof('telepathy-step', readFixture('zk/telepathy/slot6000991.json')).checks
    expect(() => verifyGroth16(mcl, 'x', c.vk, [BN254_R], c.proof)).toThrow(InvalidPublicInputError)
    expect(() => verifyGroth16(mcl, 'x', c.vk, [1n, 2n], c.proof)).toThrow(InvalidPublicInputError)
    expect(() => verifyGroth16(mcl, 'x', c.vk, [(c.publicInputs[0] as bigint) ^ 1n], c.proof)).toThrow(InvalidGroth16ProofError)
  })
})

describe('what a proof proves (issue 7 item 6)', () => {
  const helios = () => readFixture('zk/sp1-helios/sepolia_v2.0.0_contracts_proof_bin.json')
  /** The real SP1 v4 test vector repacked in the SP1-Helios file format: a valid SP1 proof of a program that is not SP1-Helios. */
  const foreignProgram = () => {
    const v4 = readFixture('zk/sp1/test_groth16_v4.0.0-rc.3.json')
    return { sp1Version: 'v4.0.0-rc.3', programVkey: v4.programVkey, publicValues: v4.publicValues, encodedProof: `0x${v4.proof.slice(10)}` }
  }
  it('an SP1-Helios proof of a known program is zkPoS', () => {
    const c = decodeZkProof('sp1-helios', helios())
    expect(c.kind).toBe('zkpos')
    expect(c.statement).toMatch(/proof of Ethereum consensus by the SP1-Helios program/)
    expect(c.facts.heliosProgram).toMatch(/succinctlabs\/sp1-helios@7fdcc18/)
  })
  it('a valid SP1 proof of another program in the sp1-helios format is an unknown program, not zkPoS', () => {
    const c = decodeZkProof('sp1-helios', foreignProgram())
    expect(c.kind).toBe('unknown-program')
    expect(c.statement).toMatch(/^valid SP1 proof of an unknown program/)
    expect(c.facts.newHead).toBeUndefined()
    for (const b of [mcl, noble]) expect(() => verifyZkClaim(b, c)).not.toThrow()
  })
  it('prototype keys as versions are unknown selectors, not lookups on Object.prototype', () => {
    for (const sp1Version of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(() => decodeZkProof('sp1-helios', { ...helios(), sp1Version }), sp1Version).toThrow(UnknownSelectorError)
    }
    expect(() => decodeZkProof('sp1-helios', { ...helios(), sp1Version: { toString: 1 } })).toThrow(MalformedInputError)
    const s = readFixture('zk/sp1/test_groth16_v4.0.0-rc.3.json')
    expect(() => decodeZkProof('sp1', { ...s, verifierVersion: { toString: 1 } })).toThrow(MalformedInputError)
  })
  it('deeply nested and huge fields fail with typed errors, in bounded time', () => {
    let deep: unknown = []
    for (let i = 0; i < 200_000; i++) deep = [deep]
    const t0 = performance.now()
    expect(() => decodeZkProof('sp1', { ...readFixture('zk/sp1/test_groth16_v4.0.0-rc.3.json'), programVkey: deep })).toThrow(MalformedInputError)
    expect(() => decodeZkProof('risc0', { ...readFixture('zk/risc0/TestReceiptV3_0.json'), journal: deep })).toThrow(MalformedInputError)
    const step = readFixture('zk/telepathy/slot6000991.json')
    expect(() => decodeZkProof('telepathy-step', { ...step, step: { ...step.step, a: [deep, deep] } })).toThrow(MalformedInputError)
    expect(() => decodeZkProof('sp1', { ...readFixture('zk/sp1/test_groth16_v4.0.0-rc.3.json'), publicValues: `0x${'ab'.repeat(2 ** 21)}` })).toThrow(
      MalformedInputError,
    )
    expect(() => decodeZkProof('telepathy-step', { ...step, step: { ...step.step, participation: '9'.repeat(200_000) } })).toThrow(MalformedInputError)
    expect(() => decodeZkProof('telepathy-step', { ...step, step: { ...step.step, a: ['1'.repeat(200_000), '2'] } })).toThrow(MalformedInputError)
    expect(performance.now() - t0).toBeLessThan(5_000)
  })
  it('Telepathy participation below MIN_SYNC_COMMITTEE_PARTICIPANTS is rejected as the contract rejects it', () => {
    const f = readFixture('zk/telepathy/slot6000991.json')
    for (const participation of ['9', '0', '513'])
      for (const family of ['telepathy-step', 'telepathy-rotate'] as const)
        expect(() => decodeZkProof(family, { ...f, step: { ...f.step, participation } })).toThrow(ClaimRejectedError)
  })
  it('Telepathy claims carry the committee they rely on (commitment from the file) and the finality threshold', () => {
    const early = readFixture('zk/telepathy/periodBoundaryEarlySlot.json')
    const step = decodeZkProof('telepathy-step', early)
    expect(step.committee).toEqual({
      period: 615,
      syncCommitteePoseidon: early.initial.syncCommitteePoseidon,
      participation: 386,
      meetsFinalityThreshold: true,
    })
    const rotate = decodeZkProof('telepathy-rotate', readFixture('zk/telepathy/periodBoundaryLateSlot.json'))
    expect(rotate.committee?.next).toMatchObject({ period: 615, syncCommitteePoseidon: early.initial.syncCommitteePoseidon })
  })
})

describe('a Telepathy rotate proves its period only with its step proof (attacker review: rotate facts from unverified fields)', () => {
  const early = () => readFixture('zk/telepathy/periodBoundaryEarlySlot.json')
  /** The review's vector: the step's finalized slot moved 7 periods on, participation 512, step proof replaced by garbage points. */
  const tampered = () => {
    const f = early()
    f.step.finalizedSlot += 8192 * 7
    f.step.participation = '512'
    f.step.a = ['1', '2']
    f.step.b = [
      ['1', '2'],
      ['3', '4'],
    ]
    f.step.c = ['1', '2']
    delete f.step.inputs
    return f
  }
  const withoutStepProof = (f: any) => {
    delete f.step.a
    delete f.step.b
    delete f.step.c
    delete f.step.inputs
    return f
  }
  it('the real rotate verifies both its proofs, and files the commitment for period 615', () => {
    for (const b of [mcl, noble]) {
      const r = verifyZkProof(b, 'telepathy-rotate', early())
      expect(r.kind).toBe('zkpos')
      expect(r.checks.map((c) => [c.label, c.verifyingKeyId, c.publicInputs.length])).toEqual([
        ['rotate', 'telepathy-rotate', 65],
        ['embedded step', 'telepathy-step', 1],
      ])
      expect(r.committee).toMatchObject({ participation: 386, meetsFinalityThreshold: true, next: { period: 615 } })
      expect(r.facts).toMatchObject({ finalizedSlot: 5038016, participation: 386 })
    }
  })
  it('the tampered rotate (period 622, 512/512, garbage step proof) is never verified', () => {
    for (const b of [mcl, noble])
      expect(() => verifyZkProof(b, 'telepathy-rotate', tampered())).toThrow(/telepathy-rotate \(embedded step\)|not in subgroup|on curve/)
    // Garbage points aside: the real step proof does not prove the moved slot or the participation either.
    const moved = early()
    moved.step.finalizedSlot += 8192 * 7
    delete moved.step.inputs
    expect(outcome(mcl, 'telepathy-rotate', moved)).toBe('InvalidGroth16Proof')
    const full = { ...early(), step: { ...early().step, participation: '512', inputs: undefined } }
    expect(outcome(mcl, 'telepathy-rotate', full)).toBe('InvalidGroth16Proof')
    // Every caller verifies every check: dropping the embedded one is the only way the rotate alone would pass.
    const claim = decodeZkProof('telepathy-rotate', tampered())
    expect(claim.checks.map((c) => c.label)).toEqual(['rotate', 'embedded step'])
    expect(() => verifyZkClaim(mcl, claim)).toThrow()
    expect(() => verifyZkClaim(mcl, { ...claim, checks: [claim.checks[0]] })).not.toThrow()
  })
  it('a rotate without its step proof is "proof valid, period not proven": no period, participation or slot, not zkPoS', () => {
    for (const f of [withoutStepProof(early()), withoutStepProof(tampered())]) {
      const r = verifyZkProof(mcl, 'telepathy-rotate', f)
      expect(r.kind).toBe('proof-only')
      expect(r.notProven).toMatch(/no step proof/)
      expect(r.statement).toMatch(/period not proven/)
      expect(r.committee).toBeUndefined()
      expect(r.facts).not.toHaveProperty('finalizedSlot')
      expect(r.facts).not.toHaveProperty('participation')
      expect(r.checks).toHaveLength(1)
    }
  })
  it('a partial step proof is malformed; a rotate header root other than the step’s is rejected', () => {
    const partial = withoutStepProof(early())
    partial.step.a = ['1', '2']
    expect(() => decodeZkProof('telepathy-rotate', partial)).toThrow(MalformedInputError)
    const f = early()
    f.rotate.finalizedHeaderRoot = `0x${'11'.repeat(32)}`
    expect(() => decodeZkProof('telepathy-rotate', f)).toThrow(InvalidPublicInputError)
  })
})

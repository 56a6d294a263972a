import { beforeAll, describe, expect, it } from 'vitest'
import { BaseError, InputTooLargeError, MalformedInputError } from '../../errors/base.ts'
import { InclusionProofInvalidError, InvalidKzgEncodingError, KzgProofInvalidError, SidecarMismatchError } from '../../errors/storage.ts'
import { flipDigit, readSidecars } from '../../test/storageFixtures.ts'
import { hexToBytes } from '../hex.ts'
import { verifyCommitmentInclusion } from './inclusionProof.ts'
import { type Kzg, loadKzg } from './kzg.ts'
import { verifySidecars } from './sidecars.ts'

const BLOCK_ROOT = '0xc7d9a15af18c4e4db0f69d1e3d6b6f2b8b1ffea2291f65bb4134bbc4dece8782'
let kzg: Kzg
beforeAll(async () => {
  kzg = await loadKzg()
})

const tampered = (edit: (d: any) => void) => {
  const json = readSidecars()
  edit(json.data)
  return json
}

describe('verifySidecars on real Deneb sidecars (slot 1409759, blobs 0–2)', () => {
  it('verifies each blob proof and inclusion proof and returns the block root', async () => {
    const r = await verifySidecars(readSidecars(), kzg)
    expect(r.blockRoot).toBe(BLOCK_ROOT)
    expect(r.slot).toBe(1409759n)
    expect(r.sidecars.map((s) => s.versionedHash.slice(0, 10))).toEqual(['0x01d9e9f7', '0x01836577', '0x01579f7e'])
    expect(r.checks.length).toBe(1 + 2 * 3)
  })

  it('checks the block root against a verified one when given', async () => {
    await expect(verifySidecars(readSidecars(), kzg, { blockRoot: BLOCK_ROOT })).resolves.toBeDefined()
    await expect(verifySidecars(readSidecars(), kzg, { blockRoot: flipDigit(BLOCK_ROOT, 63) as `0x${string}` })).rejects.toBeInstanceOf(SidecarMismatchError)
  })

  const cases: [string, (d: any) => void, (e: unknown) => boolean][] = [
    ['a blob byte', (d) => (d[1].blob = flipDigit(d[1].blob, 4001)), (e) => e instanceof KzgProofInvalidError],
    [
      'the KZG proof',
      (d) => (d[0].kzg_proof = flipDigit(d[0].kzg_proof, 90)),
      (e) => e instanceof KzgProofInvalidError || e instanceof InvalidKzgEncodingError,
    ],
    // A changed commitment breaks the inclusion proof first.
    ['the commitment', (d) => (d[2].kzg_commitment = flipDigit(d[2].kzg_commitment, 90)), (e) => e instanceof InclusionProofInvalidError],
    [
      'an inclusion branch node',
      (d) => (d[0].kzg_commitment_inclusion_proof[5] = flipDigit(d[0].kzg_commitment_inclusion_proof[5], 10)),
      (e) => e instanceof InclusionProofInvalidError,
    ],
    ['the index', (d) => (d[0].index = '5'), (e) => e instanceof InclusionProofInvalidError],
    [
      'two swapped commitments',
      (d) => ([d[0].kzg_commitment, d[1].kzg_commitment] = [d[1].kzg_commitment, d[0].kzg_commitment]),
      (e) => e instanceof InclusionProofInvalidError,
    ],
    [
      'the body root of every header',
      (d) => {
        for (const s of d) s.signed_block_header.message.body_root = flipDigit(s.signed_block_header.message.body_root, 3)
      },
      (e) => e instanceof InclusionProofInvalidError,
    ],
    ['one header only', (d) => (d[2].signed_block_header.message.slot = '1409760'), (e) => e instanceof SidecarMismatchError],
    ['a repeated index', (d) => (d[2].index = '0'), (e) => e instanceof SidecarMismatchError],
    ['a short branch', (d) => d[0].kzg_commitment_inclusion_proof.pop(), (e) => e instanceof MalformedInputError],
    ['a missing field', (d) => delete d[1].kzg_proof, (e) => e instanceof MalformedInputError],
    ['a truncated blob', (d) => (d[0].blob = d[0].blob.slice(0, -2)), (e) => e instanceof MalformedInputError],
    ['a huge index', (d) => (d[0].index = '18446744073709551616'), (e) => e instanceof MalformedInputError],
  ]
  for (const [what, edit, expected] of cases) {
    it(`rejects a tampered ${what} with a typed error`, async () => {
      const err = await verifySidecars(tampered(edit), kzg).catch((e: unknown) => e)
      expect(expected(err), String(err)).toBe(true)
    })
  }

  it('rejects garbage of any shape with a typed error', async () => {
    const garbage: unknown[] = [null, 1, 'x', [], {}, { data: [] }, { data: {} }, { data: [null] }, { data: [{}] }, [[]], { data: Array(129).fill({}) }]
    for (const g of garbage) {
      const err = await verifySidecars(g, kzg).catch((e: unknown) => e)
      expect(err, JSON.stringify(g)?.slice(0, 40)).toBeInstanceOf(BaseError)
      expect(err instanceof MalformedInputError || err instanceof InputTooLargeError).toBe(true)
    }
  })
})

describe('verifyCommitmentInclusion', () => {
  const s = readSidecars().data[1]
  const args = () =>
    [
      hexToBytes(s.kzg_commitment, 'c', 48),
      Number(s.index),
      s.kzg_commitment_inclusion_proof.map((h: string) => hexToBytes(h, 'b', 32)),
      hexToBytes(s.signed_block_header.message.body_root, 'r', 32),
    ] as const
  it('accepts the real branch and rejects every single-node change', () => {
    const [c, i, branch, root] = args()
    verifyCommitmentInclusion(c, i, branch, root)
    for (let n = 0; n < branch.length; n++) {
      const b = branch.map((x: Uint8Array) => x.slice())
      b[n][31] ^= 1
      expect(() => verifyCommitmentInclusion(c, i, b, root)).toThrow(InclusionProofInvalidError)
    }
  })
  it('rejects bad shapes with MalformedInput', () => {
    const [c, i, branch, root] = args()
    expect(() => verifyCommitmentInclusion(c.subarray(1), i, branch, root)).toThrow(MalformedInputError)
    expect(() => verifyCommitmentInclusion(c, 4096, branch, root)).toThrow(MalformedInputError)
    expect(() => verifyCommitmentInclusion(c, -1, branch, root)).toThrow(MalformedInputError)
    expect(() => verifyCommitmentInclusion(c, i, branch.slice(1), root)).toThrow(MalformedInputError)
  })
})

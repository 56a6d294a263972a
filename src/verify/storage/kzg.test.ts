import { describe, expect, it } from 'vitest'
import { parseKzgCaseYaml } from '../../../cli/kzgYaml.ts'
import { BaseError } from '../../errors/base.ts'
import { InvalidKzgEncodingError, KzgProofInvalidError, MalformedBlobError } from '../../errors/storage.ts'
import { flipDigit, kzgCases, readSidecars } from '../../test/storageFixtures.ts'
import { hexToBytes } from '../hex.ts'
import { blobToKzgCommitment, kzgToVersionedHash, loadKzg, verifyBlobKzgProof, verifyKzgProof, warmKzg } from './kzg.ts'

const b = (h: unknown) => hexToBytes(h, 'test')

/** Runs a case: `true` when it verified, `false` for KzgProofInvalid, `null` for a typed input error. */
async function outcome(run: () => Promise<unknown>): Promise<boolean | null> {
  try {
    await run()
    return true
  } catch (e) {
    if (e instanceof KzgProofInvalidError) return false
    if (e instanceof BaseError && ['MalformedBlob', 'InvalidKzgEncoding', 'MalformedInput'].includes(e.code)) return null
    throw e
  }
}

describe('KZG (micro-eth-signer, fast setup) on consensus-spec-tests vectors', () => {
  it('loads once (cached promise) and warms up on the zero blob', async () => {
    expect(await loadKzg()).toBe(await loadKzg())
    expect(await warmKzg()).toBeGreaterThanOrEqual(0)
  })

  it('verify_kzg_proof: every case of the copied suite (122) gives its expected output', async () => {
    const kzg = await loadKzg()
    const cases = kzgCases('verify_kzg_proof')
    expect(cases.length).toBe(122)
    for (const { name, yaml } of cases) {
      const { input: i, output } = parseKzgCaseYaml(yaml, name)
      const got = await outcome(() => verifyKzgProof(b(i.commitment), b(i.z), b(i.y), b(i.proof), kzg))
      expect(got, name).toBe(output)
    }
  })

  it('verify_blob_kzg_proof: the copied cases give their expected output', async () => {
    const kzg = await loadKzg()
    const cases = kzgCases('verify_blob_kzg_proof')
    expect(cases.length).toBe(6)
    const seen = new Set<unknown>()
    for (const { name, yaml } of cases) {
      const { input: i, output } = parseKzgCaseYaml(yaml, name)
      const got = await outcome(() => verifyBlobKzgProof(b(i.blob), b(i.commitment), b(i.proof), kzg))
      expect(got, name).toBe(output)
      seen.add(output)
    }
    expect([...seen].sort()).toEqual([false, null, true].sort())
  })

  it('blob_to_kzg_commitment: the copied cases give their expected output', async () => {
    for (const { name, yaml } of kzgCases('blob_to_kzg_commitment')) {
      const { input, output } = parseKzgCaseYaml(yaml, name)
      const got = await blobToKzgCommitment(b(input.blob)).then(
        (c) => c,
        (e: unknown) => (e instanceof MalformedBlobError ? null : Promise.reject(e)),
      )
      expect(got, name).toBe(output)
    }
  })
})

describe('verifyBlobKzgProof on a real blob (sidecar 0 of slot 1409759)', () => {
  const s = readSidecars().data[0]
  it('returns the versioned hash', async () => {
    expect(await verifyBlobKzgProof(b(s.blob), b(s.kzg_commitment), b(s.kzg_proof))).toBe('0x01d9e9f788d4619f7a7c0cd9fad59fb8fd825ab7dd8541c93ae765e0d9f5fbdd')
    expect(kzgToVersionedHash(b(s.kzg_commitment))).toBe('0x01d9e9f788d4619f7a7c0cd9fad59fb8fd825ab7dd8541c93ae765e0d9f5fbdd')
  })

  it('rejects one flipped byte in the blob, commitment or proof with a typed error', async () => {
    await expect(verifyBlobKzgProof(b(flipDigit(s.blob, 1000 * 64 + 63)), b(s.kzg_commitment), b(s.kzg_proof))).rejects.toBeInstanceOf(KzgProofInvalidError)
    for (const [what, hex] of [
      ['commitment', s.kzg_commitment],
      ['proof', s.kzg_proof],
    ] as const) {
      for (const digit of [95, 40, 2]) {
        const flipped = flipDigit(hex, digit)
        const args = what === 'commitment' ? [s.blob, flipped, s.kzg_proof] : [s.blob, s.kzg_commitment, flipped]
        const err = await verifyBlobKzgProof(b(args[0]), b(args[1]), b(args[2])).catch((e: unknown) => e)
        expect(err instanceof KzgProofInvalidError || err instanceof InvalidKzgEncodingError, `${what} digit ${digit}`).toBe(true)
      }
    }
  })

  it('rejects a blob of the wrong size and a non-canonical field element', async () => {
    const blob = b(s.blob)
    await expect(verifyBlobKzgProof(blob.subarray(1), b(s.kzg_commitment), b(s.kzg_proof))).rejects.toBeInstanceOf(MalformedBlobError)
    const bad = blob.slice()
    bad.fill(0xff, 32 * 7, 32 * 8)
    await expect(verifyBlobKzgProof(bad, b(s.kzg_commitment), b(s.kzg_proof))).rejects.toBeInstanceOf(MalformedBlobError)
    await expect(verifyBlobKzgProof(blob, b(s.kzg_commitment).subarray(0, 47), b(s.kzg_proof))).rejects.toBeInstanceOf(InvalidKzgEncodingError)
  })
})

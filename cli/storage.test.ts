import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { flipDigit, readBlobTx, readSidecars, SHARED_KZG_VECTORS, STORAGE } from '../src/test/storageFixtures.ts'
import { runCli } from './testing.ts'

const tmp = mkdtempSync(join(tmpdir(), 'lightbus-storage-cli-'))
const write = (name: string, text: string) => {
  const p = join(tmp, name)
  writeFileSync(p, text)
  return p
}
const VECTORS = join(STORAGE, 'kzg-vectors')

describe('lightbus verify kzg', () => {
  it('runs the copied vectors (every handler present) and prints counts', async () => {
    const { code, out } = await runCli(['verify', 'kzg', '--vectors', VECTORS])
    expect(code).toBe(0)
    expect(out).toMatchObject({ ok: true, command: 'verify kzg', cases: 130, matched: 130, mismatched: 0 })
    expect(out.kinds.verify_kzg_proof).toEqual({ cases: 122, matched: 122 })
  })

  it('exits 1 with KzgVectorsMismatch when a case is wrong (expected output flipped)', async () => {
    const dir = join(tmp, 'vectors', 'verify_kzg_proof', 'kzg-mainnet', 'case_0')
    mkdirSync(dir, { recursive: true })
    const c = `input:\n  commitment: '0xc00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000'\n  z: '0x0000000000000000000000000000000000000000000000000000000000000000'\n  y: '0x0000000000000000000000000000000000000000000000000000000000000000'\n  proof: '0xc00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000'\noutput: `
    writeFileSync(join(dir, 'data.yaml'), `${c}false\n`)
    const bad = await runCli(['verify', 'kzg', '--vectors', join(tmp, 'vectors')])
    expect(bad.code).toBe(1)
    expect(bad.out.ok).toBe(false)
    expect(bad.out.error.code).toBe('KzgVectorsMismatch')
    writeFileSync(join(dir, 'data.yaml'), `${c}true\n`)
    expect((await runCli(['verify', 'kzg', '--vectors', join(tmp, 'vectors')])).out.matched).toBe(1)
    writeFileSync(join(dir, 'data.yaml'), `${c}- [1, 2]\n`)
    expect((await runCli(['verify', 'kzg', '--vectors', join(tmp, 'vectors')])).out.error.code).toBe('MalformedInput')
    // A case of a handler this command cannot run is not a match.
    writeFileSync(join(dir, 'data.yaml'), `${c}true\n`)
    const other = join(tmp, 'vectors', 'verify_cell_kzg_proof_batch', 'kzg-mainnet', 'case_0')
    mkdirSync(other, { recursive: true })
    writeFileSync(join(other, 'data.yaml'), `input:\n  cell: '0x00'\noutput: true\n`)
    const unsupported = await runCli(['verify', 'kzg', '--vectors', join(tmp, 'vectors')])
    expect(unsupported.code).toBe(1)
    expect(unsupported.out.error.code).toBe('KzgVectorsMismatch')
  })

  it('is a usage error without a directory of cases', async () => {
    expect((await runCli(['verify', 'kzg'])).code).toBe(2)
    expect((await runCli(['verify', 'kzg', '--vectors', join(tmp, 'nothing')])).code).toBe(2)
  })

  it.skipIf(!existsSync(SHARED_KZG_VECTORS))(
    'matches every case of the full shared vector set (../shared/fixtures/storage/kzg-vectors)',
    async () => {
      // The shared verify_kzg_proof cases are the copied ones (the first test runs all 122): checked equal, not re-run.
      const cases = (root: string) =>
        readdirSync(root, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => {
            const p = join(e.parentPath, e.name)
            return `${relative(root, p)}:${readFileSync(p, 'utf8')}`
          })
          .sort()
      const shared = cases(join(SHARED_KZG_VECTORS, 'verify_kzg_proof'))
      expect(shared).toHaveLength(122)
      expect(shared).toEqual(cases(join(VECTORS, 'verify_kzg_proof')))
      const { code, out } = await runCli(['verify', 'kzg', '--vectors', join(SHARED_KZG_VECTORS, 'verify_blob_kzg_proof')])
      expect(code).toBe(0)
      expect(out.mismatched).toBe(0)
      expect(out.cases).toBe(29)
    },
    300_000,
  )
})

describe('lightbus verify sidecars', () => {
  const file = join(STORAGE, 'sidecars/slot1409759_sidecars_0-2.json')
  it('prints ok:true and the block root on the real file', async () => {
    const { code, out } = await runCli(['verify', 'sidecars', file])
    expect(code).toBe(0)
    expect(out).toMatchObject({
      ok: true,
      command: 'verify sidecars',
      blockRoot: '0xc7d9a15af18c4e4db0f69d1e3d6b6f2b8b1ffea2291f65bb4134bbc4dece8782',
      slot: '1409759',
      anchored: false,
    })
    expect(out.sidecars.length).toBe(3)
    const anchored = await runCli(['verify', 'sidecars', file, '--block-root', out.blockRoot])
    expect(anchored.out).toMatchObject({ ok: true, anchored: true, blockRootMatches: true })
  })
  it('exits 1 on a tampered file', async () => {
    const json = readSidecars()
    json.data[2].kzg_commitment_inclusion_proof[16] = flipDigit(json.data[2].kzg_commitment_inclusion_proof[16], 63)
    const { code, out } = await runCli(['verify', 'sidecars', write('bad-sidecars.json', JSON.stringify(json))])
    expect(code).toBe(1)
    expect(out.error.code).toBe('InclusionProofInvalid')
    const r = await runCli(['verify', 'sidecars', file, '--block-root', `0x${'00'.repeat(32)}`])
    expect(r.code).toBe(1)
    expect(r.out.error.code).toBe('SidecarMismatch')
  })
})

describe('lightbus verify blob-tx', () => {
  for (const name of ['4844rlp_0', '4844rlp_11', '7594rlp_1'] as const) {
    it(`prints ok:true on ${name}`, async () => {
      const { code, out } = await runCli(['verify', 'blob-tx', join(STORAGE, `blob-txs/${name}.rlp`)])
      expect(code).toBe(0)
      expect(out).toMatchObject({ ok: true, command: 'verify blob-tx', wrapperVersion: name.startsWith('7594') ? 1 : 0 })
    })
  }
  it('exits 1 on a tampered file', async () => {
    const hex = readBlobTx('4844rlp_0')
    const { code, out } = await runCli(['verify', 'blob-tx', write('bad.rlp', flipDigit(hex, hex.length - 3))])
    expect(code).toBe(1)
    expect(['KzgProofInvalid', 'InvalidKzgEncoding']).toContain(out.error.code)
    const g = await runCli(['verify', 'blob-tx', write('garbage.rlp', 'hello')])
    expect(g.code).toBe(1)
    expect(g.out.error.code).toBe('MalformedInput')
  })
})

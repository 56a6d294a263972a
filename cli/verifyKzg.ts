import { readdir, stat } from 'node:fs/promises'
import { basename, join, relative, sep } from 'node:path'
import { parseArgs } from 'node:util'
import { InputTooLargeError } from '../src/errors/base.ts'
import { InvalidKzgEncodingError, KzgProofInvalidError, KzgVectorsMismatchError } from '../src/errors/storage.ts'
import { hexToBytes } from '../src/verify/hex.ts'
import { blobToKzgCommitment, computeBlobKzgProof, type Kzg, loadKzg, verifyBlobKzgProof, verifyKzgProof } from '../src/verify/storage/kzg.ts'
import { type KzgCase, parseKzgCaseYaml, type YamlScalar } from './kzgYaml.ts'
import { elapsedMs } from './output.ts'
import { readCappedFile } from './readInput.ts'
import { UsageError } from './usage.ts'

/** The consensus-spec-tests KZG handlers `verify kzg` runs. */
export const KZG_KINDS = ['verify_blob_kzg_proof', 'verify_kzg_proof', 'blob_to_kzg_commitment', 'compute_blob_kzg_proof'] as const
type Kind = (typeof KZG_KINDS)[number]

/** Most cases one run reads; deepest directory level searched for `data.yaml`. */
const MAX_CASES = 5000
const MAX_DEPTH = 4
/** Largest `data.yaml` read (a blob case is about 262 KB), bytes. */
const MAX_CASE_BYTES = 1 << 20

async function findCases(dir: string, depth: number, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => {
    throw new UsageError(`cannot read --vectors ${dir.slice(0, 200)}`)
  })
  if (entries.some((e) => e.isFile() && e.name === 'data.yaml')) {
    if (out.length >= MAX_CASES) throw new InputTooLargeError({ what: '--vectors', limit: MAX_CASES, unit: 'items' })
    out.push(join(dir, 'data.yaml'))
    return
  }
  if (depth >= MAX_DEPTH) return
  for (const e of entries.filter((x) => x.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : 1))) await findCases(join(dir, e.name), depth + 1, out)
}

/** The handler of a case: named by a path component, else told by the input keys. */
function kindOf(path: string, c: KzgCase): Kind | undefined {
  const named = path.split(sep).find((p): p is Kind => (KZG_KINDS as readonly string[]).includes(p))
  if (named) return named
  const keys = Object.keys(c.input).sort().join(',')
  return (
    {
      'blob,commitment,proof': 'verify_blob_kzg_proof',
      'commitment,proof,y,z': 'verify_kzg_proof',
      blob: 'blob_to_kzg_commitment',
      'blob,commitment': 'compute_blob_kzg_proof',
    } as Record<string, Kind>
  )[keys]
}

const bytes = (v: YamlScalar | undefined, what: string) => hexToBytes(v, what)

/**
 * Runs one case; true when the result is the expected output: `true` → verifies, `false` → KzgProofInvalid,
 * `null` → a typed input error (malformed blob, point or hex) and no other, a hex string → that value.
 */
async function runCase(kind: Kind, c: KzgCase, kzg: Kzg): Promise<boolean> {
  const i = c.input
  let result: YamlScalar
  try {
    switch (kind) {
      case 'verify_blob_kzg_proof':
        await verifyBlobKzgProof(bytes(i.blob, 'blob'), bytes(i.commitment, 'commitment'), bytes(i.proof, 'proof'), kzg)
        result = true
        break
      case 'verify_kzg_proof':
        await verifyKzgProof(bytes(i.commitment, 'commitment'), bytes(i.z, 'z'), bytes(i.y, 'y'), bytes(i.proof, 'proof'), kzg)
        result = true
        break
      case 'blob_to_kzg_commitment':
        result = await blobToKzgCommitment(bytes(i.blob, 'blob'), kzg)
        break
      case 'compute_blob_kzg_proof':
        result = await computeBlobKzgProof(bytes(i.blob, 'blob'), bytes(i.commitment, 'commitment'), kzg)
        break
    }
  } catch (e) {
    if (e instanceof KzgProofInvalidError) result = false
    else if (e instanceof InvalidKzgEncodingError || (e instanceof Error && 'code' in e && ['MalformedBlob', 'MalformedInput'].includes(String(e.code))))
      result = null
    else throw e
  }
  const expected = typeof c.output === 'string' ? c.output.toLowerCase() : c.output
  return result === expected
}

/**
 * `verify kzg --vectors DIR`: runs every consensus-spec-tests KZG case under DIR (`…/<handler>/<suite>/<case>/data.yaml`,
 * up to 4 levels deep) of the handlers verify_blob_kzg_proof, verify_kzg_proof, blob_to_kzg_commitment and
 * compute_blob_kzg_proof (told by a path component or the input keys; a case of another handler is a mismatch ("unsupported kind"), so `ok:true` means every case under DIR matched).
 * @throws {UsageError} DIR missing, unreadable, or holding no case.
 * @throws {KzgVectorsMismatchError} Any case whose result differs from its `output`.
 * @throws {MalformedInputError | InputTooLargeError} A data.yaml that is not the expected shape or too large.
 */
export async function verifyKzgCli(args: string[]) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { vectors: { type: 'string' } } })
  const dir = values.vectors ?? positionals[0]
  if (!dir || positionals.length > (values.vectors ? 0 : 1)) throw new UsageError('give --vectors DIR')
  const st = await stat(dir).catch(() => undefined)
  if (!st?.isDirectory()) throw new UsageError(`--vectors ${dir.slice(0, 200)} is not a directory`)
  const files: string[] = []
  await findCases(dir, 0, files)
  const t0 = performance.now()
  const kzg = await loadKzg()
  const loadMs = elapsedMs(t0)
  const byKind: Record<string, { cases: number; matched: number }> = {}
  const mismatches: string[] = []
  let skipped = 0
  for (const file of files) {
    const name = relative(dir, file).split(sep).slice(0, -1).join('/') || basename(dir)
    const c = parseKzgCaseYaml((await readCappedFile(file, 'vectors', MAX_CASE_BYTES)).toString('utf8'), `${name}/data.yaml`)
    const kind = kindOf(file, c)
    if (!kind) {
      // A case this command cannot run is not a match: `ok:true` only when every case under DIR matched.
      skipped++
      mismatches.push(`${name} (unsupported kind)`)
      continue
    }
    byKind[kind] ??= { cases: 0, matched: 0 }
    const k = byKind[kind]
    k.cases++
    if (await runCase(kind, c, kzg)) k.matched++
    else mismatches.push(name)
  }
  const cases = Object.values(byKind).reduce((a, k) => a + k.cases, 0)
  if (cases === 0) throw new UsageError(`no KZG test case under --vectors ${dir.slice(0, 200)}`)
  if (mismatches.length > 0) throw new KzgVectorsMismatchError({ cases: cases + skipped, mismatched: mismatches.length, names: mismatches })
  return {
    ok: true,
    command: 'verify kzg',
    library: 'micro-eth-signer KZG, fast-kzg setup',
    cases,
    matched: cases,
    mismatched: 0,
    skipped,
    kinds: byKind,
    loadMs,
    elapsedMs: elapsedMs(t0),
  }
}

import { parseArgs } from 'node:util'
import { createMclBackend } from '../src/verify/groth16/mclBackend.ts'
import { decodeZkProof, isZkFamily, withCustomVerifyingKey } from '../src/verify/zk/decodeZkProof.ts'
import { describeOutput } from '../src/verify/zk/describeOutput.ts'
import { withoutCommitteeChain } from '../src/verify/zk/telepathy.ts'
import { ZK_FAMILIES } from '../src/verify/zk/types.ts'
import { verifyZkClaim } from '../src/verify/zk/verifyZkProof.ts'
import { elapsedMs } from './output.ts'
import { readJsonFile } from './readInput.ts'
import { UsageError } from './usage.ts'

/**
 * `verify groth16`: decodes a proof file of one family, derives its public inputs here, and checks the
 * Groth16 proof with the shipped verifying key of its version (or `--vkey`, a snarkjs key named by hash), and every
 * other check the claim rests on (a Telepathy rotate's embedded step proof). A single Telepathy step cannot be
 * chained here (no feed of rotates): it is `kind: "proof-only"`, `committee.chained: false`, as the app's
 * "proof valid, committee not chained".
 * @throws {UsageError | InputTooLargeError | MalformedInputError} And every zk verification error.
 */
export async function verifyGroth16Cli(args: string[]) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { family: { type: 'string' }, vkey: { type: 'string' } } })
  if (!isZkFamily(values.family)) throw new UsageError(`--family must be one of ${ZK_FAMILIES.join(', ')}`)
  if (positionals.length !== 1) throw new UsageError('give exactly one proof FILE')
  const json = await readJsonFile(positionals[0], 'FILE')
  const vkeyJson = values.vkey ? await readJsonFile(values.vkey, 'vkey') : undefined
  const t0 = performance.now()
  const decoded = decodeZkProof(values.family, json)
  // A --vkey key is named by its hash and "custom", never by a shipped version; a zkPoS claim under it is no longer zkPoS.
  const claim = vkeyJson === undefined ? withoutCommitteeChain(decoded) : withCustomVerifyingKey(decoded, vkeyJson)
  const backend = await createMclBackend()
  verifyZkClaim(backend, claim)
  return {
    ok: true,
    command: 'verify groth16',
    family: claim.family,
    kind: claim.kind,
    system: claim.system,
    programId: claim.programId,
    version: claim.version,
    statement: claim.statement,
    ...(claim.notProven === undefined ? {} : { notProven: claim.notProven }),
    verifierVersion: vkeyJson === undefined ? claim.version : 'custom',
    ...(vkeyJson === undefined ? {} : { vkeyHash: claim.facts.vkeyHash }),
    publicInputs: claim.checks[0].publicInputs.map(String),
    checks: claim.checks.map((c) => ({ label: c.label, verifyingKeyId: c.vk.id, publicInputs: c.publicInputs.map(String) })),
    facts: claim.facts,
    ...(claim.committee ? { committee: claim.family === 'telepathy-step' ? { ...claim.committee, chained: false } : claim.committee } : {}),
    ...(claim.output ? { output: describeOutput(claim.output) } : {}),
    backend: backend.name,
    elapsedMs: elapsedMs(t0),
  }
}

import { parseArgs } from 'node:util'
import { createMclBackend } from '../src/verify/groth16/mclBackend.ts'
import { verifyGroth16 } from '../src/verify/groth16/verifyGroth16.ts'
import { decodeZkProof, isZkFamily, withCustomVerifyingKey } from '../src/verify/zk/decodeZkProof.ts'
import { describeOutput } from '../src/verify/zk/describeOutput.ts'
import { ZK_FAMILIES } from '../src/verify/zk/types.ts'
import { readJsonFile } from './readInput.ts'
import { UsageError } from './usage.ts'

/**
 * `verify groth16`: decodes a proof file of one family, derives its public inputs here, and checks the
 * Groth16 proof with the shipped verifying key of its version (or `--vkey`, a snarkjs key named by hash).
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
  const claim = vkeyJson === undefined ? decoded : withCustomVerifyingKey(decoded, vkeyJson)
  const backend = await createMclBackend()
  verifyGroth16(backend, values.family, claim.vk, claim.publicInputs, claim.proof)
  return {
    ok: true,
    command: 'verify groth16',
    family: claim.family,
    kind: claim.kind,
    system: claim.system,
    programId: claim.programId,
    version: claim.version,
    statement: claim.statement,
    verifierVersion: vkeyJson === undefined ? claim.version : 'custom',
    ...(vkeyJson === undefined ? {} : { vkeyHash: claim.facts.vkeyHash }),
    publicInputs: claim.publicInputs.map(String),
    facts: claim.facts,
    ...(claim.output ? { output: describeOutput(claim.output) } : {}),
    backend: backend.name,
    elapsedMs: Math.round((performance.now() - t0) * 10) / 10,
  }
}

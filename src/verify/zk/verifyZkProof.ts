import type { Groth16Backend } from '../groth16/types.ts'
import { verifyGroth16 } from '../groth16/verifyGroth16.ts'
import { decodeZkProof } from './decodeZkProof.ts'
import { type DescribedOutput, describeOutput } from './describeOutput.ts'
import type { TelepathyCommittee, ZkFamily, ZkKind } from './types.ts'

/** A verified proof, in a structured-clone-safe shape (bigints as decimal strings). */
export type VerifiedZkResult = {
  family: ZkFamily
  kind: ZkKind
  /** What the proof proves, in one line (from the claim). */
  statement: string
  system: 'groth16'
  programId: string
  version: string
  verifyingKeyId: string
  publicInputs: string[]
  facts: Record<string, string | number>
  /** Telepathy only: the committee the proof relies on; a step is zkPoS only once it is chained. */
  committee?: TelepathyCommittee
  output: DescribedOutput | null
  backend: string
  /** Milliseconds: decoding + public-input derivation, and the Groth16 check itself. */
  decodeMs: number
  verifyMs: number
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now())

/**
 * Decodes a proof of `family`, derives its public inputs from the application data and verifies it.
 * @throws Every typed error of `decodeZkProof` and `verifyGroth16`; nothing else.
 */
export function verifyZkProof(backend: Groth16Backend, family: ZkFamily, json: unknown): VerifiedZkResult {
  const t0 = now()
  const claim = decodeZkProof(family, json)
  const t1 = now()
  verifyGroth16(backend, family, claim.vk, claim.publicInputs, claim.proof)
  const t2 = now()
  return {
    family: claim.family,
    kind: claim.kind,
    statement: claim.statement,
    system: claim.system,
    programId: claim.programId,
    version: claim.version,
    verifyingKeyId: claim.vk.id,
    publicInputs: claim.publicInputs.map(String),
    facts: claim.facts,
    ...(claim.committee ? { committee: claim.committee } : {}),
    output: claim.output ? describeOutput(claim.output) : null,
    backend: backend.name,
    decodeMs: t1 - t0,
    verifyMs: t2 - t1,
  }
}

import type { Groth16Backend } from '../groth16/types.ts'
import { verifyGroth16 } from '../groth16/verifyGroth16.ts'
import { decodeZkProof } from './decodeZkProof.ts'
import { type DescribedOutput, describeOutput } from './describeOutput.ts'
import type { TelepathyCommittee, ZkClaim, ZkFamily, ZkKind } from './types.ts'

/** A verified proof, in a structured-clone-safe shape (bigints as decimal strings). */
export type VerifiedZkResult = {
  family: ZkFamily
  kind: ZkKind
  /** What the proof proves, in one line (from the claim). */
  statement: string
  /** Kind `proof-only` only: what the proof does not prove. */
  notProven?: string
  system: 'groth16'
  programId: string
  version: string
  /** Key and public inputs of the family's own proof (`checks[0]`). */
  verifyingKeyId: string
  publicInputs: string[]
  /** Every Groth16 check that passed, the family's own proof first (a Telepathy rotate: rotate, embedded step). */
  checks: { label: string; verifyingKeyId: string; publicInputs: string[] }[]
  facts: Record<string, string | number>
  /** Telepathy only: the committee the proof relies on; a step is zkPoS only once it is chained. */
  committee?: TelepathyCommittee
  output: DescribedOutput | null
  backend: string
  /** Milliseconds: decoding + public-input derivation, and the Groth16 checks themselves. */
  decodeMs: number
  verifyMs: number
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now())

/**
 * Verifies every Groth16 check of a claim, in order; returns only when all passed. The one way a claim is
 * verified (worker, CLI, tests): a claim is never verified on a subset of its checks.
 * @throws {InvalidPublicInputError | InvalidCurvePointError | InvalidGroth16ProofError} From the first check that fails.
 */
export function verifyZkClaim(backend: Groth16Backend, claim: Pick<ZkClaim, 'family' | 'checks'>): void {
  claim.checks.forEach((c, i) => {
    verifyGroth16(backend, i === 0 ? claim.family : `${claim.family} (${c.label})`, c.vk, c.publicInputs, c.proof)
  })
}

/**
 * Decodes a proof of `family`, derives its public inputs from the application data and verifies every check.
 * @throws Every typed error of `decodeZkProof` and `verifyZkClaim`; nothing else.
 */
export function verifyZkProof(backend: Groth16Backend, family: ZkFamily, json: unknown): VerifiedZkResult {
  const t0 = now()
  const claim = decodeZkProof(family, json)
  const t1 = now()
  verifyZkClaim(backend, claim)
  const t2 = now()
  const [own] = claim.checks
  return {
    family: claim.family,
    kind: claim.kind,
    statement: claim.statement,
    ...(claim.notProven === undefined ? {} : { notProven: claim.notProven }),
    system: claim.system,
    programId: claim.programId,
    version: claim.version,
    verifyingKeyId: own.vk.id,
    publicInputs: own.publicInputs.map(String),
    checks: claim.checks.map((c) => ({ label: c.label, verifyingKeyId: c.vk.id, publicInputs: c.publicInputs.map(String) })),
    facts: claim.facts,
    ...(claim.committee ? { committee: claim.committee } : {}),
    output: claim.output ? describeOutput(claim.output) : null,
    backend: backend.name,
    decodeMs: t1 - t0,
    verifyMs: t2 - t1,
  }
}

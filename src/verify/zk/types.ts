import type { Groth16Proof, Groth16VerifyingKey } from '../groth16/types.ts'

export type ZkFamily = 'telepathy-step' | 'telepathy-rotate' | 'telepathy-optimized-rotate' | 'risc0' | 'sp1' | 'sp1-helios'

export const ZK_FAMILIES: readonly ZkFamily[] = ['telepathy-step', 'telepathy-rotate', 'telepathy-optimized-rotate', 'risc0', 'sp1', 'sp1-helios']

/**
 * What a verified proof shows:
 * - `zkpos`: a proof of Ethereum consensus by a known light-client circuit or program (Telepathy, SP1-Helios);
 * - `zkvm`: a proof of off-chain computation by the program it names (RISC Zero, SP1);
 * - `unknown-program`: a valid SP1 proof of a program Lightbus does not know (e.g. an `sp1-helios` proof whose
 *   program vkey is not a known SP1-Helios program): never shown as a proof of consensus;
 * - `proof-only`: a valid proof of a known light-client circuit whose premise is not proven where it is checked
 *   (`ZkClaim.notProven` says which): a Telepathy rotate without the step proof that proves its finalized slot
 *   (hence its period) and participation; in the CLI, which has no rotates to chain from, a Telepathy step.
 *   Never shown as verified zkPoS, never used to chain a committee.
 */
export type ZkKind = 'zkpos' | 'zkvm' | 'unknown-program' | 'proof-only'

/**
 * A Telepathy proof's sync committee: its Poseidon commitment comes from the proof file (the contract reads it
 * from its own storage), so a step counts as consensus only once that commitment is chained (a verified rotate
 * of the previous period, or the light client's own committee). Thresholds: telepathy-contracts
 * `src/lightclient/LightClient.sol` at 2f2200f971c78eb79b4ed42c917549c886190e03 (`processStep`, `step`, `rotate`).
 */
export type TelepathyCommittee = {
  /** Sync-committee period (slot / 8192) of the attested slot: the committee that signed. */
  period: number
  /** Decimal Poseidon commitment of that committee, as the proof file gives it (not proven by this proof). */
  syncCommitteePoseidon: string
  /** Number of the 512 committee members that signed (a public input). */
  participation: number
  /** `participation > FINALITY_THRESHOLD`: the contract's `step` reverts, and `rotate` stores nothing, below it. */
  meetsFinalityThreshold: boolean
  /**
   * Rotate proofs only: the next period's committee commitment this proof binds to its SSZ root. Its period is
   * period(finalizedSlot) + 1, with the finalized slot from the embedded step proof of the same header root; a
   * rotate without one carries no committee at all (kind `proof-only`).
   */
  next?: { period: number; syncCommitteePoseidon: string; syncCommitteeSSZ: string }
}

/** One Groth16 check a claim rests on: its key, the public inputs derived from the application data, the proof. */
export type Groth16Check = {
  /** Which proof, e.g. "rotate", "embedded step" (the family's own proof is `checks[0]`). */
  label: string
  vk: Groth16VerifyingKey
  publicInputs: bigint[]
  proof: Groth16Proof
}

/**
 * A proof decoded into the Groth16 checks it needs, plus the facts it attests once *every* check passed
 * (`verifyZkClaim` in `verifyZkProof.ts`; a claim is never verified on a subset of its checks). Public inputs
 * are derived from the application data, never taken from the prover.
 */
export type ZkClaim = {
  family: ZkFamily
  kind: ZkKind
  /** One line saying what the proof proves once verified, e.g. "valid SP1 proof of an unknown program". */
  statement: string
  system: 'groth16'
  /** Image id (RISC Zero), program vkey hash (SP1), or circuit name (Telepathy). */
  programId: string
  version: string
  /**
   * Every Groth16 check the claim rests on, the family's own proof first: e.g. a Telepathy rotate and the
   * embedded step proof whose public input proves the rotate's finalized slot and participation.
   */
  checks: [Groth16Check, ...Groth16Check[]]
  /** Kind `proof-only` only: what the proof does not prove, in one sentence. */
  notProven?: string
  /** Journal (RISC Zero) or public values (SP1), 0x-hex; absent for circuits without one. */
  output?: `0x${string}`
  /** What the proof attests, for display; hex strings and decimal numbers. */
  facts: Record<string, string | number>
  /** Telepathy only: the committee the proof relies on (see {@link TelepathyCommittee}). */
  committee?: TelepathyCommittee
}

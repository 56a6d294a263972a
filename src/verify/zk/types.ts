import type { Groth16Proof, Groth16VerifyingKey } from '../groth16/types.ts'

export type ZkFamily = 'telepathy-step' | 'telepathy-rotate' | 'telepathy-optimized-rotate' | 'risc0' | 'sp1' | 'sp1-helios'

export const ZK_FAMILIES: readonly ZkFamily[] = ['telepathy-step', 'telepathy-rotate', 'telepathy-optimized-rotate', 'risc0', 'sp1', 'sp1-helios']

/**
 * A proof decoded into what a Groth16 check needs, plus the facts it attests once verified.
 * `publicInputs` are derived from the application data, never taken from the prover.
 */
export type ZkClaim = {
  family: ZkFamily
  /** zkPoS: proofs of Ethereum consensus; zkVM: proofs of off-chain computation. */
  kind: 'zkpos' | 'zkvm'
  system: 'groth16'
  /** Image id (RISC Zero), program vkey hash (SP1), or circuit name (Telepathy). */
  programId: string
  version: string
  publicInputs: bigint[]
  proof: Groth16Proof
  vk: Groth16VerifyingKey
  /** Journal (RISC Zero) or public values (SP1), 0x-hex; absent for circuits without one. */
  output?: `0x${string}`
  /** What the proof attests, for display; hex strings and decimal numbers. */
  facts: Record<string, string | number>
}

import { MalformedInputError } from '../../errors/base.ts'
import { describeCustomVerifyingKey } from '../groth16/types.ts'
import { decodeRisc0Receipt } from './risc0.ts'
import { decodeSp1HeliosProof, decodeSp1Proof } from './sp1.ts'
import { decodeTelepathy } from './telepathy.ts'
import { ZK_FAMILIES, type ZkClaim, type ZkFamily } from './types.ts'

export const isZkFamily = (v: unknown): v is ZkFamily => typeof v === 'string' && (ZK_FAMILIES as readonly string[]).includes(v)

/**
 * Decodes a proof of `family` from its ecosystem JSON format into a {@link ZkClaim}.
 * @throws {MalformedInputError | UnknownSelectorError | UnsupportedProofSystemError | ClaimRejectedError | InvalidPublicInputError}
 */
export function decodeZkProof(family: ZkFamily, json: unknown): ZkClaim {
  switch (family) {
    case 'telepathy-step':
      return decodeTelepathy(json, 'step')
    case 'telepathy-rotate':
      return decodeTelepathy(json, 'rotate')
    case 'telepathy-optimized-rotate':
      return decodeTelepathy(json, 'optimized-rotate')
    case 'risc0':
      return decodeRisc0Receipt(json)
    case 'sp1':
      return decodeSp1Proof(json)
    case 'sp1-helios':
      return decodeSp1HeliosProof(json)
    default:
      throw new MalformedInputError({ what: 'proof family', details: String(family) })
  }
}

/**
 * The claim to verify against a user-supplied key instead of the shipped one: the key is named by its hash
 * (`facts.vkeyHash`, keccak256 of its canonically encoded points), `version` and `facts.verifierVersion` are
 * `"custom"` — never a shipped version — it replaces the key of the family's own proof (`checks[0]`) only, and a zkPoS claim is no longer zkPoS (a custom key proves what the user
 * says it proves, not what Lightbus knows). Pure.
 * @throws {MalformedInputError} When `vkJson` is not a snarkjs groth16 bn128 key.
 */
export function withCustomVerifyingKey(claim: ZkClaim, vkJson: unknown): ZkClaim {
  const custom = describeCustomVerifyingKey(vkJson)
  const { committee: _committee, notProven: _notProven, ...rest } = claim
  const [own, ...embedded] = claim.checks
  return {
    ...rest,
    kind: claim.kind === 'zkvm' ? 'zkvm' : 'unknown-program',
    statement: `valid Groth16 proof under a custom verifying key ${custom.vkeyHash} (not a key shipped with Lightbus)`,
    version: custom.verifierVersion,
    // The key replaces the family's own proof's; embedded checks (a rotate's step) keep their shipped keys and are still verified.
    checks: [{ ...own, vk: custom.vk }, ...embedded],
    facts: { ...claim.facts, verifierVersion: custom.verifierVersion, vkeyHash: custom.vkeyHash },
  }
}

import { MalformedInputError } from '../../errors/base.ts'
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

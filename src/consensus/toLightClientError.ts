import { BaseError } from '../errors/base.ts'
import { InvalidMerkleBranchError, InvalidSyncCommitteeSignatureError, LightClientUpdateRejectedError } from '../errors/consensus.ts'

/**
 * Maps the bare `Error`s thrown by `@lodestar/light-client`'s spec functions
 * (lib/spec/validateLightClientUpdate.js, processLightClientUpdate.js at 1.28.1) to typed errors,
 * keeping the original as `cause`.
 */
export function toLightClientError(e: unknown, kind: string, signatureSlot?: number): BaseError {
  if (e instanceof BaseError) return e
  const message = e instanceof Error ? e.message : String(e)
  if (/signature|aggregat|pubkey/i.test(message)) {
    return new InvalidSyncCommitteeSignatureError({ ...(signatureSlot !== undefined ? { slot: signatureSlot } : {}), cause: e })
  }
  if (/merkle branch/i.test(message)) {
    const what = /finality/i.test(message) ? 'finality' : /sync committee/i.test(message) ? 'next sync committee' : 'header'
    return new InvalidMerkleBranchError({ what, cause: e })
  }
  if (/not valid light client header/i.test(message)) {
    return new InvalidMerkleBranchError({ what: 'execution', cause: e })
  }
  return new LightClientUpdateRejectedError({ kind, reason: message, cause: e })
}

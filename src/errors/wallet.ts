import { BaseError } from './base.ts'

/** The user declined a wallet request (EIP-1193 error code 4001, "User Rejected Request"). Nothing was signed or sent. */
export class UserRejectedError extends BaseError<'UserRejected'> {
  override name = 'UserRejectedError'
  constructor({ action, cause }: { action: string; cause?: unknown }) {
    super('UserRejected', `You declined the wallet request (${action}). Nothing was signed or sent.`, {
      cause,
      docsPath: '/docs/errors.md#userrejected',
    })
  }
}

/**
 * No wallet to ask, or the wallet does not support what was asked (EIP-1193 4200 "Unsupported Method", JSON-RPC
 * -32601, or a refusal of a type-3 blob transaction: many wallets cannot send blobs yet).
 */
export class WalletUnsupportedError extends BaseError<'WalletUnsupported'> {
  override name = 'WalletUnsupportedError'
  constructor({ action, reason, cause }: { action: string; reason: string; cause?: unknown }) {
    super('WalletUnsupported', `Your wallet cannot ${action}: ${reason}`, {
      cause,
      docsPath: '/docs/errors.md#walletunsupported',
    })
  }
}

/** A wallet request failed for another reason (wrong chain, disconnected, the node refused the transaction). */
export class WalletRequestError extends BaseError<'WalletRequest'> {
  override name = 'WalletRequestError'
  readonly rpcCode: number | undefined
  constructor({ action, rpcCode, cause }: { action: string; rpcCode?: number; cause?: unknown }) {
    super('WalletRequest', `The wallet request failed (${action}).`, {
      cause,
      ...(rpcCode !== undefined ? { metaMessages: [`code: ${rpcCode}`] } : {}),
      docsPath: '/docs/errors.md#walletrequest',
    })
    this.rpcCode = rpcCode
  }
}

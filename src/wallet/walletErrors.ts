import { BaseError } from '../errors/base.ts'
import { UserRejectedError, WalletRequestError, WalletUnsupportedError } from '../errors/wallet.ts'

/** EIP-1193 provider error codes (https://eips.ethereum.org/EIPS/eip-1193#provider-errors) and JSON-RPC "method not found". */
export const EIP1193 = { userRejected: 4001, unauthorized: 4100, unsupportedMethod: 4200, disconnected: 4900, chainDisconnected: 4901 } as const
const METHOD_NOT_FOUND = -32601

/** The first numeric `code` on the cause chain (viem/wagmi wrap the provider's error), or undefined. */
export function rpcCodeOf(e: unknown): number | undefined {
  let x: unknown = e
  for (let depth = 0; depth < 8 && x && typeof x === 'object'; depth++) {
    const code = (x as { code?: unknown }).code
    if (typeof code === 'number') return code
    x = (x as { cause?: unknown }).cause
  }
  return undefined
}

const messagesOf = (e: unknown): string => {
  const parts: string[] = []
  let x: unknown = e
  for (let depth = 0; depth < 8 && x instanceof Error; depth++) {
    parts.push(x.message)
    x = x.cause
  }
  return parts.join(' | ')
}

/**
 * Maps anything a wallet request threw to a Lightbus typed error: EIP-1193 4001 → {@link UserRejectedError};
 * 4200 / -32601 / no wallet → {@link WalletUnsupportedError}; a refused type-3 transaction (when `blobs` is set) →
 * {@link WalletUnsupportedError} saying blob transactions are not supported; anything else →
 * {@link WalletRequestError} with the wallet's code. Lightbus errors pass through unchanged.
 */
export function toWalletError(e: unknown, action: string, opts: { blobs?: boolean } = {}): BaseError {
  if (e instanceof BaseError) return e
  const code = rpcCodeOf(e)
  const name = e instanceof Error ? e.name : ''
  if (code === EIP1193.userRejected || name === 'UserRejectedRequestError') return new UserRejectedError({ action, cause: e })
  if (code === EIP1193.unsupportedMethod || code === METHOD_NOT_FOUND || name === 'ProviderNotFoundError' || name === 'ConnectorNotFoundError') {
    return new WalletUnsupportedError({
      action,
      reason: name === 'ProviderNotFoundError' ? 'no wallet was found in this browser.' : 'it does not support this request.',
      cause: e,
    })
  }
  if (opts.blobs && /blob|type[ -]?3|0x3\b|transaction type|sidecar|not supported|unsupported/i.test(messagesOf(e))) {
    return new WalletUnsupportedError({
      action,
      reason: 'it refused a type-3 (EIP-4844 blob) transaction. Many wallets cannot send blob transactions yet; use one that can.',
      cause: e,
    })
  }
  return new WalletRequestError({ action, ...(code !== undefined ? { rpcCode: code } : {}), cause: e })
}

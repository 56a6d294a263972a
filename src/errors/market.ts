import { BaseError } from './base.ts'

/**
 * A ProofMarket / ServiceRegistry / receipt-verifier call reverted with a custom error (decoded with their ABIs), e.g.
 * `ClaimMismatch("inputDigest")`, `NotExpired(…)`, or the verifier's own error passed on unchanged. Nothing changed on
 * chain; `errorName` and `args` say why (docs/proof-market.md lists every error).
 */
export class ContractRevertedError extends BaseError<'ContractReverted'> {
  override name = 'ContractRevertedError'
  readonly errorName: string
  readonly args: readonly unknown[]
  constructor({ action, errorName, args, cause }: { action: string; errorName: string; args: readonly unknown[]; cause?: unknown }) {
    const shown = args.map((a) => (typeof a === 'bigint' ? a.toString() : JSON.stringify(a))).join(', ')
    super('ContractReverted', `The contract refused to ${action}: reverted ${errorName}(${shown}).`, {
      cause,
      details: `reverted: ${errorName}(${shown})`,
      docsPath: '/docs/errors.md#contractreverted',
    })
    this.errorName = errorName
    this.args = args
  }
}

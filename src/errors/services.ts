import { BaseError } from './base.ts'

/**
 * A service provider's answer failed a check: the body is not the documented shape, the Response names another
 * request, or its EIP-712 signature does not recover to the provider's registered address. The answer is not used.
 */
export class ServiceResponseInvalidError extends BaseError<'ServiceResponseInvalid'> {
  override name = 'ServiceResponseInvalidError'
  readonly provider: string
  readonly reason: 'malformed' | 'wrong-request' | 'bad-signature'
  constructor({ provider, reason, details, cause }: { provider: string; reason: ServiceResponseInvalidError['reason']; details: string; cause?: unknown }) {
    const what = { malformed: 'is malformed', 'wrong-request': 'answers another request', 'bad-signature': 'is not signed by the provider' }[reason]
    super('ServiceResponseInvalid', `The response of provider ${provider} ${what}.`, {
      details,
      cause,
      docsPath: '/docs/errors.md#serviceresponseinvalid',
    })
    this.provider = provider
    this.reason = reason
  }
}

/** No service with this id in the ServiceRegistry at the verified block (ids start at 1). */
export class ServiceNotFoundError extends BaseError<'ServiceNotFound'> {
  override name = 'ServiceNotFoundError'
  constructor({ serviceId, count }: { serviceId: bigint | number | string; count: bigint }) {
    super('ServiceNotFound', `There is no service ${serviceId} in the registry (it has ${count} service${count === 1n ? '' : 's'}).`, {
      docsPath: '/docs/errors.md#servicenotfound',
    })
  }
}

/**
 * The ProofMarket request a dispute waits for can no longer be fulfilled (its deadline passed unfulfilled, proven
 * at a light-client-verified block), or its proven claim is for another program or input than the service request.
 */
export class DisputeProofUnavailableError extends BaseError<'DisputeProofUnavailable'> {
  override name = 'DisputeProofUnavailableError'
  constructor({ proofRequestId, reason }: { proofRequestId: bigint | string; reason: string }) {
    super('DisputeProofUnavailable', `The proof request ${proofRequestId} cannot settle this dispute: ${reason}.`, {
      docsPath: '/docs/errors.md#disputeproofunavailable',
    })
  }
}

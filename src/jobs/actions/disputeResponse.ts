import type { Abi, Hex } from 'viem'
import type { Config } from 'wagmi'
import { ServiceRegistry } from '../../contracts/artifacts.generated.ts'
import type { ServiceRequest, ServiceResponse } from '../types.ts'
import { writeMarket } from './writeMarket.ts'

/**
 * `ServiceRegistry.dispute(request, userSignature, response, providerSignature, proofRequestId)`: settles a provider's
 * signed response against the verified receipt of fulfilled ProofMarket request `proofRequestId` (same program and input).
 * A wrong response slashes the provider's stake in the service to `request.user`. @returns The transaction hash.
 * @throws ContractRevertedError (ProofDoesNotMatch, ResponseWasCorrect, AlreadyDisputed, NotServing, InvalidSignature); wallet errors.
 */
export function disputeResponse(
  config: Config,
  p: { registry: Hex; request: ServiceRequest; userSignature: Hex; response: ServiceResponse; providerSignature: Hex; proofRequestId: bigint },
): Promise<Hex> {
  return writeMarket(
    config,
    {
      address: p.registry,
      abi: ServiceRegistry.abi as Abi,
      functionName: 'dispute',
      args: [p.request, p.userSignature, p.response, p.providerSignature, p.proofRequestId],
    },
    'dispute the response',
  )
}

import type { Hex } from 'viem'
import type { Config } from 'wagmi'
import { signTypedData, writeContract } from 'wagmi/actions'
import { SERVICE_REGISTRY_ABI } from '../../services/abi.ts'
import { SERVICE_REQUEST_TYPES, type ServiceRequest, type ServiceResponse, serviceRegistryDomain } from '../../services/eip712.ts'
import type { StoredProofRequest } from '../../services/sessionStore.ts'
import { assertReady } from '../../wallet/actions.ts'
import { toWalletError } from '../../wallet/walletErrors.ts'

/**
 * The wallet actions the Services page uses (adapter over the market layer, src/jobs/actions): sign a service
 * Request (EIP-712, the registry's domain on the settlement chain), sign + submit the dispute's ProofRequest,
 * send `dispute`. Each throws Lightbus typed errors only.
 */
export async function signServiceRequestAction(config: Config, p: { registry: Hex; request: ServiceRequest }): Promise<Hex> {
  assertReady(config)
  try {
    return await signTypedData(config, {
      domain: serviceRegistryDomain(config.chains[0]?.id as number, p.registry),
      types: SERVICE_REQUEST_TYPES,
      primaryType: 'Request',
      message: p.request,
    })
  } catch (e) {
    throw toWalletError(e, 'sign the service request')
  }
}

export async function submitDisputeProofAction(_config: Config, _p: { market: Hex; request: StoredProofRequest; valueWei: bigint }): Promise<Hex> {
  throw toWalletError(new Error('the market layer (src/jobs) is not merged yet'), 'submit the proof request')
}

export async function disputeAction(
  config: Config,
  p: { registry: Hex; request: ServiceRequest; userSignature: Hex; response: ServiceResponse; providerSignature: Hex; proofRequestId: bigint },
): Promise<Hex> {
  assertReady(config)
  try {
    return await writeContract(config, {
      address: p.registry,
      abi: SERVICE_REGISTRY_ABI,
      functionName: 'dispute',
      args: [p.request, p.userSignature, p.response, p.providerSignature, p.proofRequestId],
      chainId: config.chains[0]?.id,
    } as Parameters<typeof writeContract>[1])
  } catch (e) {
    throw toWalletError(e, 'send the dispute')
  }
}

import { type Abi, ContractFunctionRevertedError, type Hex, BaseError as ViemBaseError } from 'viem'
import type { Config } from 'wagmi'
import { signTypedData, simulateContract, writeContract } from 'wagmi/actions'
import { ContractRevertedError } from '../../errors/market.ts'
import { PROOF_REQUEST_TYPES, proofMarketDomain } from '../../jobs/typedData.ts'
import type { ProofRequest } from '../../jobs/types.ts'
import { PROOF_MARKET_CLAIM_ABI, SERVICE_REGISTRY_ABI } from '../../services/abi.ts'
import { SERVICE_REQUEST_TYPES, type ServiceRequest, type ServiceResponse, serviceRegistryDomain } from '../../services/eip712.ts'
import type { StoredProofRequest } from '../../services/sessionStore.ts'
import { assertReady } from '../../wallet/actions.ts'
import { toWalletError } from '../../wallet/walletErrors.ts'

/**
 * The wallet actions of the Services page: sign a service Request (EIP-712, the registry's domain on the settlement
 * chain), sign + submit the dispute's ProofRequest (EIP-712, the market's domain; `submitRequest` with the price
 * deposited), send `dispute`. Transactions are simulated first, so a revert is a typed {@link ContractRevertedError}
 * (`errorName`, `args`) before the wallet is asked; other failures are the wallet's typed errors.
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

/** A revert decoded with `abi` → ContractRevertedError; anything else → the wallet's typed error. */
function toActionError(e: unknown, action: string) {
  const reverted = e instanceof ViemBaseError ? e.walk((x) => x instanceof ContractFunctionRevertedError) : null
  if (reverted instanceof ContractFunctionRevertedError && reverted.data?.errorName) {
    return new ContractRevertedError({ action, errorName: reverted.data.errorName, args: reverted.data.args ?? [], cause: e })
  }
  return toWalletError(e, action)
}

async function send(
  config: Config,
  action: string,
  p: { address: Hex; abi: Abi; functionName: string; args: readonly unknown[]; value?: bigint },
): Promise<Hex> {
  const account = assertReady(config)
  const chainId = config.chains[0]?.id
  try {
    const { request } = await simulateContract(config, { ...p, account, chainId } as Parameters<typeof simulateContract>[1])
    return await writeContract(config, request as Parameters<typeof writeContract>[1])
  } catch (e) {
    throw toActionError(e, action)
  }
}

export const proofRequestOf = (r: StoredProofRequest): ProofRequest => ({
  id: BigInt(r.id),
  imageId: r.imageId,
  inputUrl: r.inputUrl,
  input: r.input,
  offer: {
    minPrice: BigInt(r.offer.minPrice),
    maxPrice: BigInt(r.offer.maxPrice),
    rampUpStart: BigInt(r.offer.rampUpStart),
    rampUpPeriod: r.offer.rampUpPeriod,
    lockTimeout: r.offer.lockTimeout,
    timeout: r.offer.timeout,
    lockCollateral: BigInt(r.offer.lockCollateral),
  },
})

/** Signs the ProofRequest with the user's wallet and submits it with `valueWei` deposited. @returns The tx hash. */
export async function submitDisputeProofAction(config: Config, p: { market: Hex; request: StoredProofRequest; valueWei: bigint }): Promise<Hex> {
  assertReady(config)
  const request = proofRequestOf(p.request)
  let signature: Hex
  try {
    signature = await signTypedData(config, {
      domain: proofMarketDomain(config.chains[0]?.id as number, p.market),
      types: PROOF_REQUEST_TYPES,
      primaryType: 'ProofRequest',
      message: request,
    })
  } catch (e) {
    throw toWalletError(e, 'sign the proof request')
  }
  return send(config, 'submit the proof request', {
    address: p.market,
    abi: PROOF_MARKET_CLAIM_ABI,
    functionName: 'submitRequest',
    args: [request, signature],
    value: p.valueWei,
  })
}

export async function disputeAction(
  config: Config,
  p: { registry: Hex; request: ServiceRequest; userSignature: Hex; response: ServiceResponse; providerSignature: Hex; proofRequestId: bigint },
): Promise<Hex> {
  return send(config, 'settle the dispute', {
    address: p.registry,
    abi: SERVICE_REGISTRY_ABI,
    functionName: 'dispute',
    args: [p.request, p.userSignature, p.response, p.providerSignature, p.proofRequestId],
  })
}

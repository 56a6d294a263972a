import type { Hex } from 'viem'
import type { Config } from 'wagmi'
import { disputeResponse } from '../../jobs/actions/disputeResponse.ts'
import { signProofRequest } from '../../jobs/actions/signProofRequest.ts'
import { signServiceRequest } from '../../jobs/actions/signServiceRequest.ts'
import { fromStoredProofRequest, type StoredProofRequest } from '../../jobs/actions/storedRequest.ts'
import { submitProofRequest } from '../../jobs/actions/submitProofRequest.ts'
import type { ServiceRequest, ServiceResponse } from '../../services/eip712.ts'

/**
 * The wallet actions of the Services page, over the market layer (src/jobs/actions): sign a service Request (EIP-712,
 * the registry's domain on the settlement chain), sign + submit the dispute's ProofRequest (the market's domain;
 * `submitRequest` with the price deposited), send `dispute`. Transactions are simulated first, so a revert is a typed
 * ContractRevertedError (`errorName`, `args`) before the wallet is asked; other failures are the wallet's typed errors.
 */
export const signServiceRequestAction = (config: Config, p: { registry: Hex; request: ServiceRequest }): Promise<Hex> => signServiceRequest(config, p)

/** Signs the ProofRequest with the user's wallet and submits it with `valueWei` deposited. @returns The tx hash. */
export async function submitDisputeProofAction(config: Config, p: { market: Hex; request: StoredProofRequest; valueWei: bigint }): Promise<Hex> {
  const request = fromStoredProofRequest(p.request)
  const signature = await signProofRequest(config, { market: p.market, request })
  return submitProofRequest(config, { market: p.market, request, signature, valueWei: p.valueWei })
}

export const disputeAction = (
  config: Config,
  p: { registry: Hex; request: ServiceRequest; userSignature: Hex; response: ServiceResponse; providerSignature: Hex; proofRequestId: bigint },
): Promise<Hex> => disputeResponse(config, p)

import type { Abi, Hex } from 'viem'
import type { Config } from 'wagmi'
import { ProofMarket } from '../../contracts/artifacts.generated.ts'
import type { ProofRequest } from '../types.ts'
import { writeMarket } from './writeMarket.ts'

/**
 * Broadcasts a signed request: `ProofMarket.submitRequest(request, signature)` with `valueWei` deposited to the client's
 * market balance (the balance a lock takes the price from). Emits RequestSubmitted(id, requestDigest, request, signature).
 * @returns The transaction hash. @throws ContractRevertedError (e.g. InvalidSignature, InvalidOffer), wallet errors.
 */
export function submitProofRequest(
  config: Config,
  { market, request, signature, valueWei = 0n }: { market: Hex; request: ProofRequest; signature: Hex; valueWei?: bigint },
): Promise<Hex> {
  return writeMarket(
    config,
    { address: market, abi: ProofMarket.abi as Abi, functionName: 'submitRequest', args: [request, signature], value: valueWei },
    'submit the proof request',
  )
}

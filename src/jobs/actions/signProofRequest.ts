import { getAddress, type Hex } from 'viem'
import type { Config } from 'wagmi'
import { signTypedData } from 'wagmi/actions'
import { MalformedInputError } from '../../errors/base.ts'
import { assertReady } from '../../wallet/actions.ts'
import { toWalletError } from '../../wallet/walletErrors.ts'
import { assertOffer } from '../priceRamp.ts'
import { clientOf, isSmartWalletId } from '../requestId.ts'
import { PROOF_REQUEST_TYPES, proofMarketDomain } from '../typedData.ts'
import type { ProofRequest } from '../types.ts'

/**
 * Asks the connected wallet to sign `request` with EIP-712 (`eth_signTypedData_v4`) on the ProofMarket domain of the
 * network's (settlement) chain. The request's id must name the connected account as client (or be a smart-wallet id,
 * bit 192, whose contract checks the signature) and its offer must pass the contract's checks.
 * @returns The 65-byte signature (r ‖ s ‖ v), 0x-hex.
 * @throws {MalformedInputError} for an invalid offer or an id of another client; UserRejectedError (4001) and other
 * wallet errors as Lightbus typed errors.
 */
export async function signProofRequest(config: Config, { market, request }: { market: Hex; request: ProofRequest }): Promise<Hex> {
  const account = assertReady(config)
  assertOffer(request.offer)
  if (!isSmartWalletId(request.id) && clientOf(request.id) !== getAddress(account)) {
    throw new MalformedInputError({ what: 'proof request', details: `its id names client ${clientOf(request.id)}, the wallet is ${account}` })
  }
  const chainId = config.chains[0]?.id as number
  try {
    return await signTypedData(config, {
      account,
      domain: proofMarketDomain(chainId, market),
      types: PROOF_REQUEST_TYPES,
      primaryType: 'ProofRequest',
      message: request,
    })
  } catch (e) {
    throw toWalletError(e, 'sign the proof request')
  }
}

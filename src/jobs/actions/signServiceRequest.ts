import { getAddress, type Hex } from 'viem'
import type { Config } from 'wagmi'
import { signTypedData } from 'wagmi/actions'
import { MalformedInputError } from '../../errors/base.ts'
import { assertReady } from '../../wallet/actions.ts'
import { toWalletError } from '../../wallet/walletErrors.ts'
import { SERVICE_REQUEST_TYPES, serviceRegistryDomain } from '../typedData.ts'
import type { ServiceRequest } from '../types.ts'

/**
 * Asks the connected wallet to sign a service `Request` (EIP-712 on the ServiceRegistry domain of the network's chain);
 * `request.user` must be the connected account (a dispute checks the user's signature).
 * @returns The 65-byte signature, 0x-hex. @throws {MalformedInputError} for another user; wallet errors (4001 → UserRejectedError).
 */
export async function signServiceRequest(config: Config, { registry, request }: { registry: Hex; request: ServiceRequest }): Promise<Hex> {
  const account = assertReady(config)
  if (getAddress(request.user) !== getAddress(account)) {
    throw new MalformedInputError({ what: 'service request', details: `its user is ${request.user}, the wallet is ${account}` })
  }
  const chainId = config.chains[0]?.id as number
  try {
    return await signTypedData(config, {
      account,
      domain: serviceRegistryDomain(chainId, registry),
      types: SERVICE_REQUEST_TYPES,
      primaryType: 'Request',
      message: request,
    })
  } catch (e) {
    throw toWalletError(e, 'sign the service request')
  }
}

import type { Abi, Hex } from 'viem'
import type { Config } from 'wagmi'
import { simulateContract, writeContract } from 'wagmi/actions'
import { assertReady } from '../../wallet/actions.ts'
import { toMarketError } from './toMarketError.ts'

/**
 * Sends a contract call through the connected wallet on the network's chain: simulated first over the network's RPC
 * (a call that would revert throws {@link ContractRevertedError} before the wallet is asked), then
 * `eth_sendTransaction`. @returns The transaction hash (the receipt is not awaited).
 * @throws Lightbus typed errors only: ContractRevertedError, UserRejectedError, WalletRequestError, WalletUnsupportedError.
 */
export async function writeMarket(
  config: Config,
  call: { address: Hex; abi: Abi; functionName: string; args: readonly unknown[]; value?: bigint },
  action: string,
): Promise<Hex> {
  const account = assertReady(config)
  const chainId = config.chains[0]?.id
  try {
    const { request } = await simulateContract(config, {
      account,
      chainId,
      address: call.address,
      abi: call.abi,
      functionName: call.functionName,
      args: call.args,
      ...(call.value !== undefined ? { value: call.value } : {}),
    } as Parameters<typeof simulateContract>[1])
    return await writeContract(config, request as Parameters<typeof writeContract>[1])
  } catch (e) {
    throw toMarketError(e, action)
  }
}

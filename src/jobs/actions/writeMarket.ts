import { type Abi, encodeFunctionData, type Hex } from 'viem'
import type { Config } from 'wagmi'
import { estimateGas, simulateContract, writeContract } from 'wagmi/actions'
import { assertReady } from '../../wallet/actions.ts'
import { gasWithMargin } from '../gasMargin.ts'
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
    // A 30 % gas margin (gasWithMargin): the gas of ProofMarket's price ramp depends on the mining block's timestamp.
    const data = encodeFunctionData({ abi: call.abi, functionName: call.functionName, args: call.args } as Parameters<typeof encodeFunctionData>[0])
    const estimate = await estimateGas(config, {
      account,
      chainId,
      to: call.address,
      data,
      ...(call.value !== undefined ? { value: call.value } : {}),
    } as Parameters<typeof estimateGas>[1])
    return await writeContract(config, { ...(request as object), gas: gasWithMargin(estimate) } as Parameters<typeof writeContract>[1])
  } catch (e) {
    throw toMarketError(e, action)
  }
}

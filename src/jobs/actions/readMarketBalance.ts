import type { Abi, Hex } from 'viem'
import type { Config } from 'wagmi'
import { readContract } from 'wagmi/actions'
import { ProofMarket } from '../../contracts/artifacts.generated.ts'
import { toMarketError } from './toMarketError.ts'

/**
 * `ProofMarket.balanceOf(account)` in wei over the network's RPC: an RPC answer, NOT a light-client-verified value
 * (the UI says so; proven reads go through the storage worker's verified eth_call). @throws Lightbus typed errors.
 */
export async function readMarketBalance(config: Config, { market, account }: { market: Hex; account: Hex }): Promise<bigint> {
  try {
    return (await readContract(config, {
      chainId: config.chains[0]?.id,
      address: market,
      abi: ProofMarket.abi as Abi,
      functionName: 'balanceOf',
      args: [account],
    } as Parameters<typeof readContract>[1])) as bigint
  } catch (e) {
    throw toMarketError(e, 'read the market balance')
  }
}

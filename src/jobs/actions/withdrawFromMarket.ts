import type { Abi, Hex } from 'viem'
import type { Config } from 'wagmi'
import { ProofMarket } from '../../contracts/artifacts.generated.ts'
import { writeMarket } from './writeMarket.ts'

/**
 * `ProofMarket.withdraw(valueWei)` from the connected account's market balance. @returns The transaction hash.
 * @throws ContractRevertedError InsufficientBalance(account, needed) above the balance; wallet errors.
 */
export function withdrawFromMarket(config: Config, { market, valueWei }: { market: Hex; valueWei: bigint }): Promise<Hex> {
  return writeMarket(config, { address: market, abi: ProofMarket.abi as Abi, functionName: 'withdraw', args: [valueWei] }, 'withdraw from the market')
}

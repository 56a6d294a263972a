import type { Abi, Hex } from 'viem'
import type { Config } from 'wagmi'
import { ProofMarket } from '../../contracts/artifacts.generated.ts'
import { writeMarket } from './writeMarket.ts'

/** `ProofMarket.deposit()` with `valueWei` (wei) to the connected account's market balance. @returns The transaction hash. */
export function depositToMarket(config: Config, { market, valueWei }: { market: Hex; valueWei: bigint }): Promise<Hex> {
  return writeMarket(config, { address: market, abi: ProofMarket.abi as Abi, functionName: 'deposit', args: [], value: valueWei }, 'deposit to the market')
}

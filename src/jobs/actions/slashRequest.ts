import type { Abi, Hex } from 'viem'
import type { Config } from 'wagmi'
import { ProofMarket } from '../../contracts/artifacts.generated.ts'
import { writeMarket } from './writeMarket.ts'

/**
 * `ProofMarket.slash(requestId)`: after the deadline of an unfulfilled lock, refunds the client's price and half the
 * collateral to the client (anyone may call it). @returns The transaction hash.
 * @throws ContractRevertedError NotLocked / AlreadySettled / NotExpired; wallet errors.
 */
export function slashRequest(config: Config, { market, requestId }: { market: Hex; requestId: bigint }): Promise<Hex> {
  return writeMarket(config, { address: market, abi: ProofMarket.abi as Abi, functionName: 'slash', args: [requestId] }, 'slash the prover')
}

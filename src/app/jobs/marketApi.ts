/**
 * The market layer the Jobs pages use, under the names of issue 11's interfaces (owner B, `src/jobs/`): B's pure
 * parts re-exported; the wallet actions here until B's `src/jobs/actions` is on main (then re-exported too).
 */
import type { Hex } from 'viem'
import type { Config } from 'wagmi'
import { signTypedData, writeContract } from 'wagmi/actions'
import { PROOF_REQUEST_TYPES, proofMarketDomain } from '../../jobs/typedData.ts'
import type { ProofRequest } from '../../jobs/types.ts'
import { assertReady } from '../../wallet/actions.ts'
import { toWalletError } from '../../wallet/walletErrors.ts'
import { PROOF_MARKET_READ_ABI } from './market.ts'

export { jobStateOf } from '../../jobs/lifecycle.ts'
export { deadline, lockDeadline, priceAt, rampPoints } from '../../jobs/priceRamp.ts'
export { clientOf, indexOf, requestIdOf } from '../../jobs/requestId.ts'
export { PROOF_REQUEST_TYPES, proofMarketDomain } from '../../jobs/typedData.ts'
export type { JobState, Offer, ProofRequest, RequestStatus } from '../../jobs/types.ts'

const chainOf = (config: Config) => config.chains[0]?.id as number

export async function signProofRequest(config: Config, { market, request }: { market: Hex; request: ProofRequest }): Promise<Hex> {
  const account = assertReady(config)
  try {
    return await signTypedData(config, {
      account,
      domain: proofMarketDomain(chainOf(config), market),
      types: PROOF_REQUEST_TYPES,
      primaryType: 'ProofRequest',
      message: request,
    })
  } catch (e) {
    throw toWalletError(e, 'sign the proof request')
  }
}

async function write(config: Config, action: string, p: { address: Hex; functionName: string; args: readonly unknown[]; value?: bigint }): Promise<Hex> {
  assertReady(config)
  try {
    return await writeContract(config, { abi: PROOF_MARKET_READ_ABI, chainId: chainOf(config), ...p } as never)
  } catch (e) {
    throw toWalletError(e, action)
  }
}

export const submitProofRequest = (config: Config, p: { market: Hex; request: ProofRequest; signature: Hex; valueWei: bigint }) =>
  write(config, 'submit the proof request', { address: p.market, functionName: 'submitRequest', args: [p.request, p.signature], value: p.valueWei })
export const depositToMarket = (config: Config, p: { market: Hex; valueWei: bigint }) =>
  write(config, 'deposit', { address: p.market, functionName: 'deposit', args: [], value: p.valueWei })
export const withdrawFromMarket = (config: Config, p: { market: Hex; valueWei: bigint }) =>
  write(config, 'withdraw', { address: p.market, functionName: 'withdraw', args: [p.valueWei] })
export const slashRequest = (config: Config, p: { market: Hex; requestId: bigint }) =>
  write(config, 'slash', { address: p.market, functionName: 'slash', args: [p.requestId] })

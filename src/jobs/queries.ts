import type { MutationOptions, QueryOptions } from '@tanstack/react-query'
import type { Hex } from 'viem'
import type { Config } from 'wagmi'
import type { BaseError } from '../errors/base.ts'
import { depositToMarket } from './actions/depositToMarket.ts'
import { disputeResponse } from './actions/disputeResponse.ts'
import { readMarketBalance } from './actions/readMarketBalance.ts'
import { signProofRequest } from './actions/signProofRequest.ts'
import { signServiceRequest } from './actions/signServiceRequest.ts'
import { slashRequest } from './actions/slashRequest.ts'
import { submitProofRequest } from './actions/submitProofRequest.ts'
import { withdrawFromMarket } from './actions/withdrawFromMarket.ts'

/**
 * TanStack Query options for the market actions (the middle layer, as `wagmi/query`). Keys start with
 * `['lightbus-market', chainId, …]`, so the shared QueryClient keeps networks apart. Errors are Lightbus typed errors.
 */
const key = (config: Config, ...rest: unknown[]) => ['lightbus-market', config.chains[0]?.id, ...rest] as const

type Vars<F extends (config: Config, vars: never) => unknown> = Parameters<F>[1]
type Result<F extends (...a: never[]) => unknown> = Awaited<ReturnType<F>>

const mutation =
  <F extends (config: Config, vars: never) => Promise<unknown>>(name: string, fn: F) =>
  (config: Config) =>
    ({
      mutationKey: key(config, name),
      mutationFn: (vars: Vars<F>) => fn(config, vars) as Promise<Result<F>>,
    }) satisfies MutationOptions<Result<F>, BaseError, Vars<F>>

export const signProofRequestMutationOptions = mutation('signProofRequest', signProofRequest)
export const submitProofRequestMutationOptions = mutation('submitProofRequest', submitProofRequest)
export const depositMutationOptions = mutation('deposit', depositToMarket)
export const withdrawMutationOptions = mutation('withdraw', withdrawFromMarket)
export const slashMutationOptions = mutation('slash', slashRequest)
export const signServiceRequestMutationOptions = mutation('signServiceRequest', signServiceRequest)
export const disputeMutationOptions = mutation('dispute', disputeResponse)

/** The account's market balance over the network's RPC (unverified), refreshed every 12 s by the hook. */
export const marketBalanceQueryOptions = (config: Config, p: { market: Hex; account: Hex | undefined }) =>
  ({
    queryKey: key(config, 'balance', p.market, p.account),
    queryFn: () => readMarketBalance(config, { market: p.market, account: p.account as Hex }),
  }) satisfies QueryOptions<bigint, BaseError>

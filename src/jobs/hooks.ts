import { useMutation, useQuery } from '@tanstack/react-query'
import type { Hex } from 'viem'
import { useConfig, useConnection } from 'wagmi'
import type { BaseError } from '../errors/base.ts'
import {
  depositMutationOptions,
  disputeMutationOptions,
  marketBalanceQueryOptions,
  signProofRequestMutationOptions,
  signServiceRequestMutationOptions,
  slashMutationOptions,
  submitProofRequestMutationOptions,
  withdrawMutationOptions,
} from './queries.ts'

/**
 * React hooks of the market layer (top layer over `queries.ts`, inside a WalletScope). Each mutation's error is a
 * Lightbus typed error (ContractRevertedError, UserRejectedError, …).
 */
type Opts<T extends (config: never) => { mutationFn: (v: never) => Promise<unknown> }> = ReturnType<T>
type MVars<T extends (config: never) => { mutationFn: (v: never) => Promise<unknown> }> = Parameters<Opts<T>['mutationFn']>[0]
type MData<T extends (config: never) => { mutationFn: (v: never) => Promise<unknown> }> = Awaited<ReturnType<Opts<T>['mutationFn']>>

export function useSignProofRequest() {
  return useMutation<MData<typeof signProofRequestMutationOptions>, BaseError, MVars<typeof signProofRequestMutationOptions>>(
    signProofRequestMutationOptions(useConfig()),
  )
}
export function useSubmitProofRequest() {
  return useMutation<MData<typeof submitProofRequestMutationOptions>, BaseError, MVars<typeof submitProofRequestMutationOptions>>(
    submitProofRequestMutationOptions(useConfig()),
  )
}
export function useDepositToMarket() {
  return useMutation<MData<typeof depositMutationOptions>, BaseError, MVars<typeof depositMutationOptions>>(depositMutationOptions(useConfig()))
}
export function useWithdrawFromMarket() {
  return useMutation<MData<typeof withdrawMutationOptions>, BaseError, MVars<typeof withdrawMutationOptions>>(withdrawMutationOptions(useConfig()))
}
export function useSlashRequest() {
  return useMutation<MData<typeof slashMutationOptions>, BaseError, MVars<typeof slashMutationOptions>>(slashMutationOptions(useConfig()))
}
export function useSignServiceRequest() {
  return useMutation<MData<typeof signServiceRequestMutationOptions>, BaseError, MVars<typeof signServiceRequestMutationOptions>>(
    signServiceRequestMutationOptions(useConfig()),
  )
}
export function useDisputeResponse() {
  return useMutation<MData<typeof disputeMutationOptions>, BaseError, MVars<typeof disputeMutationOptions>>(disputeMutationOptions(useConfig()))
}

/** The connected account's market balance in wei (an RPC answer, not verified), refreshed every 12 s. */
export function useMarketBalance(market: Hex) {
  const config = useConfig()
  const { address, status } = useConnection()
  return useQuery<bigint, BaseError>({
    ...marketBalanceQueryOptions(config, { market, account: address }),
    enabled: status === 'connected' && !!address,
    refetchInterval: 12_000,
  })
}

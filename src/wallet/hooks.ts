import { useMutation } from '@tanstack/react-query'
import { useBalance, useConfig, useConnection, useConnectors } from 'wagmi'
import type { BaseError } from '../errors/base.ts'
import { connectWalletMutationOptions, disconnectMutationOptions, switchChainMutationOptions } from './queries.ts'

/**
 * The wallet state of the app (top layer: hooks over `queries.ts`, inside a WalletScope): the connection, the
 * discovered wallets, the balance on the network's chain (an RPC answer, not verified), whether the wallet is on
 * another chain, and the connect / switch / disconnect mutations (their errors are Lightbus typed errors).
 */
export function useWallet() {
  const config = useConfig()
  const connection = useConnection()
  const connectors = useConnectors()
  const chainId = config.chains[0]?.id as number
  const balance = useBalance({
    ...(connection.address ? { address: connection.address } : {}),
    chainId,
    query: { enabled: connection.status === 'connected', refetchInterval: 12_000 },
  })
  const connect = useMutation<
    Awaited<ReturnType<ReturnType<typeof connectWalletMutationOptions>['mutationFn']>>,
    BaseError,
    Parameters<ReturnType<typeof connectWalletMutationOptions>['mutationFn']>[0]
  >(connectWalletMutationOptions(config))
  const switchChain = useMutation<number, BaseError, void>(switchChainMutationOptions(config))
  const disconnect = useMutation<void, BaseError, void>(disconnectMutationOptions(config))
  return {
    config,
    chainId,
    chainName: config.chains[0]?.name ?? '',
    status: connection.status,
    address: connection.address,
    connector: connection.connector,
    wrongChain: connection.status === 'connected' && connection.chainId !== chainId,
    walletChainId: connection.chainId,
    connectors,
    balance,
    connect,
    switchChain,
    disconnect,
  }
}

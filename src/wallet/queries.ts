import type { MutationOptions } from '@tanstack/react-query'
import type { Hex } from 'viem'
import type { Config, Connector } from 'wagmi'
import type { BaseError } from '../errors/base.ts'
import { connectWallet, disconnectWallet, switchToNetworkChain } from './actions.ts'

/**
 * TanStack Query options for the wallet actions (the middle layer, as `wagmi/query` does for wagmi's actions).
 * Keys start with `['lightbus-wallet', chainId]`, so the shared QueryClient keeps them apart per network.
 */
export const connectWalletMutationOptions = (config: Config) =>
  ({
    mutationKey: ['lightbus-wallet', config.chains[0]?.id, 'connect'],
    mutationFn: (vars: { connector: Connector }) => connectWallet(config, vars),
  }) satisfies MutationOptions<readonly Hex[], BaseError, { connector: Connector }>

export const switchChainMutationOptions = (config: Config) =>
  ({
    mutationKey: ['lightbus-wallet', config.chains[0]?.id, 'switchChain'],
    mutationFn: () => switchToNetworkChain(config),
  }) satisfies MutationOptions<number, BaseError, void>

export const disconnectMutationOptions = (config: Config) =>
  ({
    mutationKey: ['lightbus-wallet', config.chains[0]?.id, 'disconnect'],
    mutationFn: () => disconnectWallet(config),
  }) satisfies MutationOptions<void, BaseError, void>

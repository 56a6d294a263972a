import { type Chain, defineChain, http } from 'viem'
import { type Config, type CreateConnectorFn, createConfig, createStorage } from 'wagmi'
import { EXECUTION_CHAIN_IDS } from '../consensus/chainName.ts'
import type { NetworkConfig } from '../net/networkConfig.ts'

/**
 * The execution chain of a network, as wagmi/viem see it: EIP-155 id from `EXECUTION_CHAIN_IDS` (devnet: anvil's
 * 31337) and the network's JSON-RPC URL (`executionRpcUrl`). Balances and receipts read through it are RPC answers,
 * not light-client-verified values; the UI says so.
 */
export function walletChainOf(network: Pick<NetworkConfig, 'id' | 'name' | 'chain' | 'executionRpcUrl'>): Chain {
  return defineChain({
    id: EXECUTION_CHAIN_IDS[network.chain],
    name: network.name,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [network.executionRpcUrl] } },
    testnet: network.chain !== 'mainnet',
  })
}

export type WalletConfigOptions = {
  /** Connectors besides the EIP-6963-discovered ones (unit tests pass wagmi's `mock`). Default none. */
  connectors?: CreateConnectorFn[]
  /** Discover injected wallets through EIP-6963 (`eip6963:announceProvider`). Default true; false in Node tests. */
  discoverInjected?: boolean
  /** Where wagmi keeps the last connector (to reconnect on the next visit). Default: localStorage when there is one. */
  storage?: Storage | null
}

/**
 * The one wagmi config of a network: its execution chain, HTTP transport to its RPC, EIP-6963 discovery of injected
 * wallets (wagmi's `multiInjectedProviderDiscovery`) plus `options.connectors`. Every wallet island of the app
 * (header button, storage upload, job submission) uses the config {@link walletConfigFor} caches per network.
 */
export function createWalletConfig(network: NetworkConfig, options: WalletConfigOptions = {}): Config {
  const chain = walletChainOf(network)
  const browserStorage = options.storage === undefined ? (typeof localStorage === 'undefined' ? null : localStorage) : options.storage
  return createConfig({
    chains: [chain],
    connectors: options.connectors ?? [],
    multiInjectedProviderDiscovery: options.discoverInjected ?? true,
    transports: { [chain.id]: http(network.executionRpcUrl, { batch: false }) },
    storage: createStorage({ key: `lightbus.wallet.${network.id}`, storage: browserStorage ?? undefined }),
    ssr: false,
  })
}

const configs = new Map<string, Config>()

/** The cached config of `network` (one per network id and RPC URL for the life of the page). */
export function walletConfigFor(network: NetworkConfig): Config {
  const key = `${network.id}|${network.executionRpcUrl}`
  let config = configs.get(key)
  if (!config) {
    config = createWalletConfig(network)
    configs.set(key, config)
  }
  return config
}

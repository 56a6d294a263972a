/**
 * Chains whose consensus config Lightbus knows: the public ones (from `@lodestar/config`, with fork
 * epochs brought up to date in chainConfig.ts) and the local devnet (devnet/, config in devnetChain.ts).
 */
export type ChainName = 'mainnet' | 'sepolia' | 'hoodi' | 'devnet'

export const CHAIN_NAMES: readonly ChainName[] = ['mainnet', 'sepolia', 'hoodi', 'devnet']

export const isChainName = (v: unknown): v is ChainName => typeof v === 'string' && (CHAIN_NAMES as readonly string[]).includes(v)

/** EIP-155 chain id of each chain's execution layer (devnet: anvil's, devnet/anvil.ts). */
export const EXECUTION_CHAIN_IDS: Readonly<Record<ChainName, number>> = { mainnet: 1, sepolia: 11155111, hoodi: 560048, devnet: 31337 }

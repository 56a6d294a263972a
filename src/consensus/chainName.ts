/**
 * Chains whose consensus config Lightbus knows: the public ones (from `@lodestar/config`, with fork
 * epochs brought up to date in chainConfig.ts) and the local devnet (devnet/, config in devnetChain.ts).
 */
export type ChainName = 'mainnet' | 'sepolia' | 'hoodi' | 'devnet'

export const CHAIN_NAMES: readonly ChainName[] = ['mainnet', 'sepolia', 'hoodi', 'devnet']

export const isChainName = (v: unknown): v is ChainName => typeof v === 'string' && (CHAIN_NAMES as readonly string[]).includes(v)

/** Chains whose consensus config ships with Lodestar (fork epochs and versions, seconds per slot). */
export type ChainName = 'mainnet' | 'sepolia' | 'hoodi'

export const CHAIN_NAMES: readonly ChainName[] = ['mainnet', 'sepolia', 'hoodi']

export const isChainName = (v: unknown): v is ChainName => typeof v === 'string' && (CHAIN_NAMES as readonly string[]).includes(v)

import type { ChainConfig } from '@lodestar/config'
import { genesisData, type NetworkName, networksChainConfig } from '@lodestar/config/networks'
import { fromHex } from '@lodestar/utils'
import { MalformedInputError } from '../errors/base.ts'
import { isHex32 } from '../verify/hex.ts'
import type { ChainName } from './chainName.ts'
import { DEVNET_CHAIN_CONFIG, DEVNET_GENESIS_VALIDATORS_ROOT } from './devnetChain.ts'
import { createLightClientConfig, type LightClientConfig } from './lightClientConfig.ts'

export type { ChainName }

/**
 * Fork epochs that shipped after `@lodestar/config` 1.28.1 (which has Electra and Fulu at Infinity).
 * Source: ethereum/consensus-specs `configs/mainnet.yaml` and eth-clients/{sepolia,hoodi} `config.yaml`.
 */
const FORK_UPDATES: Partial<Record<ChainName, Partial<ChainConfig>>> = {
  mainnet: { ELECTRA_FORK_EPOCH: 364032, FULU_FORK_EPOCH: 411392 },
  sepolia: { ELECTRA_FORK_EPOCH: 222464, FULU_FORK_EPOCH: 272640 },
  hoodi: { ELECTRA_FORK_EPOCH: 2048, FULU_FORK_EPOCH: 50688 },
}

/** The chain's config: `@lodestar/config`'s for a public chain with the fork epochs above, or the devnet's. */
export const chainConfigOf = (chain: ChainName): ChainConfig =>
  chain === 'devnet' ? DEVNET_CHAIN_CONFIG : { ...networksChainConfig[chain as NetworkName], ...FORK_UPDATES[chain] }

/**
 * Genesis time (unix seconds; 0 for the devnet, whose genesis is served) and validators root (32 bytes,
 * hex; part of every signing domain) per chain.
 */
export const getGenesisData = (chain: ChainName): { genesisTime: number; genesisValidatorsRoot: string } =>
  chain === 'devnet' ? { genesisTime: 0, genesisValidatorsRoot: DEVNET_GENESIS_VALIDATORS_ROOT } : genesisData[chain as NetworkName]

/**
 * The light client's config for a chain: fork schedule and signing domains ({@link LightClientConfig}).
 * @param chain - A public chain (config from `@lodestar/config`, fork epochs updated) or the devnet.
 * @param genesisValidatorsRoot - 32-byte hex; defaults to the chain's own.
 * @throws {MalformedInputError} When the root is not 32 bytes of hex.
 */
export function getBeaconConfig(chain: ChainName, genesisValidatorsRoot?: string): LightClientConfig {
  return createLightClientConfig(chainConfigOf(chain), genesisValidatorsRootOf(chain, genesisValidatorsRoot))
}

/**
 * The chain's genesis validators root as 32 bytes.
 * @throws {MalformedInputError} When `override` (or the chain's) is not 32 bytes of hex.
 */
export function genesisValidatorsRootOf(chain: ChainName, override?: string): Uint8Array {
  const root = override ?? getGenesisData(chain).genesisValidatorsRoot
  if (!isHex32(root)) {
    throw new MalformedInputError({ what: 'genesis validators root', details: root })
  }
  return fromHex(root)
}

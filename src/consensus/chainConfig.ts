import type { ChainConfig } from '@lodestar/config'
import { type BeaconConfig, createBeaconConfig } from '@lodestar/config'
import { genesisData, type NetworkName, networksChainConfig } from '@lodestar/config/networks'
import { fromHex } from '@lodestar/utils'
import { MalformedInputError } from '../errors/base.ts'
import { isHex32 } from '../verify/hex.ts'
import type { ChainName } from './chainName.ts'
import { DEVNET_CHAIN_CONFIG, DEVNET_GENESIS_VALIDATORS_ROOT } from './devnetChain.ts'

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

const chainConfigOf = (chain: ChainName): ChainConfig =>
  chain === 'devnet' ? DEVNET_CHAIN_CONFIG : { ...networksChainConfig[chain as NetworkName], ...FORK_UPDATES[chain] }

/**
 * Genesis time (unix seconds; 0 for the devnet, whose genesis is served) and validators root (32 bytes,
 * hex; part of every signing domain) per chain.
 */
export const getGenesisData = (chain: ChainName): { genesisTime: number; genesisValidatorsRoot: string } =>
  chain === 'devnet' ? { genesisTime: 0, genesisValidatorsRoot: DEVNET_GENESIS_VALIDATORS_ROOT } : genesisData[chain as NetworkName]

/**
 * Builds the Lodestar `BeaconConfig` (chain config + signing domains) for a chain.
 * @param chain - A public chain (config from `@lodestar/config`, fork epochs updated) or the devnet.
 * @param genesisValidatorsRoot - 32-byte hex; defaults to the chain's own.
 * @throws {MalformedInputError} When the root is not 32 bytes of hex.
 */
export function getBeaconConfig(chain: ChainName, genesisValidatorsRoot?: string): BeaconConfig {
  const root = genesisValidatorsRoot ?? getGenesisData(chain).genesisValidatorsRoot
  if (!isHex32(root)) {
    throw new MalformedInputError({ what: 'genesis validators root', details: root })
  }
  return createBeaconConfig(chainConfigOf(chain), fromHex(root))
}

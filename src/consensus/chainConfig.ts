import { type BeaconConfig, createBeaconConfig } from '@lodestar/config'
import { genesisData, type NetworkName, networksChainConfig } from '@lodestar/config/networks'
import { fromHex } from '@lodestar/utils'
import { MalformedInputError } from '../errors/base.ts'

import type { ChainName } from './chainName.ts'

export type { ChainName }

/** Genesis time (unix seconds) and validators root (32 bytes, hex; part of every signing domain) per chain. */
export const getGenesisData = (chain: ChainName) => genesisData[chain as NetworkName]

/**
 * Builds the Lodestar `BeaconConfig` (chain config + signing domains) for a chain.
 * @param chain - A chain whose config ships with `@lodestar/config`.
 * @param genesisValidatorsRoot - 32-byte hex; defaults to the chain's own.
 * @throws {MalformedInputError} When the root is not 32 bytes of hex.
 */
export function getBeaconConfig(chain: ChainName, genesisValidatorsRoot?: string): BeaconConfig {
  const root = genesisValidatorsRoot ?? getGenesisData(chain).genesisValidatorsRoot
  if (!/^0x[0-9a-fA-F]{64}$/.test(root)) {
    throw new MalformedInputError({ what: 'genesis validators root', details: root })
  }
  return createBeaconConfig(networksChainConfig[chain as NetworkName], fromHex(root))
}

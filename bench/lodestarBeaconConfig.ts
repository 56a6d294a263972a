import { type BeaconConfig, createBeaconConfig } from '@lodestar/config'
import { type ChainName, chainConfigOf, genesisValidatorsRootOf } from '../src/consensus/chainConfig.ts'

/** Lodestar's own `BeaconConfig` for a chain, for stock `@lodestar/light-client` (the bench's reference). */
export const getLodestarBeaconConfig = (chain: ChainName): BeaconConfig => createBeaconConfig(chainConfigOf(chain), genesisValidatorsRootOf(chain))

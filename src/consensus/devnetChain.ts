import type { ChainConfig } from '@lodestar/config'
import { mainnetChainConfig } from '@lodestar/config/configs'
import { fromHex } from '@lodestar/utils'

/**
 * The local devnet's consensus (devnet/beacon): mainnet preset (512-member sync committee, 8192-slot
 * periods), every fork up to Deneb at genesis, its own fork versions, 2-second slots. Its genesis time is
 * the moment the devnet starts, so it is read from the devnet's `/eth/v1/beacon/genesis`; its genesis
 * validators root is fixed here, so a devnet beacon cannot sign for another chain's domain.
 */
export const DEVNET_CHAIN_CONFIG: ChainConfig = {
  ...mainnetChainConfig,
  CONFIG_NAME: 'lightbus-devnet',
  SECONDS_PER_SLOT: 2,
  GENESIS_FORK_VERSION: fromHex('0x10000b05'),
  ALTAIR_FORK_VERSION: fromHex('0x20000b05'),
  ALTAIR_FORK_EPOCH: 0,
  BELLATRIX_FORK_VERSION: fromHex('0x30000b05'),
  BELLATRIX_FORK_EPOCH: 0,
  CAPELLA_FORK_VERSION: fromHex('0x40000b05'),
  CAPELLA_FORK_EPOCH: 0,
  DENEB_FORK_VERSION: fromHex('0x50000b05'),
  DENEB_FORK_EPOCH: 0,
  ELECTRA_FORK_VERSION: fromHex('0x60000b05'),
  ELECTRA_FORK_EPOCH: Number.POSITIVE_INFINITY,
  FULU_FORK_VERSION: fromHex('0x70000b05'),
  FULU_FORK_EPOCH: Number.POSITIVE_INFINITY,
}

/** A fixed constant (ASCII "lightbus devnet gnsr", zero padded, 0x0b05): not derived from any validator set. */
export const DEVNET_GENESIS_VALIDATORS_ROOT = '0x6c69676874627573206465766e657420676e7372000000000000000000000b05'

import type { ChainConfig } from '@lodestar/config'
import { ForkName, SLOTS_PER_EPOCH } from '@lodestar/params'
import { ForkData } from './sszLightClient.ts'

/**
 * What the light client reads of a chain's config: its fork schedule and signing domains. Built from a `ChainConfig`
 * (`@lodestar/config`'s plain object) without `createBeaconConfig`, which imports every fork's SSZ types
 * (`@lodestar/types`) to compute fork digests the light client never uses; `getForkName` and `getDomain` give the same
 * results as Lodestar's `BeaconConfig` (src/consensus/lightClientConfig.test.ts compares them on every chain, at every
 * fork boundary).
 */
export interface LightClientConfig {
  /** Seconds per slot (12 on public chains). */
  readonly SECONDS_PER_SLOT: number
  /** `genesis_validators_root`, 32 bytes. */
  readonly genesisValidatorsRoot: Uint8Array
  /** The fork active at `slot` (the latest whose `*_FORK_EPOCH` ≤ the slot's epoch). */
  getForkName(slot: number): ForkName
  /**
   * `compute_domain(domain_type, fork_version, genesis_validators_root)` with the fork version active at `slot`'s epoch:
   * 32 bytes (4 of domain type, then the first 28 of `hash_tree_root(ForkData(fork_version, genesis_validators_root))`).
   * Spec: https://github.com/ethereum/consensus-specs/blob/v1.5.0/specs/phase0/beacon-chain.md#compute_domain
   * @param domainType - 4 bytes (e.g. DOMAIN_SYNC_COMMITTEE = 0x07000000).
   */
  getDomain(slot: number, domainType: Uint8Array): Uint8Array
}

/** Forks in order of activation, with their `ChainConfig` epoch and version keys. */
const FORKS: readonly { name: ForkName; epoch: keyof ChainConfig | null; version: keyof ChainConfig }[] = [
  { name: ForkName.phase0, epoch: null, version: 'GENESIS_FORK_VERSION' },
  { name: ForkName.altair, epoch: 'ALTAIR_FORK_EPOCH', version: 'ALTAIR_FORK_VERSION' },
  { name: ForkName.bellatrix, epoch: 'BELLATRIX_FORK_EPOCH', version: 'BELLATRIX_FORK_VERSION' },
  { name: ForkName.capella, epoch: 'CAPELLA_FORK_EPOCH', version: 'CAPELLA_FORK_VERSION' },
  { name: ForkName.deneb, epoch: 'DENEB_FORK_EPOCH', version: 'DENEB_FORK_VERSION' },
  { name: ForkName.electra, epoch: 'ELECTRA_FORK_EPOCH', version: 'ELECTRA_FORK_VERSION' },
  { name: ForkName.fulu, epoch: 'FULU_FORK_EPOCH', version: 'FULU_FORK_VERSION' },
]

/**
 * @param chainConfig - The chain's config (fork epochs may be Infinity: not scheduled).
 * @param genesisValidatorsRoot - 32 bytes.
 */
export function createLightClientConfig(chainConfig: ChainConfig, genesisValidatorsRoot: Uint8Array): LightClientConfig {
  const forks = FORKS.map((f) => ({
    name: f.name,
    epoch: f.epoch === null ? 0 : (chainConfig[f.epoch] as number),
    version: chainConfig[f.version] as Uint8Array,
  }))
  // Latest first; a later fork scheduled at the same epoch as an earlier one wins, as in Lodestar's `getForkInfo`.
  const descending = [...forks].reverse()
  const forkAt = (slot: number) => {
    const epoch = Math.floor(slot / SLOTS_PER_EPOCH)
    return descending.find((f) => epoch >= f.epoch) ?? (forks[0] as (typeof forks)[number])
  }
  const domains = new Map<string, Uint8Array>()
  return {
    SECONDS_PER_SLOT: chainConfig.SECONDS_PER_SLOT,
    genesisValidatorsRoot,
    getForkName: (slot) => forkAt(slot).name,
    getDomain(slot, domainType) {
      const fork = forkAt(slot)
      const key = `${fork.name}:${Array.from(domainType).join(',')}`
      let domain = domains.get(key)
      if (!domain) {
        const forkDataRoot = ForkData.hashTreeRoot({ currentVersion: fork.version, genesisValidatorsRoot })
        domain = new Uint8Array(32)
        domain.set(domainType.subarray(0, 4), 0)
        domain.set(forkDataRoot.subarray(0, 28), 4)
        domains.set(key, domain)
      }
      return domain
    },
  }
}

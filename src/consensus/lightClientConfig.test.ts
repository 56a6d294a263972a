import { createBeaconConfig } from '@lodestar/config'
import { DOMAIN_BEACON_PROPOSER, DOMAIN_SYNC_COMMITTEE, SLOTS_PER_EPOCH } from '@lodestar/params'
import { describe, expect, it } from 'vitest'
import { chainConfigOf, genesisValidatorsRootOf, getBeaconConfig } from './chainConfig.ts'
import { CHAIN_NAMES } from './chainName.ts'

// Differential: the light client's config against Lodestar's `createBeaconConfig` (which it replaces in the light
// client) on every chain Lightbus knows, at every scheduled fork boundary and at random slots.

const EPOCH_KEYS = ['ALTAIR_FORK_EPOCH', 'BELLATRIX_FORK_EPOCH', 'CAPELLA_FORK_EPOCH', 'DENEB_FORK_EPOCH', 'ELECTRA_FORK_EPOCH', 'FULU_FORK_EPOCH'] as const

describe('LightClientConfig = Lodestar BeaconConfig', () => {
  for (const chain of CHAIN_NAMES) {
    it(`${chain}: fork names and sync-committee / proposer domains at every fork boundary`, () => {
      const cc = chainConfigOf(chain)
      const theirs = createBeaconConfig(cc, genesisValidatorsRootOf(chain))
      const ours = getBeaconConfig(chain)
      expect(ours.genesisValidatorsRoot).toEqual(theirs.genesisValidatorsRoot)
      expect(ours.SECONDS_PER_SLOT).toBe(theirs.SECONDS_PER_SLOT)
      const slots = new Set([0, 1, 31, 32, 12_345_678])
      for (const k of EPOCH_KEYS) {
        const epoch = cc[k]
        if (!Number.isFinite(epoch)) continue
        for (const d of [-1, 0, 1]) slots.add(Math.max(0, epoch * SLOTS_PER_EPOCH + d))
      }
      for (let i = 0; i < 20; i++) slots.add(Math.floor(((i * 2654435761) % 2 ** 32) / 100))
      const forksSeen = new Set<string>()
      for (const slot of slots) {
        expect(ours.getForkName(slot), `slot ${slot}`).toBe(theirs.getForkName(slot))
        expect(ours.getDomain(slot, DOMAIN_SYNC_COMMITTEE), `slot ${slot}`).toEqual(theirs.getDomain(slot, DOMAIN_SYNC_COMMITTEE))
        expect(ours.getDomain(slot, DOMAIN_BEACON_PROPOSER), `slot ${slot}`).toEqual(theirs.getDomain(slot, DOMAIN_BEACON_PROPOSER))
        forksSeen.add(ours.getForkName(slot))
      }
      // The boundaries were crossed: more than one fork on a chain with a schedule.
      if (EPOCH_KEYS.some((k) => cc[k] > 0 && Number.isFinite(cc[k]))) expect(forksSeen.size).toBeGreaterThan(1)
    })
  }

  it('another genesis validators root gives other domains (the comparison can fail)', () => {
    const a = getBeaconConfig('mainnet')
    const b = getBeaconConfig('mainnet', `0x${'11'.repeat(32)}`)
    expect(b.getDomain(7_000_000, DOMAIN_SYNC_COMMITTEE)).not.toEqual(a.getDomain(7_000_000, DOMAIN_SYNC_COMMITTEE))
    expect(b.getDomain(7_000_000, DOMAIN_SYNC_COMMITTEE).subarray(0, 4)).toEqual(DOMAIN_SYNC_COMMITTEE)
  })
})

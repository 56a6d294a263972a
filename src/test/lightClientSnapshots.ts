// Light-client snapshots for tests of the pages that show them (the first view and its differential test): the
// recorded mainnet network of public/config.json, with made-up but well-formed headers.
import { readFileSync } from 'node:fs'
import { emptySnapshot, type LightClientSnapshot } from '../bus/lightClientStatus.ts'
import type { SyncStep } from '../consensus/lightClientSession.ts'
import { type AppConfig, parseAppConfig } from '../net/networkConfig.ts'

/** public/config.json, parsed as the app parses it. */
export const publicConfig: AppConfig = parseAppConfig(JSON.parse(readFileSync(new URL('../../public/config.json', import.meta.url), 'utf8')))
/** Its default network (the recorded mainnet) and that network's checkpoint. */
export const defaultNetwork = publicConfig.networks.find((n) => n.id === publicConfig.defaultNetwork) as AppConfig['networks'][number]
export const defaultCheckpoint = defaultNetwork.checkpointRoot as string

/** A header summary at `slot` whose execution payload is block `blockNumber` (roots: repeated bytes; 32-byte hex). */
export const headerAt = (slot: number, blockNumber: number) =>
  ({
    slot,
    blockRoot: `0x${'ab'.repeat(31)}${(slot % 256).toString(16).padStart(2, '0')}`,
    beaconStateRoot: `0x${'cd'.repeat(32)}`,
    execution: {
      blockNumber,
      blockHash: `0x${'12'.repeat(32)}`,
      stateRoot: `0x${'34'.repeat(32)}`,
      transactionsRoot: `0x${'56'.repeat(32)}`,
      receiptsRoot: `0x${'78'.repeat(32)}`,
      timestamp: 1692130000,
      feeRecipient: `0x${'9a'.repeat(20)}`,
      gasUsed: 12_000_000,
    },
  }) as NonNullable<LightClientSnapshot['finalized']>

/** A verified sync step (bootstrap and restore without participants). */
export const syncStep = (kind: SyncStep['kind'], period: number, slot: number): SyncStep => ({
  kind,
  period,
  slot,
  participants: kind === 'bootstrap' || kind === 'restore' ? undefined : 500,
  ms: 12.5,
  atMs: 1_700_000_000_000,
  advancedFinalized: true,
  advancedOptimistic: true,
})

/** The default network synced (polling the head) at finalized block 17923026, slot 7109344, with an optimistic head. */
export const syncedSnapshot: LightClientSnapshot = {
  ...emptySnapshot(defaultNetwork.id, defaultCheckpoint, { code: 'synced', headMode: 'polling' }),
  finalized: headerAt(7109344, 17923026),
  optimistic: headerAt(7109400, 17923080),
  steps: [syncStep('bootstrap', 862, 7069376), syncStep('update', 863, 7077000), syncStep('finality', 867, 7109408)],
}

import type { BeaconConfig } from '@lodestar/config'
import { isBetterUpdate, type LightClientUpdateSummary, toLightClientUpdateSummary } from '@lodestar/light-client/spec'
import { computeSyncPeriodAtSlot } from '@lodestar/light-client/utils'
import { SYNC_COMMITTEE_SIZE } from '@lodestar/params'
import type { altair, LightClientHeader, LightClientUpdate } from '@lodestar/types'
import { LightClientUpdateRejectedError } from '../errors/consensus.ts'
import { type NormalizedUpdate, validateLightClientUpdate } from './validateLightClientUpdate.ts'

/** Committees and best updates kept per store (consensus-specs keeps current and next). */
const MAX_SYNC_PERIODS_CACHE = 2

const pruneToMax = <K, V>(m: Map<K, V>, max: number) => {
  for (const k of [...m.keys()].slice(0, Math.max(0, m.size - max))) m.delete(k)
}

/**
 * `LightClientStore` and `process_light_client_update` (consensus-specs altair sync-protocol.md at v1.5.0,
 * https://github.com/ethereum/consensus-specs/blob/v1.5.0/specs/altair/light-client/sync-protocol.md#process_light_client_update),
 * keeping raw (compressed) committees so no period needs all 512 keys decompressed.
 * DIFF FROM SPEC: as Lodestar's `allowForcedUpdates`, the next committee of the best valid update of the
 * previous period is adopted when a signature of the new period arrives, even before it is finalized
 * (the update was fully validated, including its committee branch).
 */
export class LightClientStore {
  readonly committees = new Map<number, altair.SyncCommittee>()
  readonly bestValidUpdates = new Map<number, { update: LightClientUpdate; summary: LightClientUpdateSummary }>()
  private readonly maxActiveParticipants = new Map<number, number>()

  constructor(
    readonly config: BeaconConfig,
    public finalizedHeader: LightClientHeader,
    currentSyncCommittee: altair.SyncCommittee,
    public optimisticHeader: LightClientHeader = finalizedHeader,
  ) {
    this.committees.set(computeSyncPeriodAtSlot(finalizedHeader.beacon.slot), currentSyncCommittee)
  }

  hasCommitteeFor(period: number): boolean {
    return this.committees.has(period) || this.bestValidUpdates.has(period - 1)
  }

  /** The committee that signs in `period`, adopting the previous period's best update's next committee if needed. */
  committeeAt(period: number): altair.SyncCommittee {
    const known = this.committees.get(period)
    if (known) return known
    const best = this.bestValidUpdates.get(period - 1)
    if (!best) {
      throw new LightClientUpdateRejectedError({ kind: 'update', reason: `no sync committee known for period ${period}` })
    }
    this.committees.set(period, best.update.nextSyncCommittee)
    pruneToMax(this.committees, MAX_SYNC_PERIODS_CACHE)
    this.bestValidUpdates.delete(period - 1)
    return best.update.nextSyncCommittee
  }

  private maxActive(period: number) {
    return Math.max(this.maxActiveParticipants.get(period) ?? 0, this.maxActiveParticipants.get(period - 1) ?? 0)
  }

  /**
   * Validates and applies an update. Nothing changes if it is invalid (the committee adoption in
   * `committeeAt` only uses data validated earlier).
   * @param full - The full `LightClientUpdate` when this is a period update (kept as a best update).
   * @throws {InvalidMerkleBranchError | InvalidSyncCommitteeSignatureError | LightClientUpdateRejectedError}
   */
  process(currentSlot: number, update: NormalizedUpdate, full?: LightClientUpdate): void {
    if (update.signatureSlot > currentSlot) {
      throw new LightClientUpdateRejectedError({
        kind: 'update',
        reason: `signature slot ${update.signatureSlot} is in the future (current slot ${currentSlot})`,
      })
    }
    const period = computeSyncPeriodAtSlot(update.signatureSlot)
    validateLightClientUpdate(this.config, update, this.committeeAt(period))

    const participants = update.syncAggregate.syncCommitteeBits.getTrueBitIndexes().length
    if (participants > (this.maxActiveParticipants.get(period) ?? 0)) this.maxActiveParticipants.set(period, participants)
    for (const p of [...this.maxActiveParticipants.keys()]) if (p < period - MAX_SYNC_PERIODS_CACHE) this.maxActiveParticipants.delete(p)

    // get_safety_threshold: max(previous, current max active participants) // 2
    if (participants > Math.floor(this.maxActive(period) / 2) && update.attestedHeader.beacon.slot > this.optimisticHeader.beacon.slot) {
      this.optimisticHeader = update.attestedHeader
    }
    if (update.finalizedHeader && participants * 3 >= SYNC_COMMITTEE_SIZE * 2 && update.finalizedHeader.beacon.slot > this.finalizedHeader.beacon.slot) {
      this.finalizedHeader = update.finalizedHeader
      if (this.finalizedHeader.beacon.slot > this.optimisticHeader.beacon.slot) this.optimisticHeader = this.finalizedHeader
    }
    if (full && update.nextSyncCommittee) {
      const summary = toLightClientUpdateSummary(full)
      const best = this.bestValidUpdates.get(period)
      if (!best || isBetterUpdate(summary, best.summary)) {
        this.bestValidUpdates.set(period, { update: full, summary })
        pruneToMax(this.bestValidUpdates, MAX_SYNC_PERIODS_CACHE)
      }
    }
  }
}

import { SYNC_COMMITTEE_SIZE, UPDATE_TIMEOUT } from '@lodestar/params'
import type { altair, LightClientHeader } from '@lodestar/types'
import { LightClientUpdateRejectedError } from '../errors/consensus.ts'
import type { LightClientConfig } from './lightClientConfig.ts'
import { computeSyncPeriodAtSlot } from './specUtils.ts'
import { SyncCommittee } from './sszLightClient.ts'
import { type NormalizedUpdate, type SignatureCheck, validateLightClientUpdate, verifySignatureNow } from './validateLightClientUpdate.ts'

/** `sum(update.sync_aggregate.sync_committee_bits)`: members that signed, 0..512. */
export const participantsOf = (update: NormalizedUpdate): number => update.syncAggregate.syncCommitteeBits.getTrueBitIndexes().length

/** `sum(bits) * 3 >= len(bits) * 2`: a sync-committee supermajority (≥ 342 of 512). */
export const hasSupermajority = (participants: number): boolean => participants * 3 >= SYNC_COMMITTEE_SIZE * 2

const periodOf = (slot: number) => computeSyncPeriodAtSlot(slot)
/** `update.finalized_header.beacon.slot`; 0 when the update carries no finality (the zero header). */
const finalizedSlotOf = (u: NormalizedUpdate) => u.finalizedHeader?.beacon.slot ?? 0

/**
 * `is_better_update` (consensus-specs altair sync-protocol.md at v1.5.0, https://github.com/ethereum/consensus-specs/blob/v1.5.0/specs/altair/light-client/sync-protocol.md#is_better_update),
 * on normalised updates (`is_sync_committee_update` ⇔ `nextSyncCommittee !== null`, `is_finality_update` ⇔
 * `finalizedHeader !== null`).
 */
export function isBetterUpdate(newUpdate: NormalizedUpdate, oldUpdate: NormalizedUpdate): boolean {
  const newActive = participantsOf(newUpdate)
  const oldActive = participantsOf(oldUpdate)
  const newSuper = hasSupermajority(newActive)
  const oldSuper = hasSupermajority(oldActive)
  if (newSuper !== oldSuper) return newSuper
  if (!newSuper && newActive !== oldActive) return newActive > oldActive
  const relevant = (u: NormalizedUpdate) => u.nextSyncCommittee !== null && periodOf(u.attestedHeader.beacon.slot) === periodOf(u.signatureSlot)
  if (relevant(newUpdate) !== relevant(oldUpdate)) return relevant(newUpdate)
  const newFinality = newUpdate.finalizedHeader !== null
  if (newFinality !== (oldUpdate.finalizedHeader !== null)) return newFinality
  if (newFinality) {
    const committeeFinality = (u: NormalizedUpdate) => periodOf(finalizedSlotOf(u)) === periodOf(u.attestedHeader.beacon.slot)
    if (committeeFinality(newUpdate) !== committeeFinality(oldUpdate)) return committeeFinality(newUpdate)
  }
  if (newActive !== oldActive) return newActive > oldActive
  if (newUpdate.attestedHeader.beacon.slot !== oldUpdate.attestedHeader.beacon.slot) {
    return newUpdate.attestedHeader.beacon.slot < oldUpdate.attestedHeader.beacon.slot
  }
  return newUpdate.signatureSlot < oldUpdate.signatureSlot
}

/** What `process` / `forceUpdate` did to the store. */
export type StoreChange = {
  /** `apply_light_client_update` ran (normal 2/3 path, or the forced path). */
  applied: boolean
  /** The current committee was replaced by the next one (store period advanced). */
  rotated: boolean
  /** The next committee became known. */
  learnedNextCommittee: boolean
}

/** What {@link LightClientStore.snapshot} takes. */
export type StoreSnapshot = Pick<
  LightClientStore,
  | 'finalizedHeader'
  | 'optimisticHeader'
  | 'currentSyncCommittee'
  | 'nextSyncCommittee'
  | 'bestValidUpdate'
  | 'previousMaxActiveParticipants'
  | 'currentMaxActiveParticipants'
>

/**
 * `LightClientStore` with `process_light_client_update`, `validate_light_client_update` (its store-dependent
 * part; the rest is {@link validateLightClientUpdate}), `apply_light_client_update`, `get_safety_threshold`
 * and `process_light_client_store_force_update`, as consensus-specs altair sync-protocol.md at v1.5.0
 * (https://github.com/ethereum/consensus-specs/blob/v1.5.0/specs/altair/light-client/sync-protocol.md#light-client-state-updates). Committees are kept as raw (compressed) `SyncCommittee`s, so no
 * period needs all 512 keys decompressed (see `participantAggregatePubkey`).
 *
 * A new committee enters the store only through `apply_light_client_update`: from an update with a
 * supermajority (`sum(bits) * 3 >= 512 * 2`) that finalizes a header past the store's, or whose finalized
 * header is in its attested period (`update_has_finalized_next_sync_committee`); or from `forceUpdate`,
 * which callers must treat as trusted, not verified. `next_sync_committee == SyncCommittee()` (unknown) is
 * `nextSyncCommittee === null`.
 *
 * Order: every check (including `apply_light_client_update`'s assertion, which the spec evaluates after
 * recording the best valid update) runs before the first change, so a rejected update leaves the store as
 * it was.
 *
 * DIFF FROM SPEC (stricter only): the optimistic header moves only with more than half the committee
 * signing, besides the spec's safety threshold ({@link LightClientStore.optimisticThreshold}). The BLS check takes the participants' key as
 * `aggregate_pubkey` minus the non-participants (same point; see `validateLightClientUpdate`), and the
 * session's decoders reject a beacon-API `version` that is not the chain's fork at the header slot.
 */
export class LightClientStore {
  currentSyncCommittee: altair.SyncCommittee
  nextSyncCommittee: altair.SyncCommittee | null = null
  bestValidUpdate: NormalizedUpdate | null = null
  previousMaxActiveParticipants = 0
  currentMaxActiveParticipants = 0

  /** `initialize_light_client_store` after the bootstrap was validated (`validateBootstrap`). */
  constructor(
    readonly config: LightClientConfig,
    public finalizedHeader: LightClientHeader,
    currentSyncCommittee: altair.SyncCommittee,
    public optimisticHeader: LightClientHeader = finalizedHeader,
  ) {
    this.currentSyncCommittee = currentSyncCommittee
  }

  /** `compute_sync_committee_period_at_slot(store.finalized_header.beacon.slot)`. */
  get period(): number {
    return periodOf(this.finalizedHeader.beacon.slot)
  }

  /** `is_next_sync_committee_known(store)`. */
  isNextSyncCommitteeKnown(): boolean {
    return this.nextSyncCommittee !== null
  }

  /** True when an update signed in `period` can be checked: the store period, or the next one when its committee is known. */
  hasCommitteeFor(period: number): boolean {
    return period === this.period || (this.nextSyncCommittee !== null && period === this.period + 1)
  }

  /** `get_safety_threshold(store)`: max(previous, current max active participants) // 2. */
  safetyThreshold(): number {
    return Math.floor(Math.max(this.previousMaxActiveParticipants, this.currentMaxActiveParticipants) / 2)
  }

  /**
   * Participants an update needs, more than, to move the optimistic header: `get_safety_threshold(store)`,
   * and never less than half the committee. DIFF FROM SPEC (stricter): the spec's threshold is set by the
   * updates seen so far, so on a fresh store (or a new period with nothing seen) the first update sets it
   * and one signer of 512 could move the optimistic header; here a majority (≥ 257) is always required.
   * Honest mainnet participation is above 95%.
   */
  optimisticThreshold(): number {
    return Math.max(this.safetyThreshold(), Math.floor(SYNC_COMMITTEE_SIZE / 2))
  }

  private reject(reason: string): never {
    throw new LightClientUpdateRejectedError({ kind: 'update', reason })
  }

  /**
   * `validate_light_client_update`: the store-dependent rules here (clock, signature period, relevance,
   * `next_sync_committee == store.next_sync_committee`, committee chosen by signature period), then
   * {@link validateLightClientUpdate} for the rest (participation, headers, branches, BLS signature).
   * @param checkSignature - The final pairing check (default: at once; see `SignatureCheck`).
   * @returns The committee that verified the signature.
   * @throws {InvalidMerkleBranchError | InvalidSyncCommitteeSignatureError | LightClientUpdateRejectedError}
   */
  validate(currentSlot: number, update: NormalizedUpdate, checkSignature: SignatureCheck = verifySignatureNow): altair.SyncCommittee {
    const attestedSlot = update.attestedHeader.beacon.slot
    const finalizedSlot = finalizedSlotOf(update)
    if (update.signatureSlot > currentSlot) this.reject(`signature slot ${update.signatureSlot} is in the future (current slot ${currentSlot})`)
    if (update.signatureSlot <= attestedSlot) this.reject(`signature slot ${update.signatureSlot} is not after attested slot ${attestedSlot}`)
    if (attestedSlot < finalizedSlot) this.reject(`attested slot ${attestedSlot} is before finalized slot ${finalizedSlot}`)
    const storePeriod = this.period
    const signaturePeriod = periodOf(update.signatureSlot)
    const nextKnown = this.isNextSyncCommitteeKnown()
    if (nextKnown ? signaturePeriod !== storePeriod && signaturePeriod !== storePeriod + 1 : signaturePeriod !== storePeriod) {
      this.reject(
        `signature period ${signaturePeriod} is not the store period ${storePeriod}${nextKnown ? ` or ${storePeriod + 1}` : ' (next sync committee unknown)'}`,
      )
    }
    const attestedPeriod = periodOf(attestedSlot)
    const hasNextSyncCommittee = !nextKnown && update.nextSyncCommittee !== null && attestedPeriod === storePeriod
    if (!(attestedSlot > this.finalizedHeader.beacon.slot || hasNextSyncCommittee)) {
      this.reject(`attested slot ${attestedSlot} is not after the finalized slot ${this.finalizedHeader.beacon.slot} and brings no next sync committee`)
    }
    if (
      update.nextSyncCommittee !== null &&
      this.nextSyncCommittee !== null &&
      attestedPeriod === storePeriod &&
      !SyncCommittee.equals(update.nextSyncCommittee, this.nextSyncCommittee)
    ) {
      this.reject(`next sync committee differs from the store's next sync committee (attested period ${attestedPeriod})`)
    }
    const committee = signaturePeriod === storePeriod ? this.currentSyncCommittee : (this.nextSyncCommittee as altair.SyncCommittee)
    validateLightClientUpdate(this.config, update, committee, checkSignature)
    return committee
  }

  /** The `apply_light_client_update` assertion, checked before anything changes. */
  private assertApplicable(finalizedSlot: number) {
    if (this.nextSyncCommittee === null && periodOf(finalizedSlot) !== this.period) {
      this.reject(`finalized period ${periodOf(finalizedSlot)} is not the store period ${this.period} while the next sync committee is unknown`)
    }
  }

  /** `apply_light_client_update`, with `finalizedHeader` standing for `update.finalized_header`. */
  private apply(update: NormalizedUpdate, finalizedHeader: LightClientHeader | null): StoreChange {
    const storePeriod = this.period
    const finalizedSlot = finalizedHeader?.beacon.slot ?? 0
    const change: StoreChange = { applied: true, rotated: false, learnedNextCommittee: false }
    if (this.nextSyncCommittee === null) {
      this.nextSyncCommittee = update.nextSyncCommittee
      change.learnedNextCommittee = update.nextSyncCommittee !== null
    } else if (periodOf(finalizedSlot) === storePeriod + 1) {
      this.currentSyncCommittee = this.nextSyncCommittee
      this.nextSyncCommittee = update.nextSyncCommittee
      this.previousMaxActiveParticipants = this.currentMaxActiveParticipants
      this.currentMaxActiveParticipants = 0
      change.rotated = true
      change.learnedNextCommittee = update.nextSyncCommittee !== null
    }
    if (finalizedHeader && finalizedSlot > this.finalizedHeader.beacon.slot) {
      this.finalizedHeader = finalizedHeader
      if (finalizedSlot > this.optimisticHeader.beacon.slot) this.optimisticHeader = finalizedHeader
    }
    return change
  }

  /**
   * `process_light_client_update` (also for finality and optimistic updates, normalised): validates, then
   * records the best valid update, tracks participation, moves the optimistic header above the safety
   * threshold and applies the update when it has a supermajority and finalizes something new. A rejected
   * update leaves the store unchanged.
   * @param currentSlot - The clock's slot; updates signed later are rejected.
   * @param checkSignature - The final pairing check (default: at once). A caller that defers it must restore a
   * {@link snapshot} unless the deferred check passes.
   * @throws {InvalidMerkleBranchError | InvalidSyncCommitteeSignatureError | LightClientUpdateRejectedError}
   */
  process(currentSlot: number, update: NormalizedUpdate, checkSignature: SignatureCheck = verifySignatureNow): StoreChange {
    this.validate(currentSlot, update, checkSignature)
    const participants = participantsOf(update)
    const hasFinalizedNextSyncCommittee =
      this.nextSyncCommittee === null &&
      update.nextSyncCommittee !== null &&
      update.finalizedHeader !== null &&
      periodOf(finalizedSlotOf(update)) === periodOf(update.attestedHeader.beacon.slot)
    const applies = hasSupermajority(participants) && (finalizedSlotOf(update) > this.finalizedHeader.beacon.slot || hasFinalizedNextSyncCommittee)
    if (applies) this.assertApplicable(finalizedSlotOf(update))

    // Validation done: from here on the store changes.
    if (this.bestValidUpdate === null || isBetterUpdate(update, this.bestValidUpdate)) this.bestValidUpdate = update
    this.currentMaxActiveParticipants = Math.max(this.currentMaxActiveParticipants, participants)
    if (participants > this.optimisticThreshold() && update.attestedHeader.beacon.slot > this.optimisticHeader.beacon.slot) {
      this.optimisticHeader = update.attestedHeader
    }
    if (!applies) return { applied: false, rotated: false, learnedNextCommittee: false }
    const change = this.apply(update, update.finalizedHeader)
    this.bestValidUpdate = null
    return change
  }

  /** The store's fields, to {@link restore} (they are replaced, never changed in place, so a shallow copy is whole). */
  snapshot(): StoreSnapshot {
    return {
      finalizedHeader: this.finalizedHeader,
      optimisticHeader: this.optimisticHeader,
      currentSyncCommittee: this.currentSyncCommittee,
      nextSyncCommittee: this.nextSyncCommittee,
      bestValidUpdate: this.bestValidUpdate,
      previousMaxActiveParticipants: this.previousMaxActiveParticipants,
      currentMaxActiveParticipants: this.currentMaxActiveParticipants,
    }
  }

  /** Puts back what {@link snapshot} took. */
  restore(s: StoreSnapshot): void {
    Object.assign(this, s)
  }

  /** True when `process_light_client_store_force_update` would apply the best valid update at `currentSlot`. */
  canForceUpdate(currentSlot: number): boolean {
    return currentSlot > this.finalizedHeader.beacon.slot + UPDATE_TIMEOUT && this.bestValidUpdate !== null
  }

  /**
   * `process_light_client_store_force_update`: after UPDATE_TIMEOUT (8192) slots without finality, applies
   * the best valid update, its attested header standing for its finalized header when that is not newer
   * than the store's. What it installs is NOT verified by a supermajority: callers must mark everything
   * derived from it as trusted.
   * @returns The update applied (with the finalized header used) and the change, or null when not due.
   * @throws {LightClientUpdateRejectedError} When the spec's `apply_light_client_update` assertion fails (store unchanged).
   */
  forceUpdate(currentSlot: number): { update: NormalizedUpdate; finalizedHeader: LightClientHeader; change: StoreChange } | null {
    const best = this.bestValidUpdate
    if (!best || !this.canForceUpdate(currentSlot)) return null
    const finalizedHeader =
      best.finalizedHeader && best.finalizedHeader.beacon.slot > this.finalizedHeader.beacon.slot ? best.finalizedHeader : best.attestedHeader
    this.assertApplicable(finalizedHeader.beacon.slot)
    const change = this.apply(best, finalizedHeader)
    this.bestValidUpdate = null
    return { update: best, finalizedHeader, change }
  }
}

import { type ForkName, SYNC_COMMITTEE_SIZE } from '@lodestar/params'
import type { LightClientHeader } from '@lodestar/types'
import { fromHex, toHex } from '@lodestar/utils'
import { BaseError, MalformedInputError } from '../errors/base.ts'
import { LightClientUpdateRejectedError, StoredStateInvalidError } from '../errors/consensus.ts'
import { isHex32 } from '../verify/hex.ts'
import { decodeBootstrap, decodeFinalityUpdate, decodeOptimisticUpdate, decodeUpdate } from './decode.ts'
import type { LightClientConfig } from './lightClientConfig.ts'
import { assertValidLightClientHeader, type HeaderSummary, summarizeHeader } from './lightClientHeader.ts'
import { LightClientStore } from './lightClientStore.ts'
import { computeSyncPeriodAtSlot, sumBits } from './specUtils.ts'
import { lightClientTypesFor, SyncCommittee } from './sszLightClient.ts'
import { validateBootstrap } from './validateBootstrap.ts'
import {
  type NormalizedUpdate,
  normalizeUpdate,
  type SignatureCheck,
  type SyncCommitteeSignatureSet,
  verifySignatureBatch,
  verifySignatureNow,
} from './validateLightClientUpdate.ts'

/**
 * A `process_light_client_store_force_update` the session applied: its committee and headers come from an
 * update WITHOUT a supermajority finalizing them, so everything derived from it is trusted, not verified.
 */
export type ForcedUpdateMark = {
  /** Finalized slot the forced update set (its finalized header, or its attested header standing for it). */
  atSlot: number
  /** Store (finalized header's) sync-committee period after the forced update. */
  period: number
  /** Attested and signature slots of the update that was forced. */
  attestedSlot: number
  signatureSlot: number
  /** Sync-committee members that signed it, of 512. */
  participants: number
  /** Unix ms when it was applied. */
  atMs: number
}

/** How far the store's headers are established: by verified updates only, or through a forced update. */
export type SessionTrust = { kind: 'verified' } | { kind: 'forced'; forced: ForcedUpdateMark }

/** Options of a {@link LightClientSession}. */
export type LightClientSessionOptions = {
  /**
   * Allow `process_light_client_store_force_update` (consensus-specs: MAY be called when sync appears stuck):
   * after UPDATE_TIMEOUT (8192) slots without a finalized supermajority update, apply the best valid update.
   * Default false. Once one is applied, the session's `trust`, summaries and later steps are marked `forced`.
   */
  allowForcedUpdates?: boolean
}

/** A `HeaderSummary` of the session; `forced` is present when the header derives from a forced update. */
export type SessionHeaderSummary = HeaderSummary & { forced?: ForcedUpdateMark }

/** One verified step of the trust chain from the checkpoint to the current header. */
export type SyncStep = {
  /** `forced`: a `process_light_client_store_force_update` (trusted, not verified). */
  kind: 'bootstrap' | 'restore' | 'update' | 'finality' | 'optimistic' | 'forced'
  /** Sync-committee period of the signature (of the header, for bootstrap/restore). */
  period: number
  /** Attested (or bootstrap) header slot. */
  slot: number
  signatureSlot?: number
  finalizedSlot?: number
  /** Sync-committee members that signed, of SYNC_COMMITTEE_SIZE (512). */
  participants?: number
  /** Wall time of the check, milliseconds. */
  ms: number
  /** Unix ms when it was verified. */
  atMs: number
  advancedFinalized: boolean
  advancedOptimistic: boolean
  /** Present when the store already derived from a forced update when this step ran (or this step is it). */
  forced?: ForcedUpdateMark
}

/**
 * JSON-safe light-client store: what is persisted between visits (sealed by `persistedState.ts`).
 * Version 2 holds the spec store's committees (current, and next only when known) and the forced-update mark;
 * version 1 states (whose next committee could come from an update without a supermajority) are discarded.
 */
export type PersistedLightClientState = {
  version: 2
  chain: string
  checkpointRoot: `0x${string}`
  genesisValidatorsRoot: `0x${string}`
  fork: ForkName
  finalizedHeader: unknown
  optimisticHeader: unknown
  /** Raw sync committees (SSZ JSON) by period: the finalized header's period and the next one if known. */
  committees: { period: number; committee: unknown }[]
  /** `previous_max_active_participants` / `current_max_active_participants` of the store (0..512). */
  maxActiveParticipants: { previous: number; current: number }
  /** The first forced update the store derives from, or null when every header was verified. */
  forced: ForcedUpdateMark | null
  steps: SyncStep[]
  savedAtMs: number
}

/** Head (finality / optimistic) steps kept in the chain; older ones are dropped as the head moves. */
const MAX_HEAD_STEPS = 16

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now())

/** Wraps anything that is not already a typed error (a library failure on malformed data). */
const typed = (e: unknown, wrap: (cause: unknown) => BaseError): BaseError => (e instanceof BaseError ? e : wrap(e))

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= SYNC_COMMITTEE_SIZE
const isSlot = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0

function parseForcedMark(v: unknown): ForcedUpdateMark | null {
  if (v === null || v === undefined) return null
  const m = v as Record<string, unknown>
  if (
    typeof v !== 'object' ||
    !isSlot(m.atSlot) ||
    !isSlot(m.period) ||
    !isSlot(m.attestedSlot) ||
    !isSlot(m.signatureSlot) ||
    !isCount(m.participants) ||
    typeof m.atMs !== 'number'
  ) {
    throw new StoredStateInvalidError({ reason: 'its forced-update mark is malformed' })
  }
  return { atSlot: m.atSlot, period: m.period, attestedSlot: m.attestedSlot, signatureSlot: m.signatureSlot, participants: m.participants, atMs: m.atMs }
}

/**
 * Most period updates whose signatures {@link LightClientSession.applyUpdates} checks as one batch: what a server's
 * invalid answer can cost before the one-by-one pass stops at its first invalid update (the recorded sync's six fit
 * in one).
 */
export const SIGNATURE_BATCH_SIZE = 8

/**
 * A light-client store from a trusted checkpoint, advanced by verified updates (`LightClientStore`:
 * consensus-specs `process_light_client_update`, altair/capella/deneb/electra sync-protocol.md at
 * v1.5.0), recording each verified step with its timing. A rejected input throws a typed error (a
 * `BaseError` subclass, never a bare `TypeError`) and leaves the store unchanged (validation comes before
 * any change).
 *
 * With `allowForcedUpdates` (off by default), {@link forceUpdate} applies the spec's
 * `process_light_client_store_force_update`; from then on `trust.kind` is `'forced'` and the summaries and
 * steps carry `forced`: show them as "trusted (forced update)", never as verified. The mark is persisted.
 */
export class LightClientSession {
  readonly steps: SyncStep[] = []
  /** Whether {@link forceUpdate} may apply `process_light_client_store_force_update`. */
  readonly allowForcedUpdates: boolean
  private forcedMark: ForcedUpdateMark | null = null

  private constructor(
    readonly config: LightClientConfig,
    readonly chain: string,
    readonly checkpointRoot: `0x${string}`,
    private readonly store: LightClientStore,
    options: LightClientSessionOptions,
  ) {
    this.allowForcedUpdates = options.allowForcedUpdates === true
  }

  /**
   * Starts from a trusted checkpoint (block root) and its `LightClientBootstrap` (beacon-API JSON):
   * `initialize_light_client_store`.
   * @param checkpointRoot - Trusted block root, 32 bytes of 0x-hex.
   * @param options - `allowForcedUpdates` (default false).
   * @throws {MalformedInputError | CheckpointMismatchError | InvalidMerkleBranchError | UnsupportedForkError}
   */
  static fromBootstrap(config: LightClientConfig, chain: string, checkpointRoot: string, bootstrapJson: unknown, options: LightClientSessionOptions = {}) {
    if (!isHex32(checkpointRoot)) {
      throw new MalformedInputError({ what: 'checkpoint root', details: 'expected 32 bytes of 0x-hex' })
    }
    const t0 = now()
    let store: LightClientStore
    try {
      const { value: bootstrap } = decodeBootstrap(config, bootstrapJson)
      validateBootstrap(config, fromHex(checkpointRoot), bootstrap)
      store = new LightClientStore(config, bootstrap.header, bootstrap.currentSyncCommittee)
    } catch (e) {
      throw typed(e, (cause) => new MalformedInputError({ what: 'light-client bootstrap', cause }))
    }
    const session = new LightClientSession(config, chain, checkpointRoot.toLowerCase() as `0x${string}`, store, options)
    session.steps.push({
      kind: 'bootstrap',
      period: store.period,
      slot: store.finalizedHeader.beacon.slot,
      ms: now() - t0,
      atMs: Date.now(),
      advancedFinalized: true,
      advancedOptimistic: true,
    })
    return session
  }

  /**
   * Rebuilds a store from a persisted state that `openSealedState` has authenticated. Checks that it
   * belongs to this chain and checkpoint, that its headers are valid light-client headers and that
   * it holds the committee of its finalized period. A forced-update mark is restored with it.
   * @param options - `allowForcedUpdates` (default false); a restored mark stays whatever this says.
   * @throws {StoredStateInvalidError} On any mismatch or malformed content, or a version-1 state.
   */
  static fromPersisted(
    config: LightClientConfig,
    chain: string,
    checkpointRoot: string,
    state: PersistedLightClientState,
    options: LightClientSessionOptions = {},
  ) {
    const t0 = now()
    try {
      if (state === null || typeof state !== 'object') throw new StoredStateInvalidError({ reason: 'it is not an object' })
      if (state.version !== 2) throw new StoredStateInvalidError({ reason: `unknown version ${String(state.version).slice(0, 20)}` })
      if (
        typeof state.checkpointRoot !== 'string' ||
        typeof checkpointRoot !== 'string' ||
        state.chain !== chain ||
        state.checkpointRoot.toLowerCase() !== checkpointRoot.toLowerCase()
      ) {
        throw new StoredStateInvalidError({ reason: 'it belongs to another network or checkpoint' })
      }
      if (state.genesisValidatorsRoot !== toHex(config.genesisValidatorsRoot)) {
        throw new StoredStateInvalidError({ reason: 'genesis validators root differs' })
      }
      const headerType = (lightClientTypesFor(String(state.fork)) as { LightClientHeader?: { fromJson(j: unknown): LightClientHeader } } | undefined)
        ?.LightClientHeader
      if (!headerType) throw new StoredStateInvalidError({ reason: `fork ${String(state.fork).slice(0, 20)} has no light-client header` })
      const finalized = headerType.fromJson(state.finalizedHeader)
      const optimistic = headerType.fromJson(state.optimisticHeader)
      assertValidLightClientHeader(config, finalized)
      assertValidLightClientHeader(config, optimistic)
      const period = computeSyncPeriodAtSlot(finalized.beacon.slot)
      if (!Array.isArray(state.committees)) throw new StoredStateInvalidError({ reason: 'its committees are not a list' })
      const committeeAt = (p: number) => {
        const c = (state.committees as { period?: unknown; committee?: unknown }[]).find((x) => x?.period === p)
        return c ? SyncCommittee.fromJson(c.committee) : null
      }
      const current = committeeAt(period)
      if (!current) throw new StoredStateInvalidError({ reason: `no sync committee for period ${period}` })
      const max = state.maxActiveParticipants
      if (!max || !isCount(max.previous) || !isCount(max.current)) throw new StoredStateInvalidError({ reason: 'its participation counts are malformed' })
      const forced = parseForcedMark(state.forced)
      if (!Array.isArray(state.steps)) throw new StoredStateInvalidError({ reason: 'its steps are not a list' })
      // The committees are not re-proven here: the store is authenticated as a whole (HMAC), and each newer signed
      // update from the network is verified against them (one not newer than the store is ignored, nothing taken).
      const store = new LightClientStore(config, finalized, current, optimistic.beacon.slot > finalized.beacon.slot ? optimistic : finalized)
      store.nextSyncCommittee = committeeAt(period + 1)
      store.previousMaxActiveParticipants = max.previous
      store.currentMaxActiveParticipants = max.current
      const session = new LightClientSession(config, chain, checkpointRoot.toLowerCase() as `0x${string}`, store, options)
      session.forcedMark = forced
      session.steps.push(...state.steps)
      session.steps.push({
        kind: 'restore',
        period,
        slot: finalized.beacon.slot,
        ms: now() - t0,
        atMs: Date.now(),
        advancedFinalized: false,
        advancedOptimistic: false,
        ...(forced ? { forced } : {}),
      })
      return session
    } catch (e) {
      if (e instanceof StoredStateInvalidError) throw e
      throw new StoredStateInvalidError({ reason: 'its content does not decode or verify', cause: e })
    }
  }

  get finalized(): LightClientHeader {
    return this.store.finalizedHeader
  }
  get optimistic(): LightClientHeader {
    return this.store.optimisticHeader
  }
  /** The finalized header; `forced` when the store derives from a forced update. */
  get finalizedSummary(): SessionHeaderSummary {
    return this.summarize(this.finalized)
  }
  /** The optimistic header; `forced` when the store derives from a forced update. */
  get optimisticSummary(): SessionHeaderSummary {
    return this.summarize(this.optimistic)
  }
  private summarize(h: LightClientHeader): SessionHeaderSummary {
    const s = summarizeHeader(h)
    return this.forcedMark ? { ...s, forced: this.forcedMark } : s
  }

  /** The first forced update the store derives from, or null when everything was verified. */
  get forced(): ForcedUpdateMark | null {
    return this.forcedMark
  }

  /** `{ kind: 'verified' }`, or `{ kind: 'forced', forced }` once a forced update was applied (sticky, persisted). */
  get trust(): SessionTrust {
    return this.forcedMark ? { kind: 'forced', forced: this.forcedMark } : { kind: 'verified' }
  }

  /** The store's sync-committee period (of its finalized header). */
  get period(): number {
    return this.store.period
  }

  /** `is_next_sync_committee_known(store)`. */
  get isNextSyncCommitteeKnown(): boolean {
    return this.store.isNextSyncCommitteeKnown()
  }

  /** True when the store can verify a signature made in `period`: the store period, or the next when its committee is known. */
  hasCommitteeFor(period: number): boolean {
    return this.store.hasCommitteeFor(period)
  }

  /**
   * Verifies and applies a `LightClientUpdate` (beacon-API JSON): `process_light_client_update`.
   * @param currentSlot - The clock's slot; updates signed later are rejected.
   * @throws {MalformedInputError | InvalidSyncCommitteeSignatureError | InvalidMerkleBranchError | LightClientUpdateRejectedError}
   */
  applyUpdate(currentSlot: number, json: unknown): SyncStep {
    return this.apply('update', currentSlot, () => this.decodeNormalizedUpdate(json))
  }

  private decodeNormalizedUpdate(json: unknown): NormalizedUpdate {
    const { value: u } = decodeUpdate(this.config, json)
    return normalizeUpdate(this.config, u)
  }

  /**
   * {@link applyUpdate} for each of `jsons` in order, with their sync-committee signatures checked together, in batches
   * of at most {@link SIGNATURE_BATCH_SIZE}: a batch's updates are validated and applied with the final pairing check
   * deferred, then their signatures are checked as one (`verifySignatureBatch`). Only when it passes are its steps
   * reported; otherwise (a signature that fails, or any other rejection) the store and steps are put back as they were
   * and the batch's updates are applied one by one with each signature checked at once, so the outcome is exactly
   * {@link applyUpdate}'s: every update before the first invalid one is applied and reported, then its error is thrown.
   * The batch size bounds what an invalid answer costs (at most that many updates' checks before the one-by-one pass
   * stops at the first invalid one). Synchronous: nothing can read the store between a deferred pass and its check.
   * DIFF FROM SPEC: the spec checks each signature alone; a batch accepts an invalid one with probability at most
   * 2⁻⁶⁴ (random 64-bit scalars drawn after the inputs are fixed), as consensus clients' batch verification.
   * @param onStep - Called with each applied update's step, in order, once it is verified (outside the batch's
   * check: what it throws is thrown as is, the store keeping the verified updates).
   * @param batchSize - Updates per signature batch (default {@link SIGNATURE_BATCH_SIZE}; 1 checks each alone).
   * @throws As {@link applyUpdate}, for the first invalid update.
   */
  applyUpdates(currentSlot: number, jsons: readonly unknown[], onStep?: (step: SyncStep) => void, batchSize = SIGNATURE_BATCH_SIZE): void {
    const size = Number.isFinite(batchSize) && batchSize >= 1 ? Math.floor(batchSize) : SIGNATURE_BATCH_SIZE
    for (let at = 0; at < jsons.length; at += size) this.applyBatch(currentSlot, jsons.slice(at, at + size), onStep)
  }

  /** One batch of {@link applyUpdates}. */
  private applyBatch(currentSlot: number, jsons: readonly unknown[], onStep?: (step: SyncStep) => void): void {
    if (jsons.length > 1) {
      const saved = this.store.snapshot()
      const savedSteps = this.steps.slice()
      const sets: SyncCommitteeSignatureSet[] = []
      const steps: SyncStep[] = []
      let verified = false
      try {
        for (const json of jsons)
          steps.push(
            this.apply(
              'update',
              currentSlot,
              () => this.decodeNormalizedUpdate(json),
              (set) => sets.push(set),
            ),
          )
        verified = verifySignatureBatch(sets)
      } catch {
        // Checked again one by one below, which throws this update's error after applying the ones before it.
      }
      if (verified) {
        for (const step of steps) onStep?.(step)
        return
      }
      this.store.restore(saved)
      this.steps.splice(0, this.steps.length, ...savedSteps)
    }
    for (const json of jsons) onStep?.(this.applyUpdate(currentSlot, json))
  }

  /** Verifies and applies a `LightClientFinalityUpdate` (beacon-API JSON): `process_light_client_finality_update`. @throws as {@link applyUpdate}. */
  applyFinalityUpdate(currentSlot: number, json: unknown): SyncStep {
    return this.apply('finality', currentSlot, () => {
      const { value: u } = decodeFinalityUpdate(this.config, json)
      // As the spec, a `LightClientUpdate` with an empty next committee (a zero finality branch = no finality).
      return normalizeUpdate(this.config, { ...u, nextSyncCommittee: SyncCommittee.defaultValue(), nextSyncCommitteeBranch: [] })
    })
  }

  /** Verifies and applies a `LightClientOptimisticUpdate` (beacon-API JSON): `process_light_client_optimistic_update`. @throws as {@link applyUpdate}. */
  applyOptimisticUpdate(currentSlot: number, json: unknown): SyncStep {
    return this.apply('optimistic', currentSlot, () => {
      const { value: u } = decodeOptimisticUpdate(this.config, json)
      return {
        attestedHeader: u.attestedHeader,
        finalizedHeader: null,
        finalityBranch: null,
        nextSyncCommittee: null,
        nextSyncCommitteeBranch: null,
        syncAggregate: u.syncAggregate,
        signatureSlot: u.signatureSlot,
      }
    })
  }

  /** True when {@link forceUpdate} would apply an update at `currentSlot` (allowed, timed out, a best valid update held). */
  canForceUpdate(currentSlot: number): boolean {
    return this.allowForcedUpdates && this.store.canForceUpdate(currentSlot)
  }

  /**
   * `process_light_client_store_force_update`, only when the session allows forced updates: when
   * `currentSlot` is more than UPDATE_TIMEOUT (8192) slots past the finalized header and the store holds a
   * best valid update, applies it. The session is then marked forced (`trust`, summaries, steps, persisted).
   * @param currentSlot - The clock's slot.
   * @returns The `forced` step, or null when nothing was applied (not allowed, not due, or no best update).
   * @throws {LightClientUpdateRejectedError} When the spec's `apply_light_client_update` assertion fails (store unchanged).
   */
  forceUpdate(currentSlot: number): SyncStep | null {
    if (!this.canForceUpdate(currentSlot)) return null
    const before = { f: this.finalized.beacon.slot, o: this.optimistic.beacon.slot }
    const t0 = now()
    const forced = this.store.forceUpdate(currentSlot)
    if (!forced) return null
    const participants = sumBits(forced.update.syncAggregate.syncCommitteeBits)
    const mark: ForcedUpdateMark = this.forcedMark ?? {
      atSlot: this.finalized.beacon.slot,
      period: this.store.period,
      attestedSlot: forced.update.attestedHeader.beacon.slot,
      signatureSlot: forced.update.signatureSlot,
      participants,
      atMs: Date.now(),
    }
    this.forcedMark = mark
    const step: SyncStep = {
      kind: 'forced',
      period: computeSyncPeriodAtSlot(forced.update.signatureSlot),
      slot: forced.update.attestedHeader.beacon.slot,
      signatureSlot: forced.update.signatureSlot,
      finalizedSlot: forced.finalizedHeader.beacon.slot,
      participants,
      ms: now() - t0,
      atMs: Date.now(),
      advancedFinalized: this.finalized.beacon.slot > before.f,
      advancedOptimistic: this.optimistic.beacon.slot > before.o,
      forced: mark,
    }
    this.steps.push(step)
    return step
  }

  private apply(
    kind: 'update' | 'finality' | 'optimistic',
    currentSlot: number,
    decode: () => NormalizedUpdate,
    checkSignature: SignatureCheck = verifySignatureNow,
  ): SyncStep {
    const before = { f: this.finalized.beacon.slot, o: this.optimistic.beacon.slot }
    const t0 = now()
    let update: NormalizedUpdate
    try {
      if (!isSlot(currentSlot)) throw new MalformedInputError({ what: 'current slot', details: String(currentSlot) })
      update = decode()
      this.store.process(currentSlot, update, checkSignature)
    } catch (e) {
      // The store throws typed errors; anything else (a library failure on malformed data) is wrapped.
      throw typed(e, (cause) => new LightClientUpdateRejectedError({ kind: `${kind} update`, reason: 'unexpected failure', cause }))
    }
    const step: SyncStep = {
      kind,
      period: computeSyncPeriodAtSlot(update.signatureSlot),
      slot: update.attestedHeader.beacon.slot,
      signatureSlot: update.signatureSlot,
      ...(update.finalizedHeader ? { finalizedSlot: update.finalizedHeader.beacon.slot } : {}),
      participants: sumBits(update.syncAggregate.syncCommitteeBits),
      ms: now() - t0,
      atMs: Date.now(),
      advancedFinalized: this.finalized.beacon.slot > before.f,
      advancedOptimistic: this.optimistic.beacon.slot > before.o,
      ...(this.forcedMark ? { forced: this.forcedMark } : {}),
    }
    // Keep the chain readable: period updates always, head updates only when they moved the store.
    if (kind === 'update' || step.advancedFinalized || step.advancedOptimistic) {
      this.steps.push(step)
      // A followed head adds a step per slot: keep the chain to the checkpoint and the latest head steps.
      const head = this.steps.filter((x) => x.kind === 'finality' || x.kind === 'optimistic')
      if (head.length > MAX_HEAD_STEPS) this.steps.splice(this.steps.indexOf(head[0] as SyncStep), 1)
    }
    return step
  }

  /** The store as JSON, for `sealState`: the spec store's committees (current, next if known), participation counts and forced mark. */
  exportState(): PersistedLightClientState {
    const fork = this.config.getForkName(this.finalized.beacon.slot)
    const headerType = (lightClientTypesFor(fork) as unknown as { LightClientHeader: { toJson(h: LightClientHeader): unknown } }).LightClientHeader
    const period = this.store.period
    const next = this.store.nextSyncCommittee
    const committees = [
      { period, committee: SyncCommittee.toJson(this.store.currentSyncCommittee) },
      ...(next ? [{ period: period + 1, committee: SyncCommittee.toJson(next) }] : []),
    ]
    const optimistic = this.config.getForkName(this.optimistic.beacon.slot) === fork ? this.optimistic : this.finalized
    return {
      version: 2,
      chain: this.chain,
      checkpointRoot: this.checkpointRoot,
      genesisValidatorsRoot: toHex(this.config.genesisValidatorsRoot) as `0x${string}`,
      fork,
      finalizedHeader: headerType.toJson(this.finalized),
      optimisticHeader: headerType.toJson(optimistic),
      committees,
      maxActiveParticipants: { previous: this.store.previousMaxActiveParticipants, current: this.store.currentMaxActiveParticipants },
      forced: this.forcedMark,
      steps: this.steps.filter((s) => s.kind !== 'restore').slice(-64),
      savedAtMs: Date.now(),
    }
  }
}

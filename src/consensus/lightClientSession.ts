import type { BeaconConfig } from '@lodestar/config'
import { computeSyncPeriodAtSlot, sumBits } from '@lodestar/light-client/utils'
import type { ForkName } from '@lodestar/params'
import { type altair, type LightClientHeader, ssz, sszTypesFor } from '@lodestar/types'
import { fromHex, toHex } from '@lodestar/utils'
import { BaseError, MalformedInputError } from '../errors/base.ts'
import { LightClientUpdateRejectedError, StoredStateInvalidError } from '../errors/consensus.ts'
import { decodeBootstrap, decodeFinalityUpdate, decodeOptimisticUpdate, decodeUpdate } from './decode.ts'
import { assertValidLightClientHeader, type HeaderSummary, summarizeHeader } from './lightClientHeader.ts'
import { LightClientStore } from './lightClientStore.ts'
import { validateBootstrap } from './validateBootstrap.ts'
import { normalizeUpdate } from './validateLightClientUpdate.ts'

/** One verified step of the trust chain from the checkpoint to the current header. */
export type SyncStep = {
  kind: 'bootstrap' | 'restore' | 'update' | 'finality' | 'optimistic'
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
}

/** JSON-safe light-client store: what is persisted between visits (sealed by `persistedState.ts`). */
export type PersistedLightClientState = {
  version: 1
  chain: string
  checkpointRoot: `0x${string}`
  genesisValidatorsRoot: `0x${string}`
  fork: ForkName
  finalizedHeader: unknown
  optimisticHeader: unknown
  /** Raw sync committees (SSZ JSON) by period: the finalized header's period and the next one if known. */
  committees: { period: number; committee: unknown }[]
  steps: SyncStep[]
  savedAtMs: number
}

/** Head (finality / optimistic) steps kept in the chain; older ones are dropped as the head moves. */
const MAX_HEAD_STEPS = 16

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now())

/**
 * A light-client store from a trusted checkpoint, advanced by verified updates (`LightClientStore`:
 * consensus-specs `process_light_client_update`, altair/capella/deneb/electra sync-protocol.md at
 * v1.5.0), recording each verified step with its timing. A rejected input throws a typed error and
 * leaves the store unchanged (validation comes before any change).
 */
export class LightClientSession {
  readonly steps: SyncStep[] = []

  private constructor(
    readonly config: BeaconConfig,
    readonly chain: string,
    readonly checkpointRoot: `0x${string}`,
    private readonly store: LightClientStore,
  ) {}

  /**
   * Starts from a trusted checkpoint (block root) and its `LightClientBootstrap` (beacon-API JSON).
   * @throws {MalformedInputError | CheckpointMismatchError | InvalidMerkleBranchError | UnsupportedForkError}
   */
  static fromBootstrap(config: BeaconConfig, chain: string, checkpointRoot: string, bootstrapJson: unknown) {
    if (!/^0x[0-9a-fA-F]{64}$/.test(checkpointRoot)) {
      throw new MalformedInputError({ what: 'checkpoint root', details: 'expected 32 bytes of 0x-hex' })
    }
    const t0 = now()
    const { value: bootstrap } = decodeBootstrap(config, bootstrapJson)
    validateBootstrap(config, fromHex(checkpointRoot), bootstrap)
    const store = new LightClientStore(config, bootstrap.header, bootstrap.currentSyncCommittee)
    const session = new LightClientSession(config, chain, checkpointRoot.toLowerCase() as `0x${string}`, store)
    const period = computeSyncPeriodAtSlot(bootstrap.header.beacon.slot)
    session.steps.push({
      kind: 'bootstrap',
      period,
      slot: bootstrap.header.beacon.slot,
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
   * it holds the committee of its finalized period.
   * @throws {StoredStateInvalidError} On any mismatch or malformed content.
   */
  static fromPersisted(config: BeaconConfig, chain: string, checkpointRoot: string, state: PersistedLightClientState) {
    const t0 = now()
    try {
      if (state.version !== 1) throw new StoredStateInvalidError({ reason: `unknown version ${String(state.version)}` })
      if (state.chain !== chain || state.checkpointRoot.toLowerCase() !== checkpointRoot.toLowerCase()) {
        throw new StoredStateInvalidError({ reason: 'it belongs to another network or checkpoint' })
      }
      if (state.genesisValidatorsRoot !== toHex(config.genesisValidatorsRoot)) {
        throw new StoredStateInvalidError({ reason: 'genesis validators root differs' })
      }
      const headerType = (sszTypesFor(state.fork) as { LightClientHeader?: { fromJson(j: unknown): LightClientHeader } }).LightClientHeader
      if (!headerType) throw new StoredStateInvalidError({ reason: `fork ${state.fork} has no light-client header` })
      const finalized = headerType.fromJson(state.finalizedHeader)
      const optimistic = headerType.fromJson(state.optimisticHeader)
      assertValidLightClientHeader(config, finalized)
      assertValidLightClientHeader(config, optimistic)
      const period = computeSyncPeriodAtSlot(finalized.beacon.slot)
      const committees = new Map(state.committees.map((c) => [c.period, ssz.altair.SyncCommittee.fromJson(c.committee)]))
      const current = committees.get(period)
      if (!current) throw new StoredStateInvalidError({ reason: `no sync committee for period ${period}` })
      // The committee is not re-proven here: the store is authenticated as a whole (HMAC), and the next
      // signed update from the network is verified against it.
      const store = new LightClientStore(config, finalized, current, optimistic.beacon.slot > finalized.beacon.slot ? optimistic : finalized)
      const next = committees.get(period + 1)
      if (next) store.committees.set(period + 1, next)
      const session = new LightClientSession(config, chain, checkpointRoot.toLowerCase() as `0x${string}`, store)
      session.steps.push(...state.steps)
      session.steps.push({
        kind: 'restore',
        period,
        slot: finalized.beacon.slot,
        ms: now() - t0,
        atMs: Date.now(),
        advancedFinalized: false,
        advancedOptimistic: false,
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
  get finalizedSummary(): HeaderSummary {
    return summarizeHeader(this.finalized)
  }
  get optimisticSummary(): HeaderSummary {
    return summarizeHeader(this.optimistic)
  }

  /** True when the store can verify a signature made in `period`. */
  hasCommitteeFor(period: number): boolean {
    return this.store.hasCommitteeFor(period)
  }

  /**
   * Verifies and applies a `LightClientUpdate` (beacon-API JSON).
   * @param currentSlot - The clock's slot; updates signed later are rejected.
   * @throws {MalformedInputError | InvalidSyncCommitteeSignatureError | InvalidMerkleBranchError | LightClientUpdateRejectedError}
   */
  applyUpdate(currentSlot: number, json: unknown): SyncStep {
    const { value: update } = decodeUpdate(this.config, json)
    return this.apply(
      'update',
      update.signatureSlot,
      update.attestedHeader.beacon.slot,
      update.finalizedHeader.beacon.slot,
      update.syncAggregate.syncCommitteeBits,
      () => this.store.process(currentSlot, normalizeUpdate(update), update),
    )
  }

  /** Verifies and applies a `LightClientFinalityUpdate` (beacon-API JSON). @throws as {@link applyUpdate}. */
  applyFinalityUpdate(currentSlot: number, json: unknown): SyncStep {
    const { value: u } = decodeFinalityUpdate(this.config, json)
    return this.apply('finality', u.signatureSlot, u.attestedHeader.beacon.slot, u.finalizedHeader.beacon.slot, u.syncAggregate.syncCommitteeBits, () =>
      this.store.process(currentSlot, {
        attestedHeader: u.attestedHeader,
        finalizedHeader: u.finalizedHeader,
        finalityBranch: u.finalityBranch,
        nextSyncCommittee: null,
        nextSyncCommitteeBranch: null,
        syncAggregate: u.syncAggregate,
        signatureSlot: u.signatureSlot,
      }),
    )
  }

  /** Verifies and applies a `LightClientOptimisticUpdate` (beacon-API JSON). @throws as {@link applyUpdate}. */
  applyOptimisticUpdate(currentSlot: number, json: unknown): SyncStep {
    const { value: u } = decodeOptimisticUpdate(this.config, json)
    return this.apply('optimistic', u.signatureSlot, u.attestedHeader.beacon.slot, undefined, u.syncAggregate.syncCommitteeBits, () =>
      this.store.process(currentSlot, {
        attestedHeader: u.attestedHeader,
        finalizedHeader: null,
        finalityBranch: null,
        nextSyncCommittee: null,
        nextSyncCommitteeBranch: null,
        syncAggregate: u.syncAggregate,
        signatureSlot: u.signatureSlot,
      }),
    )
  }

  private apply(
    kind: 'update' | 'finality' | 'optimistic',
    signatureSlot: number,
    slot: number,
    finalizedSlot: number | undefined,
    bits: Parameters<typeof sumBits>[0],
    run: () => void,
  ): SyncStep {
    const before = { f: this.finalized.beacon.slot, o: this.optimistic.beacon.slot }
    const t0 = now()
    try {
      run()
    } catch (e) {
      // The store throws typed errors; anything else (a library failure on malformed data) is wrapped.
      throw e instanceof BaseError
        ? e
        : new LightClientUpdateRejectedError({ kind: `${kind} update at signature slot ${signatureSlot}`, reason: 'unexpected failure', cause: e })
    }
    const step: SyncStep = {
      kind,
      period: computeSyncPeriodAtSlot(signatureSlot),
      slot,
      signatureSlot,
      ...(finalizedSlot ? { finalizedSlot } : {}),
      participants: sumBits(bits),
      ms: now() - t0,
      atMs: Date.now(),
      advancedFinalized: this.finalized.beacon.slot > before.f,
      advancedOptimistic: this.optimistic.beacon.slot > before.o,
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

  /** The store as JSON, for `sealState`. Keeps the committees of the finalized period and the next. */
  exportState(): PersistedLightClientState {
    const fork = this.config.getForkName(this.finalized.beacon.slot)
    const headerType = (sszTypesFor(fork) as unknown as { LightClientHeader: { toJson(h: LightClientHeader): unknown } }).LightClientHeader
    const period = computeSyncPeriodAtSlot(this.finalized.beacon.slot)
    const committees = [period, period + 1].flatMap((p) => {
      const c = this.store.committees.get(p) ?? (this.store.bestValidUpdates.get(p - 1)?.update.nextSyncCommittee as altair.SyncCommittee | undefined)
      return c ? [{ period: p, committee: ssz.altair.SyncCommittee.toJson(c) }] : []
    })
    const optimistic = this.config.getForkName(this.optimistic.beacon.slot) === fork ? this.optimistic : this.finalized
    return {
      version: 1,
      chain: this.chain,
      checkpointRoot: this.checkpointRoot,
      genesisValidatorsRoot: toHex(this.config.genesisValidatorsRoot) as `0x${string}`,
      fork,
      finalizedHeader: headerType.toJson(this.finalized),
      optimisticHeader: headerType.toJson(optimistic),
      committees,
      steps: this.steps.filter((s) => s.kind !== 'restore').slice(-64),
      savedAtMs: Date.now(),
    }
  }
}

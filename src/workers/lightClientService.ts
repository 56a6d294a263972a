import { emptySnapshot, type LightClientSnapshot, type LightClientStatus, STALL_AFTER_SLOTS } from '../bus/lightClientStatus.ts'
import { ensureBls } from '../consensus/bls.ts'
import { getBeaconConfig, getGenesisData } from '../consensus/chainConfig.ts'
import { currentSlotAt } from '../consensus/clock.ts'
import { LightClientSession, type SyncStep } from '../consensus/lightClientSession.ts'
import { openSealedState, sealState } from '../consensus/persistedState.ts'
import { computeSyncPeriodAtSlot } from '../consensus/specUtils.ts'
import { type LightClientTransport, syncPeriods } from '../consensus/syncPeriods.ts'
import { MalformedInputError } from '../errors/base.ts'
import { StaleHeaderError } from '../errors/consensus.ts'
import { HttpRequestError } from '../errors/net.ts'
import { serializeError } from '../errors/serialize.ts'
import { ProofMismatchError } from '../errors/verify.ts'
import { type BeaconApi, createBeaconApi, followHead } from '../net/beaconApi.ts'
import { deleteSealedState, getSealingKey, loadSealedState, saveSealedState } from '../net/lightClientStoreDb.ts'
import type { NetworkConfig, StateProofPreset } from '../net/networkConfig.ts'
import type { VerifiedAccount } from '../verify/verifyAccountProof.ts'
import type { VerifiedBeaconBlock } from '../verify/verifyBeaconBlock.ts'
import { isNotNewer } from './isNotNewer.ts'
import { mark } from './perfMarks.ts'
import { prefetchUpdates, prefetchUpdatesFrom } from './prefetchUpdates.ts'

export type StateProofResult = {
  account: VerifiedAccount
  blockNumber: number
  stateRoot: string
  anchor: { kind: 'light-client'; slot: number } | { kind: 'block-hash'; blockHash: string; source: string }
  checks: { label: string; detail?: string; ms: number }[]
}

export type BlockResult = VerifiedBeaconBlock & { steps: SyncStep[] }

const now = () => performance.now()

/** Thrown inside a run that stop() or a later start() ended; the run's catch drops it. */
const RUN_ENDED: unique symbol = Symbol('light-client run ended')

/** Least time (ms) between two period-sync progress snapshots sent to the page. */
export const PROGRESS_INTERVAL_MS = 100

/** JSON-RPC quantity (0x-hex, no leading zeros) of a block number. */
const toQuantity = (n: number) => `0x${n.toString(16)}`

// Execution-side verifiers (viem, RLP, tries) load on first use, not before the first verified header.
const loadBlockVerifier = () => import('../verify/verifyBeaconBlock.ts')
const loadStateVerifiers = () =>
  Promise.all([import('../net/executionRpc.ts'), import('../verify/verifyAccountProof.ts'), import('../verify/verifyBlockHeader.ts')]).then(
    ([rpc, account, header]) => ({ rpcRequest: rpc.rpcRequest, verifyAccountProof: account.verifyAccountProof, verifyBlockHeader: header.verifyBlockHeader }),
  )

/**
 * Runs one network's light client: restore or bootstrap, period sync, head following, persistence;
 * and verifies execution data against what it holds. Lives in the worker; posts snapshots.
 */
export class LightClientService {
  private session: LightClientSession | undefined
  private api: BeaconApi | undefined
  private network: NetworkConfig | undefined
  private stopHead: (() => void) | undefined
  private stallTimer: ReturnType<typeof setInterval> | undefined
  private snapshot: LightClientSnapshot | undefined
  private onSnapshot: ((s: LightClientSnapshot) => void) | undefined
  private genesisTimeSec = 0
  /** The current run's identity; aborted by stop() or a later start(), which cancels its requests in flight (bootstrap, period updates). */
  private runToken: AbortController | undefined
  private secondsPerSlot = 12
  private persisting: Promise<void> = Promise.resolve()
  /** The light client started last (network and checkpoint as JSON) and its start, until stopped. */
  private running: { key: string; done: Promise<void> } | undefined
  private everStarted = false

  /** The clock's slot, with MAXIMUM_GOSSIP_CLOCK_DISPARITY (500 ms, consensus-specs p2p-interface) of tolerance. */
  currentSlot(): number {
    return currentSlotAt(Date.now(), this.genesisTimeSec, this.secondsPerSlot)
  }

  private emit(patch: Partial<LightClientSnapshot>) {
    if (!this.snapshot) return
    const s = this.session
    this.snapshot = {
      ...this.snapshot,
      ...(s ? { finalized: s.finalizedSummary, optimistic: s.optimisticSummary, steps: [...s.steps] } : {}),
      clock: { genesisTimeSec: this.genesisTimeSec, currentSlot: this.currentSlot(), secondsPerSlot: this.secondsPerSlot },
      ...patch,
    }
    this.onSnapshot?.(this.snapshot)
  }

  private setStatus(status: LightClientStatus) {
    this.emit({ status })
  }

  /**
   * Restores or bootstraps, syncs periods, applies the latest finality and optimistic updates, then follows the head.
   * Boot order (docs/performance.md): every request the first verified value needs leaves at once (genesis,
   * the stored store, bootstrap, finality and optimistic updates); BLS initialises meanwhile when there is no stored
   * store, otherwise once a signature is to be checked; the period updates are requested as soon as the bootstrap
   * names its period; every body is then checked in the spec's order, exactly as before. Persisting never delays
   * what is shown.
   */
  async start(network: NetworkConfig, checkpointRoot: string, onSnapshot?: (s: LightClientSnapshot) => void): Promise<void> {
    // The worker may have started this light client itself at boot (lightClientPreboot.ts, no listener), or the page
    // may have started it first: a later call for the same network and checkpoint attaches to the running one (its
    // listener, if it brings one, gets the current snapshot and every later one) instead of starting over.
    this.everStarted = true
    const key = JSON.stringify([network, checkpointRoot])
    if (this.running?.key === key) {
      if (onSnapshot) {
        this.onSnapshot = onSnapshot
        if (this.snapshot) onSnapshot(this.snapshot)
      }
      return this.running.done
    }
    this.stop()
    const done = this.run(network, checkpointRoot, onSnapshot)
    this.running = { key, done }
    return done
  }

  /**
   * Starts the light client only when nothing was ever started in this worker (the preboot's start,
   * lightClientPreboot.ts): once the page has started any network, its choice stands, even when the preboot's
   * config.json arrives later.
   * @param onSnapshot - Gets its snapshots until the page attaches with its own listener (the first view's messages).
   * @returns Whether it started.
   */
  startIfIdle(network: NetworkConfig, checkpointRoot: string, onSnapshot?: (s: LightClientSnapshot) => void): boolean {
    if (this.everStarted) return false
    void this.start(network, checkpointRoot, onSnapshot).catch(() => {})
    return true
  }

  private async run(network: NetworkConfig, checkpointRoot: string, onSnapshot: ((s: LightClientSnapshot) => void) | undefined): Promise<void> {
    // This run's identity: stop() or a later start() ends it. An ended run changes nothing any more (status, session,
    // clock, head following): each await below throws RUN_ENDED once it has ended, and the catch drops it. Otherwise
    // a run still awaiting a request when the page switched networks could set its header and status on the next
    // run's snapshot.
    const token = new AbortController()
    this.runToken = token
    this.session = undefined
    const live = () => this.runToken === token
    const wait = async <T>(p: Promise<T>): Promise<T> => {
      const value = await p
      if (!live()) throw RUN_ENDED
      return value
    }
    this.network = network
    this.onSnapshot = onSnapshot
    this.snapshot = emptySnapshot(network.id, checkpointRoot, { code: 'syncing', phase: 'starting' })
    this.emit({})
    mark('start')
    const abortBootstrap = new AbortController()
    // Ending the run (stop(), a later start()) cancels the requests it no longer needs: the bootstrap, the early updates and
    // any batch of period updates in flight (syncPeriods takes the token's signal).
    token.signal.addEventListener('abort', () => abortBootstrap.abort(), { once: true })
    try {
      // BLS (herumi: instantiating the module compiled since the worker started and setting up the curve, tens of ms
      // on this thread) starts once a signature is to be checked: at once when there is no stored store (the
      // bootstrap's period updates need it), otherwise only when the restored store is behind. A reload within one
      // finality checks no signature before its first verified value (docs/performance.md).
      let blsReady: Promise<void> | undefined
      const needBls = () => {
        blsReady ??= ensureBls().then(() => mark('bls-ready'))
        return blsReady
      }
      const config = getBeaconConfig(network.chain)
      this.secondsPerSlot = config.SECONDS_PER_SLOT
      const api = createBeaconApi(network.beaconApiUrl)
      this.api = api
      // A chain that has just started may have no finality or optimistic update yet (HTTP 404).
      const settle = <T>(p: Promise<T>) =>
        p.then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        )
      const genesisP = settle(api.getGenesis())
      const sealedP = settle(loadSealedState(network.id))
      void sealedP.then((r) => {
        if ('error' in r || r.value === undefined) needBls().catch(() => {}) // Awaited before the first check.
      })
      const bootstrapP = settle(api.getBootstrap(checkpointRoot, { signal: abortBootstrap.signal }))
      const finalityP = settle(api.getFinalityUpdate())
      const optimisticP = settle(api.getOptimisticUpdate())
      const unwrap = <T>(r: { value: T } | { error: unknown }): T => {
        if ('error' in r) throw r.error
        return r.value
      }

      // The beacon's genesis: checked against the chain's and setting the clock, before anything that reads the clock;
      // the stored store is opened (HMAC, decode) meanwhile, as neither depends on the other.
      const genesisChecked = genesisP.then((r) => {
        const genesis = unwrap(r)
        mark('genesis')
        const expectedRoot = getGenesisData(network.chain).genesisValidatorsRoot
        if (genesis.genesisValidatorsRoot.toLowerCase() !== expectedRoot) {
          throw new MalformedInputError({
            what: 'beacon genesis',
            details: `genesis validators root ${genesis.genesisValidatorsRoot} is not ${network.chain}'s`,
          })
        }
        // Live networks: the clock comes from the chain's known genesis; a recording shifts it (DESIGN.md);
        // the devnet's genesis is when it started.
        if (live()) this.genesisTimeSec = network.kind === 'live' ? getGenesisData(network.chain).genesisTime : genesis.genesisTimeSec
      })
      genesisChecked.catch(() => {}) // Awaited below; a failure is thrown from there.

      const restored = await wait(this.restore(network, checkpointRoot, await wait(sealedP), live))
      await wait(genesisChecked)
      this.session = restored
      let transport: LightClientTransport = api
      if (this.session) {
        abortBootstrap.abort()
      } else {
        this.setStatus({ code: 'syncing', phase: 'bootstrap' })
        // The period updates' request only needs the checkpoint's period: from config.json's `checkpointSlot` for its own
        // checkpoint, sent now (with the clock just set), else from the bootstrap's claimed slot once it is in. Either
        // answers only the request syncPeriods makes for the verified bootstrap, and the updates are verified as always.
        const hinted =
          checkpointRoot.toLowerCase() === network.checkpointRoot?.toLowerCase()
            ? prefetchUpdatesFrom(api, network.checkpointSlot ?? null, this.currentSlot(), token.signal)
            : api
        const bootstrap = unwrap(await wait(bootstrapP))
        mark('bootstrap-fetched')
        transport = prefetchUpdates(hinted, bootstrap, this.currentSlot(), token.signal)
        this.session = LightClientSession.fromBootstrap(config, network.chain, checkpointRoot, bootstrap, {
          allowForcedUpdates: network.allowForcedUpdates === true,
        })
        mark('bootstrap')
      }
      const session = this.session
      const current = this.currentSlot()
      if (!session.hasCommitteeFor(computeSyncPeriodAtSlot(current))) await wait(needBls())
      const fromPeriod = computeSyncPeriodAtSlot(session.finalized.beacon.slot)
      const toPeriod = computeSyncPeriodAtSlot(current)
      this.setStatus({ code: 'syncing', phase: 'updates', progress: { fromPeriod, toPeriod, period: fromPeriod, done: 0, total: toPeriod - fromPeriod + 1 } })
      // Persisted once synced (below), not per period: a short sync takes well under a second and a persist costs
      // a JSON export and HMAC of two committees on this thread. A failed sync persists what verified (catch).
      let shownAt = now()
      const syncedFrom = session.finalized.beacon.slot
      await wait(
        syncPeriods(
          session,
          transport,
          current,
          (_step, progress) => {
            if (!live()) return
            // Progress reaches the page at most every PROGRESS_INTERVAL_MS (and at the end): each snapshot is a message,
            // a React render and a layout on the page's thread, which shares the CPU with this one (docs/performance.md).
            if (progress.done >= progress.total || now() - shownAt >= PROGRESS_INTERVAL_MS) {
              shownAt = now()
              this.setStatus({ code: 'syncing', phase: 'updates', progress })
            }
            // A long sync (a checkpoint months old) keeps its progress every 16 periods, off the critical path.
            if (progress.done % 16 === 0) void this.persist()
          },
          { signal: token.signal },
        ),
      )
      mark('updates')
      this.setStatus({ code: 'syncing', phase: 'head' })
      // An update that is served but invalid fails the client.
      let finality = await wait(finalityP)
      // Requested before the period sync: when the sync's own updates finalized past it, ask once more for the latest
      // one. When it is still not newer than the store (or, on a reload within the same finality, is the one this
      // browser verified before the store was saved), there is nothing newer to verify yet: the store's finalized
      // header is the chain's latest finality, and the head events bring the next one.
      if (session.finalized.beacon.slot !== syncedFrom && 'value' in finality && isNotNewer('finality', finality.value, session))
        finality = await wait(settle(api.getFinalityUpdate()))
      if ('error' in finality && !(finality.error instanceof HttpRequestError && finality.error.status === 404)) throw finality.error
      if ('value' in finality && !isNotNewer('finality', finality.value, session)) {
        await wait(needBls())
        session.applyFinalityUpdate(this.currentSlot(), finality.value)
      }
      mark('finality')
      // The finalized header is verified at the chain's latest finality: show it now. The optimistic update is
      // optional and checked next (a bad one only adds a notice); then the head is followed.
      this.setStatus({ code: 'synced', headMode: typeof EventSource === 'undefined' ? 'polling' : 'sse' })
      mark('synced')
      const optimistic = await wait(optimisticP)
      // Head following checks signatures from here on.
      await wait(needBls())
      try {
        const json = unwrap(optimistic)
        // Older than the head the sync reached (requested before it): nothing to add.
        if (!isNotNewer('optimistic', json, session)) session.applyOptimisticUpdate(this.currentSlot(), json)
      } catch (e) {
        // An optimistic update is optional; a bad one is reported but does not undo the finalized sync.
        if (!(e instanceof HttpRequestError && e.status === 404)) {
          this.emit({ notices: [...(this.snapshot?.notices ?? []), `Optimistic update rejected: ${serializeError(e).shortMessage}`] })
        }
      }
      this.followHead()
      void this.persist()
    } catch (e) {
      // An ended run was aborted by stop(); a failed one aborts its pending bootstrap and updates requests here.
      if (e === RUN_ENDED || !live()) return
      token.abort()
      this.setStatus({ code: 'failed', error: serializeError(e) })
      // Keep what verified before the failure (the next visit resumes from it).
      if (this.session) void this.persist()
    }
  }

  private async restore(
    network: NetworkConfig,
    checkpointRoot: string,
    loaded: { value: unknown } | { error: unknown },
    live: () => boolean,
  ): Promise<LightClientSession | undefined> {
    if ('error' in loaded || loaded.value === undefined) return undefined
    const sealed = loaded.value
    this.setStatus({ code: 'syncing', phase: 'restore' })
    try {
      const state = await openSealedState(sealed, await getSealingKey())
      if (!live()) return undefined
      const session = LightClientSession.fromPersisted(getBeaconConfig(network.chain), network.chain, checkpointRoot, state, {
        allowForcedUpdates: network.allowForcedUpdates === true,
      })
      this.emit({ restored: true })
      mark('restored')
      return session
    } catch (e) {
      await deleteSealedState(network.id).catch(() => {})
      if (!live()) return undefined
      this.emit({ notices: [...(this.snapshot?.notices ?? []), `${serializeError(e).shortMessage} Syncing again from the checkpoint.`] })
      return undefined
    }
  }

  /** Persists the current store; calls run one after another (each writes the store as it is when it runs). */
  private persist(): Promise<void> {
    this.persisting = this.persisting.then(() => this.persistNow())
    return this.persisting
  }

  private async persistNow() {
    if (!this.session || !this.network) return
    try {
      await saveSealedState(this.network.id, await sealState(this.session.exportState(), await getSealingKey()))
      mark('persisted')
    } catch {
      // No IndexedDB (private mode): the next visit syncs from the checkpoint.
    }
  }

  private followHead() {
    const api = this.api
    const session = this.session
    if (!api || !session) return
    let mode: 'sse' | 'polling' = 'sse'
    const markSynced = () => this.setStatus({ code: 'synced', headMode: mode })
    markSynced()
    this.stopHead = followHead(
      api,
      ({ kind, json }) => {
        // A repeated or late event (not newer than what the store holds) changes nothing: ignored, as the p2p spec's
        // gossip validation IGNOREs it; every other rejection fails the client.
        if (isNotNewer(kind, json, session)) return
        // BLS is ready (start awaited it before following); the same settled promise keeps events in order.
        void ensureBls().then(
          () => {
            if (this.session !== session || !this.stopHead) return // stopped or restarted meanwhile
            try {
              const step = kind === 'finality' ? session.applyFinalityUpdate(this.currentSlot(), json) : session.applyOptimisticUpdate(this.currentSlot(), json)
              if (step.advancedFinalized) void this.persist()
              markSynced()
            } catch (e) {
              this.setStatus({ code: 'failed', error: serializeError(e) })
            }
          },
          (e: unknown) => this.setStatus({ code: 'failed', error: serializeError(e) }),
        )
      },
      {
        onMode: (m) => {
          mode = m
          if (this.snapshot?.status.code === 'synced') markSynced()
        },
      },
    )
    this.stallTimer = setInterval(() => {
      // process_light_client_store_force_update, only when the network opts in; the result is badged as forced.
      if (session.forceUpdate(this.currentSlot())) void this.persist()
      const code = this.snapshot?.status.code
      if (code !== 'synced' && code !== 'stalled') return
      const behind = this.currentSlot() - session.optimistic.beacon.slot
      if (behind > (this.network?.stallAfterSlots ?? STALL_AFTER_SLOTS))
        this.setStatus({ code: 'stalled', reason: `no new verified head for ${behind} slots`, slotsBehind: behind })
      else if (code === 'stalled') markSynced()
      else this.emit({})
    }, 2_000)
  }

  stop() {
    this.running = undefined
    const token = this.runToken
    this.runToken = undefined // the run is no longer live when its abort listeners run
    token?.abort()
    this.stopHead?.()
    this.stopHead = undefined
    if (this.stallTimer) clearInterval(this.stallTimer)
    this.stallTimer = undefined
  }

  async forget(networkId: string) {
    await deleteSealedState(networkId)
  }

  private requireSession(): LightClientSession {
    if (!this.session) throw new MalformedInputError({ what: 'request', details: 'the light client has no verified header yet' })
    return this.session
  }

  /** @throws {StaleHeaderError} When the finalized header is no longer at `slot` (the one the caller asks about). */
  private requireFinalizedAt(session: LightClientSession, slot: number): void {
    if (session.finalizedSummary.slot !== slot) throw new StaleHeaderError({ requestedSlot: slot, finalizedSlot: session.finalizedSummary.slot })
  }

  /**
   * Fetches the finalized beacon block at `slot` and proves its payload and transactions against the verified header.
   * @throws {StaleHeaderError} When the light client's finalized header is no longer at `slot`.
   */
  async verifyFinalizedBlock(slot: number): Promise<BlockResult> {
    const session = this.requireSession()
    this.requireFinalizedAt(session, slot)
    const api = this.api as BeaconApi
    const summary = session.finalizedSummary
    if (!summary.execution) throw new MalformedInputError({ what: 'finalized header', details: 'no execution payload header' })
    const [json, { verifyBeaconBlock }] = await Promise.all([api.getBlock(summary.slot), loadBlockVerifier()])
    const result = verifyBeaconBlock(json, { blockRoot: summary.blockRoot, execution: summary.execution })
    return { ...result, steps: [...session.steps] }
  }

  /**
   * Fetches `eth_getProof` and verifies it: at the light client's finalized execution block against its
   * verified state root, or at another block against that block's header, tied only by its hash.
   * @throws {StaleHeaderError} When the light client's finalized header is no longer at `finalizedSlot`.
   */
  async verifyStateProof(preset: StateProofPreset, finalizedSlot: number): Promise<StateProofResult> {
    const session = this.requireSession()
    this.requireFinalizedAt(session, finalizedSlot)
    const network = this.network as NetworkConfig
    const fin = session.finalizedSummary.execution
    if (!fin) throw new MalformedInputError({ what: 'finalized header', details: 'no execution payload header' })
    const blockNumber = preset.blockNumber ?? fin.blockNumber
    const { rpcRequest, verifyAccountProof, verifyBlockHeader } = await loadStateVerifiers()
    const checks: StateProofResult['checks'] = []
    let stateRoot: string
    let anchor: StateProofResult['anchor']
    if (blockNumber === fin.blockNumber) {
      stateRoot = fin.stateRoot
      anchor = { kind: 'light-client', slot: session.finalizedSummary.slot }
      checks.push({ label: `State root of block ${blockNumber}`, detail: 'from the light client’s finalized execution header', ms: 0 })
    } else {
      let t0 = now()
      const block = await rpcRequest(network.executionRpcUrl, 'eth_getBlockByNumber', [toQuantity(blockNumber), false])
      const fetchMs = now() - t0
      if (block === null) throw new MalformedInputError({ what: `block ${blockNumber}`, details: 'the RPC has no such block' })
      t0 = now()
      const header = verifyBlockHeader(block)
      // The header must be the block that was asked for, not another block the RPC chose.
      if (header.number !== BigInt(blockNumber)) {
        throw new ProofMismatchError({ what: 'block', requested: `block ${blockNumber}`, answered: `block ${header.number}` })
      }
      checks.push({
        label: `Block ${blockNumber} header`,
        detail: `keccak256(rlp(header)) = ${header.hash} (fetched in ${fetchMs.toFixed(0)} ms)`,
        ms: now() - t0,
      })
      stateRoot = header.stateRoot
      // Another block than the finalized one: its state root is tied only to the block hash the RPC served (the
      // optimistic header is not used as an anchor, so the checks shown are always those of the anchor named).
      anchor = { kind: 'block-hash', blockHash: header.hash, source: network.executionRpcUrl }
    }
    let t0 = now()
    const proof = await rpcRequest(network.executionRpcUrl, 'eth_getProof', [preset.address, preset.storageKeys, toQuantity(blockNumber)])
    const fetchMs = now() - t0
    t0 = now()
    const account = await verifyAccountProof(stateRoot, proof, { address: preset.address, storageKeys: preset.storageKeys })
    checks.push({
      label: 'EIP-1186 account and storage proofs',
      detail: `account ${account.address} and ${account.storage.length} slot(s), exactly as requested, under state root ${stateRoot} (fetched in ${fetchMs.toFixed(0)} ms)`,
      ms: now() - t0,
    })
    return { account, blockNumber, stateRoot, anchor, checks }
  }
}

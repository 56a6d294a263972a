import * as Comlink from 'comlink'
import { type SerializedError, serializeError } from '../../errors/serialize.ts'
import { ProvingCancelledError } from '../../errors/zk.ts'
import type { ProverNode, ProverNodeEvent, ProverNodeOptions } from '../../net/p2p/proverNode.ts'
import type { SegmentLease } from '../../prover/network/lease.ts'
import { programByImageId } from '../../prover/zkvm/programs.ts'
import type { WorkerBridge } from '../../workers/bridge.ts'
import type { ProverWorkerApi } from '../../workers/prover.worker.ts'
import { createProverBridge } from '../../workers/proverClient.ts'
import { PauseGate, type PauseReason, restAfterMs } from './budget.ts'
import { type CoordinatorInfo, fetchCoordinatorInfo } from './coordinatorInfo.ts'
import { createProverNodeInWorker } from './proverNodeInWorker.ts'

/** What a session is made of (tests pass fakes). */
export type DonateDeps = {
  fetchInfo: (url: string, signal: AbortSignal) => Promise<CoordinatorInfo>
  createNode: (options: ProverNodeOptions) => Promise<ProverNode>
  createBridge: () => Pick<WorkerBridge<ProverWorkerApi>, 'call' | 'terminate'>
}

export type DonateStatus = 'stopped' | 'connecting' | 'running' | 'stopping' | 'failed'

/** The job a lease belongs to, as the coordinator announced it (nothing here is trusted). */
export type DonateJob = {
  jobId: string
  coordinator: string
  imageId: string
  program: string | undefined
  segments: number
  cycles: number
  po2: number | undefined
}

/** The segment being proven in this tab's prover worker. */
export type InFlight = {
  leaseId: string
  jobId: string
  index: number
  segments: number
  cycles: number
  phase: string
  done: number | undefined
  total: number | undefined
  startedAtMs: number
}

/** A segment this tab proved, and what the coordinator answered. */
export type SegmentRow = {
  leaseId: string
  jobId: string
  index: number
  cycles: number
  state: 'sent' | 'accepted' | 'rejected' | 'failed'
  provingMs: number
  code?: string
}

/** One throughput point: seconds since start, this segment's proving rate and the overall rate (cycles/s). */
export type ThroughputPoint = { t: number; segment: number; overall: number }

export type DonateSnapshot = {
  status: DonateStatus
  backend: string | undefined
  peerId: string | undefined
  peers: string[]
  coordinators: string[]
  paused: PauseReason[]
  restUntilMs: number | undefined
  job: DonateJob | undefined
  inFlight: InFlight | undefined
  rows: SegmentRow[]
  /** Counts from the coordinator's answers (accepted/rejected) and from this tab (sent). */
  counts: { sent: number; accepted: number; rejected: number; cyclesAccepted: number }
  throughput: ThroughputPoint[]
  error: SerializedError | undefined
  startedAtMs: number | undefined
}

export type StartOptions = {
  coordinatorInfoUrl: string
  backend: 'webgpu' | 'wasm'
  /** Share of wall time spent proving, (0, 1]. */
  share: number
  pauseOnBattery: boolean
}

const MAX_ROWS = 64
const MAX_POINTS = 600
/** Worker kept this long between leases before the bridge terminates it. */
const PROVER_IDLE_MS = 60_000

const initial = (): DonateSnapshot => ({
  status: 'stopped',
  backend: undefined,
  peerId: undefined,
  peers: [],
  coordinators: [],
  paused: [],
  restUntilMs: undefined,
  job: undefined,
  inFlight: undefined,
  rows: [],
  counts: { sent: 0, accepted: 0, rejected: 0, cyclesAccepted: 0 },
  throughput: [],
  error: undefined,
  startedAtMs: undefined,
})

/**
 * The tab's prover: a libp2p prover node (src/net/p2p/proverNode.ts) in the page whose leases are proven in
 * the prover worker through the worker bridge. Budget (share of time), tab visibility and battery pause the
 * node between segments; stop() aborts the segment in flight (terminating the worker) and stops the node.
 * One per page (module singleton), so it keeps proving while the person looks at other pages of the app.
 */
export class DonateSession {
  private snap: DonateSnapshot = initial()
  private readonly listeners = new Set<() => void>()
  private node: ProverNode | undefined
  private bridge: Pick<WorkerBridge<ProverWorkerApi>, 'call' | 'terminate'> | undefined
  private controller: AbortController | undefined
  private gate: PauseGate | undefined
  private restTimer: ReturnType<typeof setTimeout> | undefined
  private share = 1
  private pauseOnBattery = true
  private onBattery = false
  private cleanups: (() => void)[] = []

  constructor(
    private readonly deps: DonateDeps = {
      fetchInfo: fetchCoordinatorInfo,
      // The node (libp2p) runs in its own worker: nothing network-heavy on the main thread.
      createNode: createProverNodeInWorker,
      createBridge: () => createProverBridge(PROVER_IDLE_MS),
    },
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getSnapshot = (): DonateSnapshot => this.snap

  private notifyQueued = false

  /** Applies `patch` now; listeners hear once per microtask however many patches came (one render per burst). */
  private set(patch: Partial<DonateSnapshot>) {
    this.snap = { ...this.snap, ...patch }
    if (this.notifyQueued) return
    this.notifyQueued = true
    queueMicrotask(() => {
      this.notifyQueued = false
      for (const l of this.listeners) l()
    })
  }

  /** Changes the share of time; takes effect after the segment in flight. */
  setShare(share: number) {
    this.share = share
    if (share >= 1) this.endRest()
  }

  /** Whether to pause while the Battery API says the device is discharging. */
  setPauseOnBattery(on: boolean) {
    this.pauseOnBattery = on
    this.updatePause('battery', on && this.onBattery)
  }

  /** Called by the page with the Battery API's `charging` (true when absent). */
  setCharging(charging: boolean) {
    this.onBattery = !charging
    this.updatePause('battery', this.pauseOnBattery && this.onBattery)
  }

  private updatePause(reason: PauseReason, on: boolean) {
    if (!this.gate) return
    this.gate.set(reason, on)
    this.set({ paused: this.gate.active })
  }

  /**
   * Fetches the coordinator's info, starts the prover node and proves the leases it receives.
   * Errors end in `status: 'failed'` with a typed error in the snapshot; never throws.
   */
  async start(options: StartOptions): Promise<void> {
    if (this.snap.status === 'connecting' || this.snap.status === 'running') return
    const controller = new AbortController()
    this.controller = controller
    this.share = options.share
    this.pauseOnBattery = options.pauseOnBattery
    this.snap = { ...initial(), status: 'connecting', backend: options.backend, startedAtMs: Date.now() }
    this.set({})
    try {
      const info = await this.deps.fetchInfo(options.coordinatorInfoUrl, controller.signal)
      if (controller.signal.aborted) return
      this.bridge = this.deps.createBridge()
      const node = await this.deps.createNode({
        coordinators: info.multiaddrs,
        backend: options.backend,
        prove: (lease, signal) => this.prove(lease, options.backend, signal),
        onEvent: (e) => this.onEvent(e),
      })
      if (controller.signal.aborted) {
        await node.stop().catch(() => {})
        return
      }
      this.node = node
      this.gate = new PauseGate(node)
      this.watchVisibility()
      this.updatePause('battery', this.pauseOnBattery && this.onBattery)
      this.set({ coordinators: info.multiaddrs })
      await node.start()
      if (controller.signal.aborted) return
      this.set({ status: 'running', peerId: node.peerId })
    } catch (e) {
      if (controller.signal.aborted) return
      this.set({ status: 'failed', error: serializeError(e) })
      await this.teardown()
    }
  }

  /** Aborts the segment in flight (its worker is terminated) and stops the node. Resolves when stopped. */
  async stop(): Promise<void> {
    if (this.snap.status === 'stopped' || this.snap.status === 'stopping') return
    const failed = this.snap.status === 'failed'
    this.set({ status: 'stopping' })
    await this.teardown()
    this.set({ status: failed ? 'failed' : 'stopped', inFlight: undefined, paused: [], restUntilMs: undefined, peers: [] })
  }

  private async teardown() {
    this.controller?.abort(new ProvingCancelledError())
    this.controller = undefined
    this.endRest()
    for (const c of this.cleanups) c()
    this.cleanups = []
    this.gate = undefined
    this.bridge?.terminate(new ProvingCancelledError())
    this.bridge = undefined
    const node = this.node
    this.node = undefined
    await node?.stop().catch(() => {})
  }

  private watchVisibility() {
    if (typeof document === 'undefined') return
    const onChange = () => this.updatePause('hidden', document.visibilityState === 'hidden')
    document.addEventListener('visibilitychange', onChange)
    this.cleanups.push(() => document.removeEventListener('visibilitychange', onChange))
    onChange()
  }

  private endRest() {
    if (this.restTimer !== undefined) clearTimeout(this.restTimer)
    this.restTimer = undefined
    if (this.snap.restUntilMs !== undefined) this.set({ restUntilMs: undefined })
    this.updatePause('budget', false)
  }

  private rest(ms: number) {
    if (ms <= 0) return
    this.endRest()
    this.updatePause('budget', true)
    this.set({ restUntilMs: Date.now() + ms })
    this.restTimer = setTimeout(() => this.endRest(), ms)
  }

  /** The node's prove function: proves in the worker, reports phases, rests for the budget afterwards. */
  private async prove(lease: SegmentLease, backend: string, signal: AbortSignal): Promise<Uint8Array> {
    const bridge = this.bridge
    const stop = this.controller?.signal
    if (!bridge || !stop || stop.aborted) throw new ProvingCancelledError()
    const both = AbortSignal.any([signal, stop])
    const startedAtMs = Date.now()
    const job = this.snap.job
    if (job && job.jobId === lease.jobId && job.po2 === undefined) this.set({ job: { ...job, po2: lease.po2 } })
    else if (!job || job.jobId !== lease.jobId) this.set({ job: jobFromLease(lease) })
    this.set({
      inFlight: {
        leaseId: lease.leaseId,
        jobId: lease.jobId,
        index: lease.index,
        segments: lease.segments,
        cycles: lease.cycles,
        phase: 'leased',
        done: undefined,
        total: undefined,
        startedAtMs,
      },
    })
    // Step counts within a phase update the bar at most every 100 ms; a new phase shows at once.
    let shownAtMs = 0
    const onPhase = Comlink.proxy((phase: string, done?: number, total?: number) => {
      const f = this.snap.inFlight
      if (f?.leaseId !== lease.leaseId) return
      const now = Date.now()
      if (phase === f.phase && done !== total && now - shownAtMs < 100) return
      shownAtMs = now
      this.set({ inFlight: { ...f, phase, done, total } })
    })
    try {
      const proof = await bridge.call((api) => api.proveLease(lease, backend, onPhase), { signal: both, cancelError: () => new ProvingCancelledError() })
      const provingMs = Date.now() - startedAtMs
      this.addRow({ leaseId: lease.leaseId, jobId: lease.jobId, index: lease.index, cycles: lease.cycles, state: 'sent', provingMs })
      this.set({ counts: { ...this.snap.counts, sent: this.snap.counts.sent + 1 }, inFlight: undefined })
      if (!stop.aborted) this.rest(restAfterMs(provingMs, this.share))
      return proof
    } catch (e) {
      if (!stop.aborted) {
        this.addRow({
          leaseId: lease.leaseId,
          jobId: lease.jobId,
          index: lease.index,
          cycles: lease.cycles,
          state: 'failed',
          provingMs: Date.now() - startedAtMs,
          code: serializeError(e).code,
        })
        const error = serializeError(e)
        this.set({ inFlight: undefined, error })
        // A backend this build or tab lacks, or a worker that cannot start, fails every lease alike: stop asking for them.
        const fatal = error.code === 'WorkerStart' || error.code === 'WebGpuUnavailable'
        if (fatal || (error.code === 'MalformedInput' && error.shortMessage.includes('prover backend'))) {
          this.set({ status: 'failed' })
          void this.teardown()
        }
      }
      throw e
    }
  }

  private addRow(row: SegmentRow) {
    const rows = this.snap.rows.filter((r) => r.leaseId !== row.leaseId)
    this.set({ rows: [row, ...rows].slice(0, MAX_ROWS) })
  }

  private patchRow(leaseId: string, patch: Partial<SegmentRow>, fallback: SegmentRow) {
    const old = this.snap.rows.find((r) => r.leaseId === leaseId)
    this.addRow({ ...(old ?? fallback), ...patch })
  }

  private onEvent(e: ProverNodeEvent) {
    switch (e.type) {
      case 'peers':
        this.set({ peers: e.peers })
        break
      case 'job': {
        const old = this.snap.job
        this.set({
          job: {
            jobId: e.jobId,
            coordinator: e.coordinator,
            imageId: e.imageId,
            program: e.program ?? programByImageId(e.imageId)?.name,
            segments: e.segments,
            cycles: e.cycles,
            po2: old?.jobId === e.jobId ? old.po2 : undefined,
          },
        })
        break
      }
      case 'accepted': {
        const c = this.snap.counts
        const counts = { ...c, accepted: c.accepted + 1, cyclesAccepted: c.cyclesAccepted + e.cycles }
        this.patchRow(
          e.leaseId,
          { state: 'accepted', provingMs: e.provingMs },
          { leaseId: e.leaseId, jobId: e.jobId, index: e.index, cycles: e.cycles, state: 'accepted', provingMs: e.provingMs },
        )
        const t = (Date.now() - (this.snap.startedAtMs ?? Date.now())) / 1000
        const point = { t, segment: e.provingMs > 0 ? (e.cycles * 1000) / e.provingMs : 0, overall: t > 0 ? counts.cyclesAccepted / t : 0 }
        this.set({ counts, throughput: [...this.snap.throughput, point].slice(-MAX_POINTS) })
        break
      }
      case 'rejected':
        this.patchRow(
          e.leaseId,
          { state: 'rejected', code: e.code },
          { leaseId: e.leaseId, jobId: e.jobId, index: e.index, cycles: 0, state: 'rejected', provingMs: 0, code: e.code },
        )
        this.set({ counts: { ...this.snap.counts, rejected: this.snap.counts.rejected + 1 } })
        break
      case 'error':
        this.set({ error: { name: 'ProverNodeError', code: e.code, message: e.message, shortMessage: e.message } })
        break
      case 'lease':
      case 'idle':
        break
    }
  }
}

function jobFromLease(lease: SegmentLease): DonateJob {
  return {
    jobId: lease.jobId,
    coordinator: lease.coordinator,
    imageId: lease.imageId,
    program: programByImageId(lease.imageId)?.name,
    segments: lease.segments,
    cycles: 0,
    po2: lease.po2,
  }
}

let session: DonateSession | undefined
/** The page's one Donate session. */
export const getDonateSession = (): DonateSession => {
  session ??= new DonateSession()
  return session
}

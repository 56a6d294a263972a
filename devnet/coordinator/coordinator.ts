import type { Stream } from "@libp2p/interface";
import { multiaddr } from "@multiformats/multiaddr";
import { bytesToHex } from "viem";
import { MalformedInputError } from "../../src/errors/base.ts";
import { CoordinatorBusyError, ProverDroppedError, StoredJobInvalidError, UnknownJobError, UnknownLeaseError } from "../../src/errors/p2p.ts";
import { serializeError } from "../../src/errors/serialize.ts";
import {
  encodeMessage,
  type JobAnnouncement,
  type JobRequest,
  type JobResponse,
  type JobStatusRequest,
  parseJobRequest,
  parseSegmentRequest,
  type SegmentRequest,
  type SegmentResponse,
} from "../../src/net/p2p/messages.ts";
import { createNetworkNode, JOB_PROTOCOL, JOBS_TOPIC, type NetworkNode, peerIdOfAddr, SEGMENT_PROTOCOL } from "../../src/net/p2p/node.ts";
import type { Program } from "../../src/prover/vm/isa.ts";
import { getProgram, isProgramName } from "../../src/prover/zkvm/programs.ts";
import type { Receipt } from "../../src/prover/zkvm/receipt.ts";
import { CoordinatorJob, type JobSpec, type JobView } from "./job.ts";
import { installNodeGlobals } from "./nodeEnv.ts";
import { announcementsOf, feedOf } from "./publish.ts";
import { MAX_INBOUND_STREAMS, serveOnce } from "./serve.ts";
import { CoordinatorStore, type StoredJob } from "./store.ts";
import type { CoordinatorEvent, CoordinatorFeedItem, CoordinatorOptions, PeerStats } from "./types.ts";

/** Error codes that mean "this proof is bad" (the prover's fault); any other failure while checking is the coordinator's. */
const PROOF_ERROR_CODES = new Set([
  "MalformedStarkProof",
  "InvalidStarkProof",
  "InvalidMerkleOpening",
  "InvalidProofOfWork",
  "MalformedFriProof",
  "InvalidFriProof",
  "NonCanonicalFieldElement",
  "FieldDivisionByZero",
]);

/**
 * A prover-network coordinator (docs/prover-network.md): a libp2p node that accepts jobs, executes and
 * cuts them, leases segments, verifies every returned proof against its own statement, scores provers,
 * assembles and verifies composite receipts, and persists everything accepted in `stateDir`.
 */
export class Coordinator {
  readonly jobs = new Map<string, CoordinatorJob>();
  readonly peers = new Map<string, PeerStats>();
  /**
   * Leases that may still deliver a result: the live lease of each slot, kept after expiry until the slot is
   * leased again (late results are accepted), deleted on re-lease, release, result, or job completion.
   */
  private readonly leases = new Map<string, { jobId: string; index: number; peer: string }>();
  /** `${jobId}:${index}` → the id of that slot's latest lease. */
  private readonly slotLease = new Map<string, string>();
  /** Who submitted each unfinished job (per-submitter cap); jobs restored from disk have none. */
  private readonly submitters = new Map<string, string>();
  private readonly store: CoordinatorStore;
  private readonly leaseMs: number;
  private readonly maxRejections: number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private announceQueued = false;
  private leaseCounter = 0;
  private stopped = false;
  /** Settles when the state directory's restore has finished (see `awaitRestore`). */
  restored: Promise<void> = Promise.resolve();

  private constructor(
    readonly node: NetworkNode,
    store: CoordinatorStore,
    private readonly options: CoordinatorOptions,
  ) {
    this.store = store;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.maxRejections = options.maxRejections ?? 3;
  }

  /** Starts a coordinator: loads the state directory (jobs resume from what was accepted), listens, announces. */
  static async start(options: CoordinatorOptions): Promise<Coordinator> {
    installNodeGlobals();
    const store = new CoordinatorStore(options.stateDir);
    const privateKey = await store.peerKey();
    let self: Coordinator | undefined;
    const node = await createNetworkNode({
      listen: [`/ip4/${options.host ?? "127.0.0.1"}/tcp/${options.port ?? 18547}/ws`],
      privateKey,
      denyPeer: (peer) => self?.peers.get(peer)?.dropped ?? false,
    });
    const c = new Coordinator(node, store, options);
    self = c;
    await c.listen();
    c.restored = c.restore();
    if (options.awaitRestore !== false) await c.restored;
    return c;
  }

  get peerId(): string {
    return this.node.peerId.toString();
  }

  get multiaddrs(): string[] {
    return this.node.getMultiaddrs().map(String);
  }

  private emit(e: CoordinatorEvent): void {
    this.options.onEvent?.(e);
  }

  /**
   * Restores the state directory without trusting it: per job, re-executes the spec, recomputes the job id
   * (must equal the stored one and the directory name), verifies every stored segment proof (a bad one is
   * deleted and its segment re-leased) and reassembles the receipt from the verified proofs (receipt.json is
   * not read). A job that fails is quarantined. Every failure is a `restore-error` event.
   */
  private async restore(): Promise<void> {
    for (const stored of this.store.load()) {
      if (this.stopped) return;
      try {
        if (stored.error !== undefined) throw stored.error;
        await this.restoreJob(stored);
      } catch (e) {
        // A live job submitted under this id meanwhile owns the directory now: leave both alone.
        if (this.jobs.has(stored.dir)) continue;
        const err = new StoredJobInvalidError({ dir: stored.dir, reason: e instanceof Error ? e.message : String(e), cause: e });
        try {
          this.store.quarantine(stored.dir);
        } catch {}
        this.emit({ type: "restore-error", dir: stored.dir, code: err.code, message: err.shortMessage });
      }
    }
  }

  private async restoreJob(stored: StoredJob): Promise<void> {
    const spec = stored.spec as JobSpec;
    if (typeof spec !== "object" || spec === null || typeof spec.code !== "string" || !Array.isArray(spec.input))
      throw new MalformedInputError({ what: "job.json" });
    const job = new CoordinatorJob(spec, this.options.limits);
    const jobId = CoordinatorJob.idOf(job.program, spec.input, spec.po2);
    if (jobId !== spec.jobId || jobId !== stored.dir) throw new StoredJobInvalidError({ dir: stored.dir, reason: `job id is ${jobId}` });
    // Submitted again while this restore ran: the live job wins (it re-proves; its files replace these).
    if (this.jobs.has(jobId)) return;
    for (const s of stored.segments) {
      // One proof verification (~0.1 s) at a time, so a restore in the background never stalls the node.
      await new Promise((r) => setImmediate(r));
      if (this.stopped || this.jobs.has(jobId)) return;
      try {
        if ("error" in s) throw s.error;
        if (s.index >= job.slots.length) throw new MalformedInputError({ what: `segment index ${s.index}` });
        job.check(s.index, s.proof);
        job.accept(s.index, s.peer, s.proof, s.acceptedAtMs);
      } catch (e) {
        const code = serializeError(e).code;
        this.store.deleteSegment(jobId, s.index);
        this.emit({ type: "restore-error", dir: stored.dir, index: s.index, code, message: e instanceof Error ? e.message : String(e) });
      }
    }
    if (this.stopped || this.jobs.has(jobId)) return;
    if (job.done) {
      const receipt = job.assemble();
      job.receipt = receipt;
      job.completedAtMs = Math.max(...job.slots.map((s) => (s.status === "accepted" ? s.acceptedAtMs : 0)), spec.submittedAtMs);
      this.store.saveReceipt(jobId, receipt);
    }
    this.jobs.set(jobId, job);
  }

  private async listen(): Promise<void> {
    const limits = { maxInboundStreams: MAX_INBOUND_STREAMS };
    await this.node.handle(SEGMENT_PROTOCOL, (stream, connection) => this.serveSegment(stream, connection.remotePeer.toString()), limits);
    await this.node.handle(JOB_PROTOCOL, (stream, connection) => this.serveJob(stream, connection.remotePeer.toString()), limits);
    this.node.addEventListener("peer:disconnect", (e) => this.releasePeer(e.detail.toString(), "disconnect"));
    this.node.services.pubsub.subscribe(JOBS_TOPIC);
    const tick = Math.min(this.options.announceMs ?? 2000, Math.max(50, Math.floor(this.leaseMs / 4)));
    let last = 0;
    this.timer = setInterval(() => {
      this.expire();
      if (Date.now() - last >= (this.options.announceMs ?? 2000)) {
        last = Date.now();
        this.announce();
        this.dialPeers();
      }
    }, tick);
    this.dialPeers();
    this.announce();
  }

  private dialPeers(): void {
    for (const addr of this.options.peers ?? []) {
      const ma = multiaddr(addr);
      const id = peerIdOfAddr(addr);
      if (id && this.node.getConnections().some((c) => c.remotePeer.toString() === id)) continue;
      this.node.dial(ma).catch(() => {});
    }
  }

  private async serveSegment(stream: Stream, peer: string): Promise<void> {
    await serveOnce(
      stream,
      SEGMENT_PROTOCOL,
      parseSegmentRequest,
      (req) => this.onSegmentRequest(peer, req),
      (code, message) => this.emit({ type: "protocol-error", peer, code, message }),
    );
  }

  private async serveJob(stream: Stream, peer: string): Promise<void> {
    await serveOnce(
      stream,
      JOB_PROTOCOL,
      parseJobRequest,
      (req) => this.onJobRequest(req, peer),
      (code, message) => this.emit({ type: "protocol-error", peer, code, message }),
    );
  }

  /** Answers one job-protocol request (a submission or a status query); errors become `error` answers with their code. */
  onJobRequest(req: JobRequest | JobStatusRequest, submitter = "local"): JobResponse {
    try {
      if (req.type === "submit") return { type: "job", jobId: this.submit(req, submitter) };
      const job = this.jobs.get(req.jobId.toLowerCase());
      if (!job) throw new UnknownJobError({ jobId: req.jobId });
      const status = { type: "status" as const, jobId: job.spec.jobId, segments: job.slots.length, accepted: job.count("accepted") };
      return job.receipt ? { ...status, receipt: job.receipt } : status;
    } catch (e) {
      const s = serializeError(e);
      return { type: "error", code: s.code, message: s.message };
    }
  }

  /** Forgets the lease entry of slot (jobId, index), if any. */
  private forgetSlot(jobId: string, index: number): void {
    const key = `${jobId}:${index}`;
    const id = this.slotLease.get(key);
    if (id !== undefined) this.leases.delete(id);
    this.slotLease.delete(key);
  }

  private stats(peer: string): PeerStats {
    let s = this.peers.get(peer);
    if (!s) {
      s = { accepted: 0, rejected: 0, expired: 0, score: 0, dropped: false };
      this.peers.set(peer, s);
      this.evictPeers();
    }
    return s;
  }

  /** Keeps at most `maxPeers` non-dropped peer entries: evicts the oldest that hold no lease (dropped peers stay: they are the deny list). */
  private evictPeers(): void {
    const max = this.options.maxPeers ?? 1024;
    let live = 0;
    for (const s of this.peers.values()) if (!s.dropped) live++;
    if (live <= max) return;
    for (const [peer, s] of this.peers) {
      if (live <= max) break;
      if (s.dropped || [...this.jobs.values()].some((j) => j.leasedTo(peer) > 0)) continue;
      this.peers.delete(peer);
      live--;
    }
  }

  /** Answers one segment-protocol request from `peer` (lease rules: docs/prover-network.md, "Leases"). */
  onSegmentRequest(peer: string, req: SegmentRequest): SegmentResponse {
    const stats = this.stats(peer);
    if (stats.dropped) {
      const e = new ProverDroppedError({ peerId: peer, rejected: stats.rejected });
      return { type: "error", code: e.code, message: e.shortMessage };
    }
    if (req.type === "lease-request") {
      this.expire();
      const maxLeases = this.options.maxLeasesPerPeer ?? 2;
      let held = 0;
      for (const j of this.jobs.values()) held += j.leasedTo(peer);
      if (held >= maxLeases) return { type: "no-work" };
      const order = [...this.jobs.values()].filter((j) => !j.done && j.spec.po2 <= req.maxPo2);
      const preferred = order.filter((j) => j.spec.jobId === req.jobId);
      for (const job of [...preferred, ...order]) {
        const leaseId = `${this.peerId.slice(-8)}-${Date.now().toString(36)}-${(this.leaseCounter++).toString(36)}`;
        const lease = job.lease(peer, this.peerId, leaseId, Date.now() + this.leaseMs);
        if (!lease) continue;
        this.forgetSlot(job.spec.jobId, lease.index);
        this.leases.set(leaseId, { jobId: job.spec.jobId, index: lease.index, peer });
        this.slotLease.set(`${job.spec.jobId}:${lease.index}`, leaseId);
        this.emit({ type: "leased", jobId: job.spec.jobId, index: lease.index, peer, leaseId });
        this.queueAnnounce();
        return { type: "lease", lease };
      }
      return { type: "no-work" };
    }
    const ref = this.leases.get(req.leaseId);
    const job = ref && this.jobs.get(ref.jobId);
    const slot = ref && job?.slots[ref.index];
    // Held: leased to this peer under this id, or expired and not leased again since (a late result).
    const held = slot?.status === "leased" ? slot.leaseId === req.leaseId && slot.peer === peer : slot?.status === "open" && ref?.peer === peer;
    if (!ref || !job || !held) {
      const e = new UnknownLeaseError({ leaseId: req.leaseId });
      return { type: "rejected", leaseId: req.leaseId, code: e.code, message: e.shortMessage };
    }
    this.forgetSlot(job.spec.jobId, ref.index);
    // The coordinator's own statement first: a failure here is the coordinator's, never the prover's.
    try {
      job.statement(ref.index);
    } catch (e) {
      return this.coordinatorFault(job, ref.index, e);
    }
    const t0 = performance.now();
    try {
      job.check(ref.index, req.proof);
    } catch (e) {
      const s = serializeError(e);
      if (!PROOF_ERROR_CODES.has(s.code)) return this.coordinatorFault(job, ref.index, e);
      job.slots[ref.index] = { status: "open" };
      stats.rejected++;
      stats.score -= 5;
      this.emit({ type: "rejected", jobId: job.spec.jobId, index: ref.index, peer, code: s.code });
      if (stats.rejected >= this.maxRejections) this.drop(peer);
      this.queueAnnounce();
      return { type: "rejected", leaseId: req.leaseId, code: s.code, message: s.shortMessage ?? s.message };
    }
    const verifyMs = performance.now() - t0;
    const now = Date.now();
    // Persisted before it counts as accepted: a write failure leaves the segment open.
    try {
      this.store.saveSegment(job.spec.jobId, ref.index, peer, req.proof, now);
    } catch (e) {
      return this.coordinatorFault(job, ref.index, e);
    }
    job.accept(ref.index, peer, req.proof, now);
    stats.accepted++;
    stats.score += 1;
    this.emit({ type: "accepted", jobId: job.spec.jobId, index: ref.index, peer, verifyMs });
    if (job.done) {
      try {
        this.finish(job);
      } catch (e) {
        const s = serializeError(e);
        this.emit({ type: "coordinator-error", jobId: job.spec.jobId, code: s.code, message: s.message });
      }
    }
    this.queueAnnounce();
    return { type: "accepted", leaseId: req.leaseId };
  }

  /** A coordinator-side failure while handling a result: the segment is opened again, the prover is not scored. */
  private coordinatorFault(job: CoordinatorJob, index: number, e: unknown): SegmentResponse {
    const s = serializeError(e);
    job.slots[index] = { status: "open" };
    this.emit({ type: "coordinator-error", jobId: job.spec.jobId, index, code: s.code, message: s.message });
    this.queueAnnounce();
    return { type: "error", code: s.code, message: s.shortMessage ?? s.message };
  }

  private drop(peer: string): void {
    const stats = this.stats(peer);
    stats.dropped = true;
    this.emit({ type: "dropped", peer, rejected: stats.rejected });
    this.releasePeer(peer, "dropped");
    // Answer the rejection first, then close the connection.
    setTimeout(() => {
      const conns = this.node.getConnections().filter((c) => c.remotePeer.toString() === peer);
      for (const c of conns) c.close().catch(() => {});
    }, 200);
  }

  private releasePeer(peer: string, reason: "disconnect" | "dropped"): void {
    if (this.stopped) return;
    for (const job of this.jobs.values())
      for (const index of job.release(peer)) {
        this.forgetSlot(job.spec.jobId, index);
        this.emit({ type: "released", jobId: job.spec.jobId, index, reason });
      }
    this.queueAnnounce();
  }

  private expire(): void {
    const now = Date.now();
    let any = false;
    for (const job of this.jobs.values())
      for (const { index, peer } of job.expire(now)) {
        any = true;
        // An expired lease is a soft rejection: it costs the holder 1 (no drop).
        const stats = this.peers.get(peer);
        if (stats) {
          stats.expired++;
          stats.score -= 1;
        }
        this.emit({ type: "released", jobId: job.spec.jobId, index, reason: "expired" });
      }
    if (any) this.queueAnnounce();
  }

  private finish(job: CoordinatorJob): void {
    const receipt = job.assemble();
    this.submitters.delete(job.spec.jobId);
    job.receipt = receipt;
    job.completedAtMs = Date.now();
    this.store.saveReceipt(job.spec.jobId, receipt);
    this.emit({ type: "completed", jobId: job.spec.jobId, receiptId: job.spec.jobId });
  }

  /**
   * Accepts a job (a shipped program by name, or code and entry): executes it, cuts its segments,
   * persists it and announces it. Submitting the same job again returns the same id.
   * @returns the job id (lease.ts `jobIdOf`).
   * @param submitter who submits (a peer id, `http:<address>`, or "local"): at most `maxJobsPerSubmitter` unfinished jobs each.
   * @throws {UnknownJobError} for an unknown program name; the VM's errors for a program that does not run.
   * @throws {CoordinatorBusyError} over `maxJobs` / `maxJobsPerSubmitter` unfinished jobs.
   * @throws {InputTooLargeError} {@link CycleLimitExceededError} over the job caps (job.ts {@link JobLimits}).
   */
  submit(req: Omit<JobRequest, "type">, submitter = "local"): string {
    let program: Program;
    if (req.program !== undefined) {
      if (!isProgramName(req.program)) throw new UnknownJobError({ jobId: `program ${req.program}` });
      program = getProgram(req.program).program;
    } else if (req.code !== undefined) {
      program = { code: Uint8Array.from(Buffer.from(req.code.slice(2), "hex")), entry: req.entry ?? 0 };
    } else throw new MalformedInputError({ what: "job", details: "give program or code" });
    const jobId = CoordinatorJob.idOf(program, req.input, req.po2);
    if (this.jobs.has(jobId)) return jobId;
    const live = [...this.jobs.values()].filter((j) => !j.done);
    const maxJobs = this.options.maxJobs ?? 16;
    if (live.length >= maxJobs) throw new CoordinatorBusyError({ limit: maxJobs, scope: "coordinator" });
    const maxMine = this.options.maxJobsPerSubmitter ?? 4;
    if (live.filter((j) => this.submitters.get(j.spec.jobId) === submitter).length >= maxMine)
      throw new CoordinatorBusyError({ limit: maxMine, scope: "submitter" });
    const spec = {
      jobId,
      ...(req.program ? { program: req.program } : {}),
      code: bytesToHex(program.code),
      entry: program.entry,
      input: [...req.input],
      po2: req.po2,
      submittedAtMs: Date.now(),
    };
    const job = new CoordinatorJob(spec, this.options.limits);
    this.store.saveJob(spec);
    this.jobs.set(jobId, job);
    this.submitters.set(jobId, submitter);
    this.emit({ type: "submitted", jobId, segments: job.slots.length, cycles: job.cycles });
    this.queueAnnounce();
    return jobId;
  }

  private queueAnnounce(): void {
    if (this.announceQueued || this.stopped) return;
    this.announceQueued = true;
    setTimeout(() => {
      this.announceQueued = false;
      this.announce();
    }, 0);
  }

  /** The announcement of each unfinished job (docs/prover-network.md, "Job announcements"). */
  announcements(): JobAnnouncement[] {
    return announcementsOf(this.jobs.values(), this.peerId, this.multiaddrs);
  }

  private announce(): void {
    if (this.stopped) return;
    for (const a of this.announcements()) this.node.services.pubsub.publish(JOBS_TOPIC, encodeMessage(a)).catch(() => {});
  }

  jobViews(): JobView[] {
    return [...this.jobs.values()].map((j) => j.view());
  }

  /** Completed jobs as results-feed rows, newest first. */
  feed(): CoordinatorFeedItem[] {
    return feedOf(this.jobs.values(), this.peerId);
  }

  receipt(jobId: string): Receipt | undefined {
    return this.jobs.get(jobId.toLowerCase())?.receipt;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.node.stop();
  }
}
export type { CoordinatorEvent, CoordinatorFeedItem, CoordinatorOptions, PeerStats } from "./types.ts";

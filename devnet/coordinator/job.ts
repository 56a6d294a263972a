import { hexToBytes } from "viem";
import { InputTooLargeError } from "../../src/errors/base.ts";
import { InvalidReceiptError, InvalidStarkProofError } from "../../src/errors/prover.ts";
import { encodeMessage, MAX_FRAME_BYTES } from "../../src/net/p2p/messages.ts";
import { jobIdOf, type LeaseStart, MAX_LEASE_SEGMENTS, type SegmentLease } from "../../src/prover/network/lease.ts";
import { decodeStarkProof } from "../../src/prover/stark/encoding.ts";
import { imageId as computeImageId } from "../../src/prover/vm/imageId.ts";
import { decodeProgram, type Instruction, type Program } from "../../src/prover/vm/isa.ts";
import { executeSegment } from "../../src/prover/vm/segments.ts";
import { assembleReceipt, type Receipt, segmentReceipt, statementIds } from "../../src/prover/zkvm/receipt.ts";
import { MAX_RECEIPT_TEXT } from "../../src/prover/zkvm/receiptReport.ts";
import { verifySegment } from "../../src/prover/zkvm/segmentProof.ts";
import type { SegmentStatement } from "../../src/prover/zkvm/statement.ts";
import { segmentTrace } from "../../src/prover/zkvm/trace.ts";
import { verifyReceipt } from "../../src/prover/zkvm/verifyReceipt.ts";
import { type Checkpoint, planJob, startOf } from "./plan.ts";

/**
 * Upper bound of one segment proof's size in bytes (measured: ~280 KB at 2^10 rows, ~490 KB at 2^16,
 * docs/zkvm-air.md "Proof size and time"); a receipt stores it as hex (2 characters a byte).
 */
export const SEGMENT_PROOF_BYTES_BOUND = 600_000;

/** Size caps a coordinator applies to a submission before accepting it (docs/prover-network.md, "Limits"). */
export type JobLimits = {
  /** Most cycles (default 2^20). */
  maxCycles?: number;
  /** Largest projected receipt JSON in bytes (default the app's cap, 32 MiB). */
  maxReceiptBytes?: number;
  /** Largest encoded lease response in bytes (default {@link MAX_FRAME_BYTES}, the prover's frame cap). */
  maxLeaseBytes?: number;
};

/** What was submitted (persisted as job.json). `code` is the program's code as 0x-hex. */
export type JobSpec = {
  jobId: `0x${string}`;
  program?: string;
  code: `0x${string}`;
  entry: number;
  input: number[];
  po2: number;
  submittedAtMs: number;
};

export type SegmentSlot =
  | { status: "open" }
  | { status: "leased"; leaseId: string; peer: string; deadlineMs: number }
  | { status: "accepted"; peer: string; proof: Uint8Array; acceptedAtMs: number };

/** The JSON state of one job (`GET /lightbus/jobs`). */
export type JobView = {
  jobId: string;
  program?: string;
  imageId: string;
  po2: number;
  segments: number;
  cycles: number;
  submittedAtMs: number;
  completedAtMs?: number;
  open: number;
  leased: number;
  accepted: number;
  slots: { index: number; status: "open" | "leased" | "accepted"; peer?: string; cycles: number }[];
};

/**
 * One job on a coordinator: the program executed once, cut into 2^po2-row segments (start checkpoints
 * kept, trace rows dropped), and per segment a slot: open, leased (to a peer until a deadline) or
 * accepted (with its verified proof). Statements are rebuilt per segment when a proof is checked.
 */
export class CoordinatorJob {
  readonly spec: JobSpec;
  readonly program: Program;
  readonly imageId: `0x${string}`;
  readonly code: Instruction[];
  readonly checkpoints: Checkpoint[];
  readonly cyclesPerSegment: number[];
  readonly journal: number[];
  readonly exitCode: number;
  readonly cycles: number;
  readonly slots: SegmentSlot[];
  receipt: Receipt | undefined;
  completedAtMs: number | undefined;
  private readonly statements = new Map<number, SegmentStatement>();

  /**
   * Executes the job once (rows dropped as cut) and checks it fits what an honest prover and the app can take.
   * @throws {InputTooLargeError} over `limits`: cycles are {@link CycleLimitExceededError}; a journal over
   * MAX_LEASE_JOURNAL words, more than MAX_LEASE_SEGMENTS segments, a worst-case lease over the frame cap, or a
   * projected receipt over `maxReceiptBytes` are InputTooLarge.
   * @throws the VM's errors ({@link VmFaultError}, {@link InvalidSegmentSizeError}, …).
   */
  constructor(spec: JobSpec, limits: JobLimits = {}) {
    this.spec = spec;
    this.program = { code: hexToBytes(spec.code), entry: spec.entry };
    this.code = decodeProgram(this.program);
    this.imageId = computeImageId(this.program);
    const plan = planJob(this.program, this.code, spec.input, spec.po2, limits.maxCycles ? { maxCycles: limits.maxCycles } : {});
    this.checkpoints = plan.checkpoints;
    this.cyclesPerSegment = plan.cyclesPerSegment;
    this.journal = plan.journal;
    this.exitCode = plan.exitCode;
    this.cycles = plan.cycles;
    this.slots = plan.checkpoints.map(() => ({ status: "open" }));
    this.checkSizes(limits);
  }

  private checkSizes({ maxReceiptBytes = MAX_RECEIPT_TEXT, maxLeaseBytes = MAX_FRAME_BYTES }: JobLimits): void {
    const n = this.slots.length;
    if (n > MAX_LEASE_SEGMENTS) throw new InputTooLargeError({ what: "job segments", limit: MAX_LEASE_SEGMENTS, unit: "items" });
    // Worst-case lease: the last segment carries the longest journal prefix.
    const worst = this.leaseOf(n - 1, "x".repeat(128), "x".repeat(128), "x".repeat(128), Number.MAX_SAFE_INTEGER);
    const leaseBytes = encodeMessage({ type: "lease", lease: worst }).length;
    if (leaseBytes > maxLeaseBytes) throw new InputTooLargeError({ what: `job lease (${leaseBytes} bytes)`, limit: maxLeaseBytes, unit: "bytes" });
    const receiptBytes = n * (2 * SEGMENT_PROOF_BYTES_BOUND + 4096) + 12 * (this.journal.length + this.spec.input.length) + 2 * this.spec.code.length + 4096;
    if (receiptBytes > maxReceiptBytes)
      throw new InputTooLargeError({ what: `projected receipt (${receiptBytes} bytes)`, limit: maxReceiptBytes, unit: "bytes" });
  }

  /** The start state of segment `index` (a fresh copy). */
  start(index: number): LeaseStart {
    return startOf(this.checkpoints[index] as Checkpoint, this.journal);
  }

  static idOf(program: Program, input: readonly number[], po2: number): `0x${string}` {
    return jobIdOf(computeImageId(program), input, po2);
  }

  /** Expired leases become open. Returns the slots released with the peer that held each. */
  expire(nowMs: number): { index: number; peer: string }[] {
    const out: { index: number; peer: string }[] = [];
    this.slots.forEach((s, i) => {
      if (s.status === "leased" && s.deadlineMs <= nowMs) {
        this.slots[i] = { status: "open" };
        out.push({ index: i, peer: s.peer });
      }
    });
    return out;
  }

  /** Segments currently leased to `peer`. */
  leasedTo(peer: string): number {
    return this.slots.filter((s) => s.status === "leased" && s.peer === peer).length;
  }

  /** Releases every lease held by `peer`. Returns the indices released. */
  release(peer: string): number[] {
    const out: number[] = [];
    this.slots.forEach((s, i) => {
      if (s.status === "leased" && s.peer === peer) {
        this.slots[i] = { status: "open" };
        out.push(i);
      }
    });
    return out;
  }

  count(status: SegmentSlot["status"]): number {
    return this.slots.filter((s) => s.status === status).length;
  }

  /** Leases the lowest open segment to `peer`, or returns undefined. */
  lease(peer: string, coordinator: string, leaseId: string, deadlineMs: number): SegmentLease | undefined {
    const index = this.slots.findIndex((s) => s.status === "open");
    if (index < 0) return undefined;
    this.slots[index] = { status: "leased", leaseId, peer, deadlineMs };
    return this.leaseOf(index, peer, coordinator, leaseId, deadlineMs);
  }

  private leaseOf(index: number, _peer: string, coordinator: string, leaseId: string, deadlineMs: number): SegmentLease {
    return {
      leaseId,
      coordinator,
      jobId: this.spec.jobId,
      imageId: this.imageId,
      code: [...this.program.code],
      entry: this.program.entry,
      input: [...this.spec.input],
      po2: this.spec.po2,
      index,
      segments: this.slots.length,
      start: this.start(index),
      cycles: this.cyclesPerSegment[index] as number,
      deadlineMs,
    };
  }

  /** The statement the coordinator itself derives for segment `index` (re-executed from its checkpoint). */
  statement(index: number): SegmentStatement {
    const cached = this.statements.get(index);
    if (cached) return cached;
    const start = this.start(index);
    const { rows, end } = executeSegment(this.program, start, this.spec.input, this.spec.po2);
    const segment = { index, po2: this.spec.po2, start, end, rows, journal: end.journal };
    const { statement } = segmentTrace(segment, this.code, this.spec.input, statementIds(this.program, this.spec.input));
    this.statements.set(index, statement);
    return statement;
  }

  /**
   * Checks a returned proof of segment `index` against the coordinator's own statement.
   * @throws {MalformedStarkProofError} {@link InvalidStarkProofError} and the STARK verifier's other errors.
   */
  check(index: number, proof: Uint8Array): void {
    const decoded = decodeStarkProof(proof);
    if (decoded.logTraceLength !== this.spec.po2)
      throw new InvalidStarkProofError({ reason: `proof is for 2^${decoded.logTraceLength} rows, not 2^${this.spec.po2}` });
    verifySegment(this.statement(index), decoded);
  }

  accept(index: number, peer: string, proof: Uint8Array, acceptedAtMs: number): void {
    this.slots[index] = { status: "accepted", peer, proof, acceptedAtMs };
  }

  get done(): boolean {
    return this.slots.every((s) => s.status === "accepted");
  }

  /**
   * Assembles the composite receipt from the accepted proofs and verifies it.
   * @throws {InvalidReceiptError} and the STARK errors if it does not verify (a bug: each segment was checked).
   */
  assemble(): Receipt {
    const segments = this.slots.map((s, i) => {
      if (s.status !== "accepted") throw new InvalidReceiptError({ reason: "segment not accepted", segment: i });
      return segmentReceipt(this.statement(i), s.proof);
    });
    const receipt = assembleReceipt(this.program, this.spec.input, this.spec.po2, this.journal, this.exitCode, this.cycles, segments);
    verifyReceipt(receipt);
    this.statements.clear();
    return receipt;
  }

  view(): JobView {
    return {
      jobId: this.spec.jobId,
      ...(this.spec.program ? { program: this.spec.program } : {}),
      imageId: this.imageId,
      po2: this.spec.po2,
      segments: this.slots.length,
      cycles: this.cycles,
      submittedAtMs: this.spec.submittedAtMs,
      ...(this.completedAtMs ? { completedAtMs: this.completedAtMs } : {}),
      open: this.count("open"),
      leased: this.count("leased"),
      accepted: this.count("accepted"),
      slots: this.slots.map((s, index) => ({
        index,
        status: s.status,
        ...(s.status === "open" ? {} : { peer: s.peer }),
        cycles: this.cyclesPerSegment[index] as number,
      })),
    };
  }
}

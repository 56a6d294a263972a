import type { JobLimits } from "./job.ts";

/** Events a coordinator reports (tests wait on them; the devnet logs them). */
export type CoordinatorEvent =
  | { type: "submitted"; jobId: string; segments: number; cycles: number }
  | { type: "leased"; jobId: string; index: number; peer: string; leaseId: string }
  | { type: "accepted"; jobId: string; index: number; peer: string; verifyMs: number }
  | { type: "rejected"; jobId: string; index: number; peer: string; code: string }
  | { type: "released"; jobId: string; index: number; reason: "expired" | "disconnect" | "dropped" }
  | { type: "dropped"; peer: string; rejected: number }
  | { type: "completed"; jobId: string; receiptId: string }
  | { type: "protocol-error"; peer: string; code: string; message: string }
  /** A stored job (or one stored segment, `index`) failed its re-check at start; the job was quarantined or the segment deleted. */
  /** The coordinator itself failed (its statement, a disk write, assembling the receipt); no prover was scored. */
  | { type: "coordinator-error"; jobId: string; index?: number; code: string; message: string }
  | { type: "restore-error"; dir: string; index?: number; code: string; message: string };

export type CoordinatorOptions = {
  /** WebSocket listen port (default 18547; 0 = ephemeral). */
  port?: number;
  host?: string;
  /** State directory (peer key, jobs, accepted proofs, receipts). */
  stateDir: string;
  /** Lease lifetime in ms (default 60 000). */
  leaseMs?: number;
  /** Rejected proofs after which a prover is dropped (default 3). */
  maxRejections?: number;
  /** Re-announcement period of open jobs in ms (default 2000). */
  announceMs?: number;
  /** Other coordinators' multiaddrs to dial (and keep dialing until connected). */
  peers?: string[];
  onEvent?: (e: CoordinatorEvent) => void;
  /** Most unfinished jobs held at once (default 16); more submissions answer CoordinatorBusy. */
  maxJobs?: number;
  /** Most unfinished jobs per submitter (libp2p peer id, or HTTP client address; default 4). */
  maxJobsPerSubmitter?: number;
  /** Most segments leased to one peer at once (default 2); further lease requests answer `no-work`. */
  maxLeasesPerPeer?: number;
  /** Most non-dropped peer records kept (default 1024); the oldest without a lease are evicted. */
  maxPeers?: number;
  /** Size caps of one job (cycles, receipt, lease frame): job.ts JobLimits. */
  limits?: JobLimits;
  /**
   * Wait for the state directory's restore before `start` resolves (default true). The devnet passes false:
   * the node serves at once and stored jobs appear as each is re-verified (nothing unverified is served), so
   * startup does not grow with the directory's history.
   */
  awaitRestore?: boolean;
};

/** Per-peer record: `expired` counts leases that ran out (−1 score each, never a drop). */
export type PeerStats = { accepted: number; rejected: number; expired: number; score: number; dropped: boolean };

/** A feed row of a completed job (GET /lightbus/results). */
export type CoordinatorFeedItem = {
  id: string;
  proofId: string;
  family: "lightbus-stark";
  source: string;
  receivedAtMs: number;
  jobId: string;
  program?: string;
  imageId: string;
  segments: number;
  cycles: number;
};

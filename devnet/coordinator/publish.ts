import type { JobAnnouncement } from "../../src/net/p2p/messages.ts";
import type { CoordinatorJob } from "./job.ts";
import type { CoordinatorFeedItem } from "./types.ts";

/** The gossipsub announcement of each unfinished job (docs/prover-network.md, "Job announcements"). */
export function announcementsOf(jobs: Iterable<CoordinatorJob>, peerId: string, multiaddrs: string[]): JobAnnouncement[] {
  return [...jobs]
    .filter((j) => !j.done)
    .map((j) => ({
      type: "job",
      jobId: j.spec.jobId,
      coordinator: peerId,
      addrs: multiaddrs.slice(0, 16),
      imageId: j.imageId,
      ...(j.spec.program ? { program: j.spec.program } : {}),
      po2: j.spec.po2,
      segments: j.slots.length,
      cycles: j.cycles,
      open: j.count("open"),
      accepted: j.count("accepted"),
    }));
}

/** Completed jobs as results-feed rows (GET /lightbus/results), newest first. */
export function feedOf(jobs: Iterable<CoordinatorJob>, peerId: string): CoordinatorFeedItem[] {
  return [...jobs]
    .filter((j) => j.receipt)
    .sort((a, b) => (b.completedAtMs ?? 0) - (a.completedAtMs ?? 0))
    .map((j) => ({
      id: j.spec.jobId,
      proofId: j.spec.jobId,
      family: "lightbus-stark",
      source: `Lightbus prover network (coordinator ${peerId.slice(-8)})`,
      receivedAtMs: j.completedAtMs ?? 0,
      jobId: j.spec.jobId,
      ...(j.spec.program ? { program: j.spec.program } : {}),
      imageId: j.imageId,
      segments: j.slots.length,
      cycles: j.cycles,
    }));
}

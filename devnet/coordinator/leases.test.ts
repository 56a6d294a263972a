import { afterEach, describe, expect, it } from "vitest";
import { getBackend } from "../../src/prover/backend/index.ts";
import { proveLease, type SegmentLease } from "../../src/prover/network/lease.ts";
import type { Coordinator } from "./coordinator.ts";
import { fibInputFor, startTestCoordinator } from "./testing.ts";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f().catch(() => {});
});
const leaseFor = (c: Coordinator, peer: string): SegmentLease | undefined => {
  const r = c.onSegmentRequest(peer, { type: "lease-request", backend: "wasm", maxPo2: 16 });
  return r.type === "lease" ? r.lease : undefined;
};
const leasesMap = (c: Coordinator) => (c as unknown as { leases: Map<string, unknown> }).leases;

describe("lease hoarding and expiry", () => {
  it("a peer holds at most maxLeasesPerPeer segments; others still get work", async () => {
    const { c } = await startTestCoordinator({ maxLeasesPerPeer: 2 });
    cleanup.push(() => c.stop());
    c.submit({ program: "fibonacci", input: [fibInputFor(5)], po2: 10 });
    expect(leaseFor(c, "hoarder")).toBeDefined();
    expect(leaseFor(c, "hoarder")).toBeDefined();
    expect(leaseFor(c, "hoarder")).toBeUndefined();
    expect(leaseFor(c, "honest")?.index).toBe(2);
  });

  it("expiry scores the holder −1, forgets re-leased leases; a late result is accepted until the slot is re-leased", async () => {
    const { c, log } = await startTestCoordinator({ leaseMs: 1, announceMs: 60_000 });
    cleanup.push(() => c.stop());
    const jobId = c.submit({ program: "fibonacci", input: [fibInputFor(2)], po2: 10 });
    const late = leaseFor(c, "slow");
    if (!late) throw new Error("no lease");
    const proof = await proveLease(late, getBackend("wasm"));
    await log.until((es) => es.some((e) => e.type === "released" && e.reason === "expired" && e.index === 0));
    expect(c.peers.get("slow")).toMatchObject({ expired: 1, score: -1, rejected: 0 });
    // Expired but not re-leased: the late result is accepted (docs/prover-network.md, "Lease rules").
    expect(c.onSegmentRequest("slow", { type: "result", leaseId: late.leaseId, proof })).toMatchObject({ type: "accepted" });
    expect(c.jobs.get(jobId)?.slots[0]?.status).toBe("accepted");
    // Another peer's lease that expires and is re-leased: the first holder's result is UnknownLease.
    const other = leaseFor(c, "slow2");
    if (!other) throw new Error("no lease");
    await log.until((es) => es.some((e) => e.type === "released" && e.reason === "expired" && e.index === other.index));
    expect(leaseFor(c, "fast")?.index).toBe(other.index);
    expect(c.onSegmentRequest("slow2", { type: "result", leaseId: other.leaseId, proof })).toMatchObject({ type: "rejected", code: "UnknownLease" });
    expect(c.peers.get("slow2")).toMatchObject({ rejected: 0 });
    // Only the live lease of the slot is remembered.
    expect(leasesMap(c).size).toBe(1);
    // A late result from a different peer than the holder is refused.
    expect(c.onSegmentRequest("slow", { type: "result", leaseId: other.leaseId, proof })).toMatchObject({ code: "UnknownLease" });
  });

  it("peer records are capped: the oldest without a lease are evicted, dropped peers kept", async () => {
    const { c } = await startTestCoordinator({ maxPeers: 3 });
    cleanup.push(() => c.stop());
    for (let i = 0; i < 10; i++) c.onSegmentRequest(`p${i}`, { type: "lease-request", backend: "wasm", maxPo2: 16 });
    expect(c.peers.size).toBe(3);
    expect([...c.peers.keys()]).toEqual(["p7", "p8", "p9"]);
  });
});

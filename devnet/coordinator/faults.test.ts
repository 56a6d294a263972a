import { afterEach, describe, expect, it } from "vitest";
import { ERROR_CODES } from "../../src/errors/serialize.ts";
import type { ProverNode } from "../../src/net/p2p/proverNode.ts";
import { parseReceipt } from "../../src/prover/zkvm/parseReceipt.ts";
import { verifyReceipt } from "../../src/prover/zkvm/verifyReceipt.ts";
import { Coordinator, type CoordinatorEvent } from "./coordinator.ts";
import { EventLog, fibInputFor, flipByteProve, hangingProve, startTestCoordinator, startTestProver, tempStateDir } from "./testing.ts";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f().catch(() => {});
});
const track = <T extends Coordinator | ProverNode>(x: T): T => {
  cleanup.push(() => x.stop());
  return x;
};
const completed = (jobId: string) => (es: CoordinatorEvent[]) => es.some((e) => e.type === "completed" && e.jobId === jobId);

describe("prover network faults", () => {
  it("two coordinators, three provers: both jobs complete, every prover contributed, B found through the mesh", async () => {
    const a = await startTestCoordinator();
    track(a.c);
    const b = await startTestCoordinator({ peers: a.c.multiaddrs });
    track(b.c);
    const jobA = a.c.submit({ program: "fibonacci", input: [fibInputFor(4)], po2: 10 });
    const jobB = b.c.submit({ program: "fibonacci", input: [fibInputFor(4) + 1], po2: 10 });
    // Every prover knows only coordinator A; B's job reaches them through gossipsub. At most 3 each of 8 segments: all contribute.
    const provers = await Promise.all([0, 1, 2].map(() => startTestProver(a.c.multiaddrs, undefined, 3)));
    for (const { p } of provers) track(p);
    await Promise.all([a.log.until(completed(jobA)), b.log.until(completed(jobB))]);
    const byPeer = new Map<string, number>();
    for (const e of [...a.log.events, ...b.log.events]) if (e.type === "accepted") byPeer.set(e.peer, (byPeer.get(e.peer) ?? 0) + 1);
    for (const { p } of provers) expect(byPeer.get(p.peerId) ?? 0).toBeGreaterThan(0);
    for (const [c, id] of [
      [a.c, jobA],
      [b.c, jobB],
    ] as const)
      expect(verifyReceipt(parseReceipt(JSON.parse(JSON.stringify(c.receipt(id))))).segments).toBe(4);
  });

  it("a dishonest prover is rejected, scored down, dropped after 3; its segments are re-leased and the job completes", async () => {
    const { c, log } = await startTestCoordinator({ maxRejections: 3 });
    track(c);
    const jobId = c.submit({ program: "fibonacci", input: [fibInputFor(3)], po2: 10 });
    const bad = await startTestProver(c.multiaddrs, flipByteProve);
    track(bad.p);
    await log.until((es) => es.some((e) => e.type === "dropped"));
    const rejected = log.events.filter((e) => e.type === "rejected");
    expect(rejected).toHaveLength(3);
    for (const e of rejected) {
      expect(e.type === "rejected" && e.peer).toBe(bad.p.peerId);
      expect(ERROR_CODES).toContain(e.type === "rejected" ? e.code : "");
    }
    expect(c.peers.get(bad.p.peerId)).toMatchObject({ rejected: 3, accepted: 0, dropped: true });
    expect(c.peers.get(bad.p.peerId)?.score).toBeLessThan(0);
    expect(c.jobs.get(jobId)?.count("accepted")).toBe(0);
    expect(c.jobs.get(jobId)?.count("leased")).toBe(0);
    await bad.log.until((es) => es.filter((e) => e.type === "rejected").length >= 3);
    const good = await startTestProver(c.multiaddrs);
    track(good.p);
    await log.until(completed(jobId));
    const accepted = log.events.filter((e) => e.type === "accepted");
    expect(accepted.every((e) => e.type === "accepted" && e.peer === good.p.peerId)).toBe(true);
    // The dropped prover is refused: its requests answer ProverDropped, or its connection is denied.
    expect(c.onSegmentRequest(bad.p.peerId, { type: "lease-request", backend: "wasm", maxPo2: 16 })).toMatchObject({ type: "error", code: "ProverDropped" });
  });

  it("a prover stopping mid-segment: the segment is re-leased at once (not on expiry) and the job completes", async () => {
    const { c, log } = await startTestCoordinator({ leaseMs: 600_000 });
    track(c);
    const jobId = c.submit({ program: "fibonacci", input: [fibInputFor(2)], po2: 10 });
    const hang = hangingProve();
    const quitter = await startTestProver(c.multiaddrs, hang.prove);
    const index = await hang.started;
    await quitter.p.stop();
    await log.until((es) => es.some((e) => e.type === "released" && e.index === index && e.reason === "disconnect"));
    const good = await startTestProver(c.multiaddrs);
    track(good.p);
    await log.until(completed(jobId));
    const byIndex = log.events.filter((e) => e.type === "accepted" && e.index === index);
    expect(byIndex).toHaveLength(1);
    expect(byIndex[0]?.type === "accepted" && byIndex[0].peer).toBe(good.p.peerId);
  });

  it("a coordinator restart resumes from the accepted segments; none is proven twice", async () => {
    const stateDir = tempStateDir();
    const first = await startTestCoordinator({ stateDir });
    const peerId = first.c.peerId;
    const jobId = first.c.submit({ program: "fibonacci", input: [fibInputFor(4)], po2: 10 });
    const p1 = await startTestProver(first.c.multiaddrs, undefined, 2);
    await first.log.until((es) => es.filter((e) => e.type === "accepted").length === 2);
    await p1.p.stop();
    await first.c.stop();
    const acceptedBefore = first.log.events.flatMap((e) => (e.type === "accepted" ? [e.index] : []));

    const log = new EventLog<CoordinatorEvent>();
    const c = track(await Coordinator.start({ port: 0, stateDir, announceMs: 300, onEvent: log.push }));
    expect(c.peerId).toBe(peerId);
    expect(c.jobs.get(jobId)?.count("accepted")).toBe(2);
    const p2 = await startTestProver(c.multiaddrs);
    track(p2.p);
    await log.until(completed(jobId));
    const acceptedAfter = log.events.flatMap((e) => (e.type === "accepted" ? [e.index] : []));
    const leasedAfter = log.events.flatMap((e) => (e.type === "leased" ? [e.index] : []));
    expect([...acceptedBefore, ...acceptedAfter].sort()).toEqual([0, 1, 2, 3]);
    for (const i of acceptedBefore) expect(leasedAfter).not.toContain(i);
    expect(verifyReceipt(parseReceipt(JSON.parse(JSON.stringify(c.receipt(jobId))))).segments).toBe(4);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { checkFeedReceiptClaim } from "../../src/net/resultsFeed.ts";
import { getBackend } from "../../src/prover/backend/index.ts";
import { proveLease } from "../../src/prover/network/lease.ts";
import { parseReceipt } from "../../src/prover/zkvm/parseReceipt.ts";
import { programByImageId } from "../../src/prover/zkvm/programs.ts";
import { verifyReceipt } from "../../src/prover/zkvm/verifyReceipt.ts";
import { startTestCoordinator } from "./testing.ts";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f().catch(() => {});
});

describe("coordinator-side failures are not blamed on the prover", () => {
  it("a throwing statement, a failed disk write: typed error answer, segment reopened, prover not scored; then accepted", async () => {
    const { c, log } = await startTestCoordinator();
    cleanup.push(() => c.stop());
    const jobId = c.submit({ program: "fibonacci", input: [10], po2: 10 });
    const job = c.jobs.get(jobId);
    if (!job) throw new Error("no job");
    const lease = () => {
      const r = c.onSegmentRequest("peer-x", { type: "lease-request", backend: "wasm", maxPo2: 16 });
      if (r.type !== "lease") throw new Error(`no lease: ${r.type}`);
      return r.lease;
    };
    const first = lease();
    const proof = await proveLease(first, getBackend("wasm"));

    // 1. The coordinator's own re-execution throws.
    const statement = job.statement.bind(job);
    job.statement = () => {
      throw new Error("coordinator bug");
    };
    expect(c.onSegmentRequest("peer-x", { type: "result", leaseId: first.leaseId, proof })).toMatchObject({ type: "error", code: "Unknown" });
    job.statement = statement;
    expect(job.slots[0]?.status).toBe("open");
    expect(c.peers.get("peer-x")).toMatchObject({ rejected: 0, score: 0 });

    // 2. Persisting the accepted proof fails: not accepted (not in memory either), prover not scored.
    const store = (c as unknown as { store: { saveSegment: (...a: unknown[]) => void } }).store;
    const save = store.saveSegment.bind(store);
    store.saveSegment = () => {
      throw new Error("ENOSPC");
    };
    const second = lease();
    expect(c.onSegmentRequest("peer-x", { type: "result", leaseId: second.leaseId, proof })).toMatchObject({ type: "error" });
    expect(job.slots[0]?.status).toBe("open");
    expect(c.peers.get("peer-x")).toMatchObject({ rejected: 0, accepted: 0 });
    store.saveSegment = save;

    const third = lease();
    expect(c.onSegmentRequest("peer-x", { type: "result", leaseId: third.leaseId, proof })).toMatchObject({ type: "accepted" });
    expect(c.peers.get("peer-x")).toMatchObject({ rejected: 0, accepted: 1 });
    expect(log.events.filter((e) => e.type === "coordinator-error")).toHaveLength(2);
    expect(log.events.some((e) => e.type === "rejected")).toBe(false);
    expect(c.receipt(jobId)).toBeDefined();
    // The honest coordinator's feed row passes the app's claim check against its verified receipt.
    const row = c.feed()[0];
    if (!row) throw new Error("no feed row");
    const verified = verifyReceipt(parseReceipt(JSON.parse(JSON.stringify(c.receipt(jobId)))));
    expect(() => checkFeedReceiptClaim(row, verified, programByImageId(verified.imageId)?.name ?? null)).not.toThrow();
  });
});

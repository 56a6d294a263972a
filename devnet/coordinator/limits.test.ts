import { bytesToHex, hexToBytes } from "viem";
import { afterEach, describe, expect, it } from "vitest";
import { assemble } from "../../src/prover/vm/assembler.ts";
import { execute } from "../../src/prover/vm/executor.ts";
import { cutSegments } from "../../src/prover/vm/segments.ts";
import type { Coordinator } from "./coordinator.ts";
import { startCoordinatorHttp } from "./http.ts";
import { fibInputFor, startTestCoordinator } from "./testing.ts";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f().catch(() => {});
});
async function coordinator(options: Parameters<typeof startTestCoordinator>[0] = {}): Promise<Coordinator> {
  const { c } = await startTestCoordinator(options);
  cleanup.push(() => c.stop());
  return c;
}

/** Writes r1 = 0, 1, …, n−1 to the journal: 3n + 2 cycles, n journal words. */
const journalLoop = (n: number) => {
  const a = assemble(`li r2, ${n}\nloop: write r1\naddi r1, r1, 1\nbne r1, r2, loop\nhalt 0`);
  return { code: bytesToHex(a.code), entry: a.entry };
};
/** Loops n times without writing: 2n + 2 cycles. */
const spinLoop = (n: number) => {
  const a = assemble(`li r2, ${n}\nloop: addi r1, r1, 1\nbne r1, r2, loop\nhalt 0`);
  return { code: bytesToHex(a.code), entry: a.entry };
};
const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
};

describe("coordinator submission caps", () => {
  it("refuses a job over the cycle cap with CycleLimitExceeded (and stores nothing)", async () => {
    const c = await coordinator({ limits: { maxCycles: 4096 } });
    expect(codeOf(() => c.submit({ ...spinLoop(5000), input: [], po2: 10 }))).toBe("CycleLimitExceeded");
    expect(c.jobs.size).toBe(0);
    expect(c.submit({ ...spinLoop(1000), input: [], po2: 10 })).toMatch(/^0x/);
  });

  it("keeps one journal copy: a journal-heavy job's segments share it, leases carry the right prefix", async () => {
    const c = await coordinator();
    const jobId = c.submit({ ...journalLoop(3000), input: [], po2: 10 });
    const job = c.jobs.get(jobId);
    expect(job?.slots.length).toBe(9);
    expect(job?.journal).toHaveLength(3000);
    expect(job?.checkpoints.every((k) => !("journal" in k))).toBe(true);
    const lease = c.onSegmentRequest("peer-a", { type: "lease-request", backend: "wasm", maxPo2: 16 });
    expect(lease.type).toBe("lease");
    if (lease.type === "lease") expect(lease.lease.start.journal).toEqual([]);
    // Every start equals the reference cut of the full trace (src/prover/vm/segments.ts).
    const ref = cutSegments(execute({ code: hexToBytes(journalLoop(3000).code), entry: 0 }, []), 10);
    expect(ref.map((s) => s.start)).toEqual(ref.map((_, i) => job?.start(i)));
    expect(ref.map((s) => s.end.cycle - s.start.cycle)).toEqual(job?.cyclesPerSegment);
  });

  it("refuses a job whose worst-case lease exceeds the frame cap, or whose receipt would exceed the app's cap", async () => {
    const c = await coordinator({ limits: { maxLeaseBytes: 20_000 } });
    expect(codeOf(() => c.submit({ ...journalLoop(5000), input: [], po2: 10 }))).toBe("InputTooLarge");
    expect(codeOf(() => c.submit({ ...journalLoop(10), input: [], po2: 10 }))).toBeUndefined();
    const d = await coordinator({ limits: { maxReceiptBytes: 3_000_000 } });
    expect(codeOf(() => d.submit({ program: "fibonacci", input: [fibInputFor(2)], po2: 10 }))).toBeUndefined();
    expect(codeOf(() => d.submit({ program: "fibonacci", input: [fibInputFor(3)], po2: 10 }))).toBe("InputTooLarge");
    expect(d.jobs.size).toBe(1);
  });

  it("limits unfinished jobs globally and per submitter with CoordinatorBusy", async () => {
    const c = await coordinator({ maxJobs: 3, maxJobsPerSubmitter: 2 });
    const sub = (n: number, who: string) => codeOf(() => c.submit({ program: "fibonacci", input: [n], po2: 10 }, who));
    expect(sub(1, "a")).toBeUndefined();
    expect(sub(2, "a")).toBeUndefined();
    expect(sub(3, "a")).toBe("CoordinatorBusy");
    expect(sub(1, "a")).toBeUndefined(); // resubmitting a held job returns its id
    expect(sub(4, "b")).toBeUndefined();
    expect(sub(5, "c")).toBe("CoordinatorBusy");
    expect(c.onJobRequest({ type: "submit", program: "fibonacci", input: [6], po2: 10 }, "d")).toMatchObject({ type: "error", code: "CoordinatorBusy" });
  });

  it("HTTP POST /lightbus/jobs needs content-type application/json; a bad %-escape is a typed 400", async () => {
    const c = await coordinator();
    const http = await startCoordinatorHttp(c, { port: 0 });
    cleanup.push(() => http.close());
    const body = JSON.stringify({ program: "fibonacci", input: [5], po2: 10 });
    const plain = await fetch(`${http.url}/lightbus/jobs`, { method: "POST", body, headers: { "content-type": "text/plain" } });
    expect(plain.status).toBe(415);
    expect((await plain.json()).error.code).toBe("MalformedInput");
    expect(c.jobs.size).toBe(0);
    const ok = await fetch(`${http.url}/lightbus/jobs`, { method: "POST", body, headers: { "content-type": "application/json; charset=utf-8" } });
    expect(ok.status).toBe(200);
    const bad = await fetch(`${http.url}/lightbus/proofs/%E0`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("MalformedInput");
  });
});

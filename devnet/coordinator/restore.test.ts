import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { getBackend } from "../../src/prover/backend/index.ts";
import { proveLease } from "../../src/prover/network/lease.ts";
import { Coordinator, type CoordinatorEvent } from "./coordinator.ts";
import { EventLog, fibInputFor, tempStateDir } from "./testing.ts";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f().catch(() => {});
});
async function start(stateDir: string) {
  const log = new EventLog<CoordinatorEvent>();
  const c = await Coordinator.start({ port: 0, stateDir, announceMs: 60_000, onEvent: log.push });
  cleanup.push(() => c.stop());
  return { c, log };
}

/** A state dir holding one completed 2-segment job, proven in-process (no prover node). */
async function completedState(): Promise<{ dir: string; jobId: string }> {
  const dir = tempStateDir();
  const { c } = await start(dir);
  const jobId = c.submit({ program: "fibonacci", input: [fibInputFor(2)], po2: 10 });
  for (;;) {
    const r = c.onSegmentRequest("peer-x", { type: "lease-request", backend: "wasm", maxPo2: 16 });
    if (r.type !== "lease") break;
    const proof = await proveLease(r.lease, getBackend("wasm"));
    expect(c.onSegmentRequest("peer-x", { type: "result", leaseId: r.lease.leaseId, proof })).toMatchObject({ type: "accepted" });
  }
  expect(c.receipt(jobId)).toBeDefined();
  await c.stop();
  return { dir, jobId };
}

const copy = (dir: string): string => {
  const to = tempStateDir();
  cpSync(dir, to, { recursive: true });
  return to;
};

describe("coordinator restore from an untrusted state dir", () => {
  it("re-verifies stored proofs, reassembles the receipt, quarantines bad jobs, and still starts", async () => {
    const { dir, jobId } = await completedState();
    const jobDir = (d: string) => join(d, "jobs", jobId);

    // A flipped byte in a stored segment proof: the segment is deleted and re-leased, no receipt.
    const flipped = copy(dir);
    const segPath = join(jobDir(flipped), "segment-1.json");
    const seg = JSON.parse(readFileSync(segPath, "utf8"));
    const at = seg.proof.length >> 1;
    seg.proof = seg.proof.slice(0, at) + (seg.proof[at] === "0" ? "1" : "0") + seg.proof.slice(at + 1);
    writeFileSync(segPath, JSON.stringify(seg));
    // Plus: unreadable job.json, and a valid job stored under a wrong id.
    mkdirSync(join(flipped, "jobs", "0xbad"), { recursive: true });
    writeFileSync(join(flipped, "jobs", "0xbad", "job.json"), "{not json");
    cpSync(jobDir(dir), join(flipped, "jobs", `0x${"11".repeat(32)}`), { recursive: true });
    const a = await start(flipped);
    const job = a.c.jobs.get(jobId);
    expect(job?.count("accepted")).toBe(1);
    expect(job?.slots[1]?.status).toBe("open");
    expect(a.c.receipt(jobId)).toBeUndefined();
    expect(existsSync(segPath)).toBe(false);
    const errors = a.log.events.filter((e) => e.type === "restore-error");
    expect(errors).toContainEqual(expect.objectContaining({ dir: jobId, index: 1 }));
    expect(errors).toContainEqual(expect.objectContaining({ dir: "0xbad", code: "StoredJobInvalid" }));
    expect(errors).toContainEqual(expect.objectContaining({ dir: `0x${"11".repeat(32)}`, code: "StoredJobInvalid" }));
    expect(a.c.jobs.size).toBe(1);
    const names = readdirSync(join(flipped, "jobs"));
    expect(names.filter((n) => n.includes(".quarantined-"))).toHaveLength(2);
    expect(a.c.onSegmentRequest("peer-y", { type: "lease-request", backend: "wasm", maxPo2: 16 })).toMatchObject({ type: "lease", lease: { index: 1 } });

    // A tampered receipt.json is never served: the receipt is reassembled from the verified proofs.
    const tampered = copy(dir);
    const receiptPath = join(jobDir(tampered), "receipt.json");
    const receipt = JSON.parse(readFileSync(receiptPath, "utf8"));
    writeFileSync(receiptPath, JSON.stringify({ ...receipt, journal: [1, 2, 3] }));
    const b = await start(tampered);
    expect(b.c.receipt(jobId)?.journal).toEqual(receipt.journal);
    expect(JSON.parse(readFileSync(receiptPath, "utf8")).journal).toEqual(receipt.journal);

    // A corrupt peer key is a typed error, not a crash with an untyped one.
    const badKey = copy(dir);
    writeFileSync(join(badKey, "peer-key"), "garbage");
    await expect(start(badKey)).rejects.toMatchObject({ code: "MalformedInput" });
  });

  it("awaitRestore: false serves before the restore ends; the stored job appears only once re-verified", async () => {
    const { dir, jobId } = await completedState();
    const log = new EventLog<CoordinatorEvent>();
    const c = await Coordinator.start({ port: 0, stateDir: copy(dir), announceMs: 60_000, onEvent: log.push, awaitRestore: false });
    cleanup.push(() => c.stop());
    // Started and listening; the job (two stored proofs, verified one per event-loop turn) is not there yet.
    expect(c.multiaddrs.length).toBeGreaterThan(0);
    expect(c.jobs.has(jobId)).toBe(false);
    expect(c.receipt(jobId)).toBeUndefined();
    await c.restored;
    expect(c.jobs.get(jobId)?.count("accepted")).toBe(2);
    expect(c.receipt(jobId)).toBeDefined();
    expect(log.events.filter((e) => e.type === "restore-error")).toHaveLength(0);
  });
});

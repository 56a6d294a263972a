import { afterEach, describe, expect, it } from "vitest";
import type { ProverNode } from "../../src/net/p2p/proverNode.ts";
import { parseReceipt } from "../../src/prover/zkvm/parseReceipt.ts";
import { verifyReceipt } from "../../src/prover/zkvm/verifyReceipt.ts";
import type { Coordinator } from "./coordinator.ts";
import { fibInputFor, startTestCoordinator, startTestProver } from "./testing.ts";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f().catch(() => {});
});
const track = <T extends Coordinator | ProverNode>(x: T): T => {
  cleanup.push(() => x.stop());
  return x;
};

describe("prover network", () => {
  it("one coordinator and one prover prove a multi-segment job; the receipt verifies", async () => {
    const { c, log } = await startTestCoordinator();
    track(c);
    const jobId = c.submit({ program: "fibonacci", input: [fibInputFor(3)], po2: 10 });
    expect(c.jobs.get(jobId)?.slots.length).toBe(3);
    const { p, log: plog } = await startTestProver(c.multiaddrs);
    track(p);
    await log.until((es) => es.some((e) => e.type === "completed" && e.jobId === jobId));
    await plog.until((es) => es.filter((e) => e.type === "accepted").length === 3);
    const receipt = c.receipt(jobId);
    const verified = verifyReceipt(parseReceipt(JSON.parse(JSON.stringify(receipt))));
    expect(verified.segments).toBe(3);
    expect(plog.events.filter((e) => e.type === "accepted")).toHaveLength(3);
    expect(c.feed()[0]?.proofId).toBe(jobId);
  });
});

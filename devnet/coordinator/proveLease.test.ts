import { bytesToHex } from "viem";
import { describe, expect, it } from "vitest";
import { getBackend } from "../../src/prover/backend/index.ts";
import { proveLease } from "../../src/prover/network/lease.ts";
import { getProgram } from "../../src/prover/zkvm/programs.ts";
import { CoordinatorJob } from "./job.ts";

const lease = () => {
  const { program } = getProgram("fibonacci");
  const job = new CoordinatorJob({
    jobId: CoordinatorJob.idOf(program, [10], 10),
    code: bytesToHex(program.code),
    entry: program.entry,
    input: [10],
    po2: 10,
    submittedAtMs: 0,
  });
  const l = job.lease("peer", "coordinator", "lease-1", Date.now() + 60_000);
  if (!l) throw new Error("no lease");
  return l;
};

describe("proveLease", () => {
  it("reports the prover's own phases, and stops at the next phase once its signal aborts (ProvingCancelled)", async () => {
    const phases: string[] = [];
    const controller = new AbortController();
    const run = proveLease(lease(), getBackend("wasm"), {
      signal: controller.signal,
      onPhase: (phase) => {
        phases.push(phase);
        if (phase === "commit main") controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: "ProvingCancelled" });
    expect(phases).toEqual(["trace", "commit main"]);
    const all: string[] = [];
    await proveLease(lease(), getBackend("wasm"), { onPhase: (p) => all.push(p) });
    expect(all).toEqual(["trace", "commit main", "aux", "composition", "ood", "deep", "fri", "queries", "done"]);
  });
});

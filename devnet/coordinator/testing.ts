import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createProverNode, type ProveLeaseFn, type ProverNode, type ProverNodeEvent } from "../../src/net/p2p/proverNode.ts";
import { getBackend } from "../../src/prover/backend/index.ts";
import { proveLease } from "../../src/prover/network/lease.ts";
import { Coordinator, type CoordinatorEvent, type CoordinatorOptions } from "./coordinator.ts";
import { installNodeGlobals } from "./nodeEnv.ts";

/** Collects events and resolves waits when a predicate holds (tests wait for events, never for time). */
export class EventLog<E> {
  readonly events: E[] = [];
  private waiters: { pred: (e: E[]) => boolean; resolve: () => void }[] = [];
  push = (e: E): void => {
    this.events.push(e);
    this.waiters = this.waiters.filter((w) => {
      if (!w.pred(this.events)) return true;
      w.resolve();
      return false;
    });
  };
  /** Resolves once `pred(all events so far)` holds. */
  until(pred: (events: E[]) => boolean): Promise<void> {
    if (pred(this.events)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ pred, resolve }));
  }
}

export const tempStateDir = (): string => mkdtempSync(join(tmpdir(), "lightbus-coordinator-"));

export async function startTestCoordinator(options: Partial<CoordinatorOptions> = {}) {
  installNodeGlobals();
  const log = new EventLog<CoordinatorEvent>();
  const c = await Coordinator.start({ port: 0, stateDir: tempStateDir(), announceMs: 300, leaseMs: 30_000, ...options, onEvent: log.push });
  return { c, log };
}

/** An honest prove function (WASM backend). */
export const honestProve: ProveLeaseFn = (lease, signal) => proveLease(lease, getBackend("wasm"), { signal });

export async function startTestProver(coordinators: string[], prove: ProveLeaseFn = honestProve, maxSegments?: number) {
  installNodeGlobals();
  const log = new EventLog<ProverNodeEvent>();
  const p: ProverNode = await createProverNode({ coordinators, prove, backend: "wasm", onEvent: log.push, ...(maxSegments ? { maxSegments } : {}) });
  await p.start();
  return { p, log };
}

/** fib(n) runs 6n + 6 cycles: the n giving `segments` segments of 2^po2 rows. */
export const fibInputFor = (segments: number, po2 = 10): number => Math.floor(((segments - 1) * 2 ** po2 + 2 ** (po2 - 1)) / 6);

/**
 * TEST TOOL: a dishonest prover (`lightbus prover --dishonest flip-byte`): proves honestly, then flips
 * one byte in the middle of the proof, which the coordinator's verification must reject.
 */
export const flipByteProve: ProveLeaseFn = async (lease, signal) => {
  const proof = await honestProve(lease, signal);
  const out = proof.slice();
  const i = out.length >> 1;
  out[i] = (out[i] as number) ^ 0x01;
  return out;
};

/** A prove function that never finishes until aborted; `started` resolves with the lease index when called. */
export function hangingProve(): { prove: ProveLeaseFn; started: Promise<number> } {
  let started!: (i: number) => void;
  const p = new Promise<number>((r) => {
    started = r;
  });
  return {
    started: p,
    prove: (lease, signal) =>
      new Promise((_, reject) => {
        started(lease.index);
        signal.addEventListener("abort", () => reject(signal.reason));
      }),
  };
}

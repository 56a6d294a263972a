// The devnet's market provers: accounts 1 and 2 honest (each also runs a ProverNode with the WASM backend, paused
// while it has no market job), account 3 dishonest
// when asked (`--dishonest-prover MODE`). One JSON line `{ market: … }` per event unless quiet.
import type { Hex } from "viem";
import * as artifacts from "../../src/contracts/artifacts.generated.ts";
import { DevnetStartError } from "../../src/errors/server.ts";
import { createProverNode, type ProverNode, type ProverNodeEvent } from "../../src/net/p2p/proverNode.ts";
import { getBackend } from "../../src/prover/backend/index.ts";
import { proveLease } from "../../src/prover/network/lease.ts";
import { devAccount } from "../accounts.ts";
import { installNodeGlobals } from "../coordinator/nodeEnv.ts";
import { DEFAULT_ASK_WEI, type MarketEvent, type ProverMode, startMarketProver } from "./prover.ts";

export const HONEST_PROVER_ACCOUNTS = [1, 2] as const;
export const DISHONEST_PROVER_ACCOUNT = 3;
/** Every custom error of the project's contracts (the receipt verifier's included), to name the reverts provers log. */
const CONTRACT_ERRORS: unknown[][] = Object.values(artifacts).map((a) => (a as { abi: readonly { type: string }[] }).abi.filter((x) => x.type === "error"));

export type MarketOptions = {
  rpcUrl: string;
  chainId: number;
  market: Hex;
  coordinatorHttpUrl: string;
  /** Coordinator multiaddrs the provers' ProverNodes dial. */
  coordinatorMultiaddrs: string[];
  dishonestMode?: Exclude<ProverMode, "honest"> | null;
  askWei?: bigint;
  pollMs?: number;
  /** Run a ProverNode per honest prover (default true). */
  proverNodes?: boolean;
  /** ABIs naming reverts (default: every contract of src/contracts/artifacts.generated.ts). */
  errorAbis?: readonly unknown[][];
  quiet?: boolean;
  onEvent?: (e: MarketEvent | { type: "prover-node"; prover: Hex; event: unknown }) => void;
};

/**
 * An in-process ProverNode (WASM backend), started PAUSED: it asks for leases only while a market prover has a
 * job in flight (`resume`), so it never takes the segments of other people's jobs (the Donate page's, a CLI
 * prover's) while the market is quiet.
 */
async function startPausedProverNode(coordinators: string[], onEvent: (event: ProverNodeEvent) => void) {
  installNodeGlobals();
  const node = await createProverNode({ coordinators, prove: (lease, signal) => proveLease(lease, getBackend("wasm"), { signal }), backend: "wasm", onEvent });
  node.pause();
  await node.start();
  return node;
}

/**
 * Starts the market provers (in parallel); resolves once each has its collateral deposited.
 * @throws {DevnetStartError}
 */
export async function startMarketProvers(o: MarketOptions) {
  const log = (e: MarketEvent | { type: "prover-node"; prover: Hex; event: unknown }) => {
    if (!o.quiet) console.log(JSON.stringify({ market: e }, (_, v) => (typeof v === "bigint" ? v.toString() : v)));
    o.onEvent?.(e);
  };
  const nodes = new Map<number, ProverNode>();
  const inFlight = new Map<number, number>();
  if (o.proverNodes !== false)
    await Promise.all(
      HONEST_PROVER_ACCOUNTS.map(async (i) => {
        const prover = devAccount(i).address;
        nodes.set(i, await startPausedProverNode(o.coordinatorMultiaddrs, (event) => log({ type: "prover-node", prover, event })));
      }),
    ).catch(async (e: unknown) => {
      await Promise.all([...nodes.values()].map((n) => n.stop()));
      throw new DevnetStartError({ what: "market prover nodes", details: e instanceof Error ? e.message : String(e), cause: e });
    });
  const roles: { index: number; mode: ProverMode }[] = [
    ...HONEST_PROVER_ACCOUNTS.map((index) => ({ index, mode: "honest" as const })),
    ...(o.dishonestMode ? [{ index: DISHONEST_PROVER_ACCOUNT, mode: o.dishonestMode }] : []),
  ];
  const started = await Promise.allSettled(
    roles.map((r) =>
      startMarketProver({
        rpcUrl: o.rpcUrl,
        chainId: o.chainId,
        market: o.market,
        account: devAccount(r.index),
        coordinatorHttpUrl: o.coordinatorHttpUrl,
        mode: r.mode,
        ...(o.askWei !== undefined ? { askWei: o.askWei } : {}),
        ...(o.pollMs !== undefined ? { pollMs: o.pollMs } : {}),
        errorAbis: o.errorAbis ?? CONTRACT_ERRORS,
        onEvent: log,
        // Every node proves while any market prover (the dishonest one too: it has no node) has a job in flight.
        onJobsInFlight: (n) => {
          inFlight.set(r.index, n);
          const busy = [...inFlight.values()].some((k) => k > 0);
          for (const node of nodes.values()) busy ? node.resume() : node.pause();
        },
      }),
    ),
  );
  const agents = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const stop = async () => {
    await Promise.all([...agents.map((a) => a.stop()), ...[...nodes.values()].map((n) => n.stop())]);
  };
  const failed = started.find((s) => s.status === "rejected");
  if (failed) {
    await stop();
    const e = (failed as PromiseRejectedResult).reason;
    throw new DevnetStartError({ what: "market provers", details: e instanceof Error ? e.message : String(e), cause: e });
  }
  return {
    provers: agents.map((a) => ({ address: a.address, mode: a.mode })),
    askWei: (o.askWei ?? DEFAULT_ASK_WEI).toString(),
    stop,
  };
}

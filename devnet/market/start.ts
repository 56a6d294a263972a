// The devnet's market provers: accounts 1 and 2 honest (each also runs a Node ProverNode, `lightbus prover`
// with the WASM backend, in its own process so proving never stalls the devnet's servers), account 3 dishonest
// when asked (`--dishonest-prover MODE`). One JSON line `{ market: … }` per event unless quiet.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Hex } from "viem";
import * as artifacts from "../../src/contracts/artifacts.generated.ts";
import { DevnetStartError } from "../../src/errors/server.ts";
import { devAccount } from "../accounts.ts";
import { DEFAULT_ASK_WEI, type MarketEvent, type ProverMode, startMarketProver } from "./prover.ts";

export const HONEST_PROVER_ACCOUNTS = [1, 2] as const;
export const DISHONEST_PROVER_ACCOUNT = 3;
/** Every custom error of the project's contracts (the receipt verifier's included), to name the reverts provers log. */
const CONTRACT_ERRORS: unknown[][] = Object.values(artifacts).map((a) => (a as { abi: readonly { type: string }[] }).abi.filter((x) => x.type === "error"));
const CLI = fileURLToPath(new URL("../../cli/lightbus.mjs", import.meta.url));

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
  /** Start a ProverNode process per honest prover (default true). */
  proverNodes?: boolean;
  /** ABIs naming reverts (default: every contract of src/contracts/artifacts.generated.ts). */
  errorAbis?: readonly unknown[][];
  quiet?: boolean;
  onEvent?: (e: MarketEvent | { type: "prover-node"; prover: Hex; event: unknown }) => void;
};

/** `lightbus prover --coordinator …` as a child process; its JSON lines become `prover-node` events. */
function spawnProverNode(coordinators: string[], onLine: (event: unknown) => void): ChildProcess {
  const child = spawn(process.execPath, [CLI, "prover", ...coordinators.flatMap((c) => ["--coordinator", c])], { stdio: ["ignore", "pipe", "ignore"] });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.removeListener("exit", killOnExit));
  let buf = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    buf += chunk;
    for (let i = buf.indexOf("\n"); i >= 0; i = buf.indexOf("\n")) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      try {
        onLine((JSON.parse(line) as { event?: unknown }).event ?? JSON.parse(line));
      } catch {
        onLine({ type: "output", line: line.slice(0, 200) });
      }
    }
  });
  return child;
}

const stopChild = (child: ChildProcess) =>
  new Promise<void>((ok) => {
    if (child.exitCode !== null || child.signalCode !== null) return ok();
    child.once("exit", () => ok());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 3000).unref();
  });

/**
 * Starts the market provers (in parallel); resolves once each has its collateral deposited.
 * @throws {DevnetStartError}
 */
export async function startMarketProvers(o: MarketOptions) {
  const log = (e: MarketEvent | { type: "prover-node"; prover: Hex; event: unknown }) => {
    if (!o.quiet) console.log(JSON.stringify({ market: e }, (_, v) => (typeof v === "bigint" ? v.toString() : v)));
    o.onEvent?.(e);
  };
  const children: ChildProcess[] = [];
  if (o.proverNodes !== false)
    for (const i of HONEST_PROVER_ACCOUNTS) {
      const prover = devAccount(i).address;
      children.push(spawnProverNode(o.coordinatorMultiaddrs, (event) => log({ type: "prover-node", prover, event })));
    }
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
      }),
    ),
  );
  const agents = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const stop = async () => {
    await Promise.all([...agents.map((a) => a.stop()), ...children.map(stopChild)]);
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

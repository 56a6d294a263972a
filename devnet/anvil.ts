// anvil (npm @foundry-rs/anvil, a prebuilt binary; nothing downloaded) started and stopped by PID.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createPublicClient, createTestClient, createWalletClient, http } from "viem";
import { DevnetStartError } from "../src/errors/server.ts";

const require = createRequire(import.meta.url);
const arch = process.arch === "x64" ? "amd64" : process.arch;
/** The binary itself (the npm wrapper would orphan it on SIGKILL). */
export const ANVIL_BIN = require.resolve(`@foundry-rs/anvil-${process.platform}-${arch}/bin/anvil`);

export const DEVNET_CHAIN_ID = 31337;

/**
 * viem clients over a devnet's JSON-RPC URL (no chain object: the devnet is chain id 31337, and no
 * request here depends on it): reads, anvil's test methods (`evm_mine`) and the unlocked dev accounts.
 */
export function devnetClients(rpcUrl: string) {
  const transport = http(rpcUrl, { retryCount: 0, timeout: 30_000 });
  return {
    publicClient: createPublicClient({ transport }),
    testClient: createTestClient({ mode: "anvil", transport }),
    walletClient: createWalletClient({ transport }),
  };
}

/**
 * The devnet's block gas limit: 500M instead of anvil's default 30M, because verifying a zkVM receipt on chain costs about
 * 14M gas per 2^10-row segment (docs/zkvm-evm.md "Gas"), so a ProofMarket fulfil of a 30-segment receipt fits one block.
 * anvil also runs without its 2 MB request body limit (a receipt's hex is ~570 KB per segment).
 */
export const DEVNET_BLOCK_GAS_LIMIT = 500_000_000n;

/**
 * Starts anvil on 127.0.0.1:`port` with `blockTimeSec` blocks; resolves once it answers JSON-RPC.
 * JSON-RPC is tried only after anvil's "Listening on" line, so a port another process holds fails (anvil exits) instead of
 * reaching that process. `port: 0` lets anvil bind an ephemeral port and reads it from that line: tests use this, because
 * a port picked beforehand and released (bind 0, close) can be taken by another process before anvil binds it.
 * @throws {DevnetStartError} When anvil exits, does not report its port, or does not answer within 15 s.
 */
export async function startAnvil({
  port = 18545,
  blockTimeSec = 2,
  gasLimit = DEVNET_BLOCK_GAS_LIMIT,
}: {
  port?: number;
  blockTimeSec?: number;
  gasLimit?: bigint;
} = {}) {
  const child: ChildProcess = spawn(
    ANVIL_BIN,
    [
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
      "--chain-id",
      String(DEVNET_CHAIN_ID),
      // 0 = mine on every transaction (tests)
      ...(blockTimeSec > 0 ? ["--block-time", String(blockTimeSec)] : []),
      // Block gas limit, also eth_call's and eth_estimateGas's cap (DEVNET_BLOCK_GAS_LIMIT).
      "--gas-limit",
      String(gasLimit),
      // zkVM receipts are ~285 KB per 2^10 segment, ~570 KB of hex in JSON-RPC: above 3 segments a fulfil or verify call
      // exceeds anvil's default 2 MB request body limit.
      "--no-request-size-limit",
      "--hardfork",
      "cancun",
      // 13 funded dev accounts (devnet/accounts.ts roles): 10–12 fund the e2e specs' fresh accounts by transfer.
      "--accounts",
      "13",
    ],
    // Not --silent: stdout's "Listening on" line says anvil bound its port (drained afterwards); stderr says why it
    // did not (its last 2 KB go into the error).
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderrTail = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString("utf8")).slice(-2048);
  });
  // Never outlive the process that started it (a crash, or an exit without stop()).
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const t0 = Date.now();
  const fail = (details: string) => {
    child.kill("SIGKILL");
    process.removeListener("exit", killOnExit);
    const said = stderrTail.trim();
    return new DevnetStartError({ what: "anvil", details: said ? `${details}; stderr: ${said}` : details });
  };
  // JSON-RPC is tried only once anvil says it is listening: before that, the port may belong to another process.
  const boundPort = await readListeningPort(child).catch((e: Error) => Promise.reject(fail(e.message)));
  if (port !== 0 && boundPort !== port) throw fail(`anvil listens on ${boundPort}, not on the requested ${port}`);
  const url = `http://127.0.0.1:${boundPort}`;
  const { publicClient } = devnetClients(url);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw fail(`anvil exited (${child.exitCode ?? child.signalCode})`);
    if (
      await publicClient.getChainId().then(
        () => true,
        () => false, // not up yet
      )
    )
      break;
    if (Date.now() - t0 > 15_000) throw fail("anvil did not answer eth_chainId within 15 s");
    await new Promise((ok) => setTimeout(ok, 50));
  }
  return {
    url,
    pid: child.pid,
    stop: () =>
      new Promise<void>((ok) => {
        process.removeListener("exit", killOnExit);
        if (child.exitCode !== null) return ok();
        child.once("exit", () => ok());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 3000).unref();
      }),
  };
}

/**
 * The port in anvil's "Listening on 127.0.0.1:<port>" stdout line; stdout is drained from then on.
 * @throws {Error} When anvil cannot be spawned, exits, or prints 64 KiB, or 15 s pass, without that line.
 */
function readListeningPort(child: ChildProcess): Promise<number> {
  const out = child.stdout;
  if (!out) return Promise.reject(new Error("anvil's stdout is not piped"));
  return new Promise((ok, fail) => {
    let seen = "";
    const done = (e: Error | undefined, port = 0) => {
      clearTimeout(timer);
      out.off("data", onData);
      child.off("exit", onExit);
      child.off("error", onError);
      out.resume(); // discard anvil's request log from here on
      if (e) fail(e);
      else ok(port);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.toString("utf8");
      // A whole line only: a chunk may end inside the port's digits.
      const m = /^Listening on 127\.0\.0\.1:(\d{1,5})\r?\n/m.exec(seen);
      if (m) done(undefined, Number(m[1]));
      else if (seen.length > 65_536) done(new Error("anvil printed 64 KiB without a Listening on line"));
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => done(new Error(`anvil exited (${code ?? signal}) before listening`));
    const onError = (e: Error) => done(new Error(`anvil could not be started: ${e.message}`));
    const timer = setTimeout(() => done(new Error("anvil did not report its port within 15 s")), 15_000);
    out.on("data", onData);
    child.once("exit", onExit);
    child.once("error", onError);
  });
}

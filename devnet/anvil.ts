// anvil (npm @foundry-rs/anvil, a prebuilt binary; nothing downloaded) started and stopped by PID.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const arch = process.arch === "x64" ? "amd64" : process.arch;
/** The binary itself (the npm wrapper would orphan it on SIGKILL). */
export const ANVIL_BIN = require.resolve(`@foundry-rs/anvil-${process.platform}-${arch}/bin/anvil`);

export const DEVNET_CHAIN_ID = 31337;

/** Starts anvil on 127.0.0.1:`port` with `blockTimeSec` blocks; resolves once it answers JSON-RPC. */
export async function startAnvil({ port = 18545, blockTimeSec = 2 }: { port?: number; blockTimeSec?: number } = {}) {
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
      "--silent",
      "--hardfork",
      "cancun",
    ],
    { stdio: "ignore" },
  );
  // Never outlive the process that started it (a crash, or an exit without stop()).
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`anvil exited with ${child.exitCode}`);
    try {
      const r = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}',
      });
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() - t0 > 15_000) {
      child.kill("SIGKILL");
      throw new Error("anvil did not start within 15 s");
    }
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

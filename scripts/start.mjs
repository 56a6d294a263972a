#!/usr/bin/env node
// `npm start`: the app on the embedded default network. Starts the replay server (recorded mainnet,
// 127.0.0.1:8788) and the devnet (anvil 127.0.0.1:18545, devnet beacon 127.0.0.1:18546), builds the app
// and serves it at http://127.0.0.1:4173. Ctrl-C stops everything (anvil by its PID).
// `npm run dev`: the same with Vite's dev server (hot reload) at http://127.0.0.1:5173.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { register } from "tsx/esm/api";
import { build, createServer, preview } from "vite";

const dev = process.argv.includes("--dev");
for (const [generated, script] of [
  ["../src/kernels/kernelsWasm.generated.ts", "./build-wasm.mjs"],
  ["../src/contracts/artifacts.generated.ts", "./build-contracts.mjs"],
]) {
  if (!existsSync(new URL(generated, import.meta.url))) execFileSync(process.execPath, [new URL(script, import.meta.url).pathname], { stdio: "inherit" });
}
register();
const { startDevnet } = await import("../devnet/run.ts");
const { startReplayServer } = await import("../devnet/replay/server.ts");
const devnet = await startDevnet({ quiet: !process.env.LIGHTBUS_VERBOSE });
const replay = await startReplayServer({ port: Number(process.env.LIGHTBUS_REPLAY_PORT ?? 8788), quiet: !process.env.LIGHTBUS_VERBOSE });
let server;
if (dev) {
  server = await createServer({ server: { host: "127.0.0.1", port: 5173 } });
  await server.listen();
} else {
  await build({ logLevel: "error" });
  server = await preview({ preview: { host: "127.0.0.1", port: Number(process.env.PORT ?? 4173), strictPort: true } });
}
const url = server.resolvedUrls?.local?.[0] ?? (dev ? "http://127.0.0.1:5173/" : "http://127.0.0.1:4173/");
console.log(`\nLightbus is running at ${url}`);
console.log(`Replay server (recorded mainnet, beacon API + JSON-RPC) at ${replay.url}`);
console.log(`Devnet: anvil ${devnet.executionRpcUrl}, beacon ${devnet.beaconApiUrl} (state: ${devnet.stateFile})`);
if (devnet.coordinator) console.log(`Prover-network coordinator: ${devnet.coordinator.multiaddrs[0]} (HTTP ${devnet.coordinator.httpUrl})`);
if (devnet.market)
  console.log(`Proof market: ${devnet.market.provers.length} provers; service providers ${devnet.market.providers.map((p) => p.url).join(", ")}`);
console.log("Press Ctrl+C to stop.");
const stop = async () => {
  await replay.close();
  await devnet.stop();
  await (server.close?.() ?? server.httpServer?.close());
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

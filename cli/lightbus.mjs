#!/usr/bin/env node
// `lightbus` CLI entry: runs the TypeScript sources (the same pure verifiers as the app) through tsx.
import { register as registerHooks } from "node:module";
import { register } from "tsx/esm/api";

// web3:// resolution: web3protocol's fetch is Lightbus's verified-call sentinel (cli/web3FetchHook.mjs). Registered
// before tsx so tsx's resolve runs first and loads the .ts file it points to.
registerHooks("./web3FetchHook.mjs", import.meta.url);
register();
// WebGPU (Dawn) needs LD_LIBRARY_PATH before the process starts (cli/webgpuNode.ts): re-run with it once.
const argv = process.argv.slice(2);
const wantsWebGpu = argv.some((a, i) => a === "--backend=webgpu" || (a === "--backend" && argv[i + 1] === "webgpu"));
if (wantsWebGpu && !process.env.LIGHTBUS_WEBGPU_ENV) {
  const { webGpuNodeEnv } = await import("./webgpuNode.ts");
  const add = webGpuNodeEnv();
  if (add.LD_LIBRARY_PATH) {
    const { spawnSync } = await import("node:child_process");
    const env = { ...process.env, ...add, LIGHTBUS_WEBGPU_ENV: "1" };
    const r = spawnSync(process.execPath, process.argv.slice(1), { stdio: "inherit", env });
    process.exit(r.status ?? 1);
  }
}
// A reader that went away (`lightbus prover | head`) ends the command, as for any Unix tool, instead of an
// unhandled EPIPE.
process.stdout.on("error", (e) => process.exit(e.code === "EPIPE" ? 0 : 1));
const { main } = await import("./main.ts");
// Exit at once: a read that timed out (a FIFO nobody writes to) must not keep the process alive.
process.exit(await main(process.argv.slice(2)));

#!/usr/bin/env node
// Launcher of the replay server (devnet/replay/server.ts, in TypeScript): registers tsx, loads it, and
// runs its command line when started directly. Kept so that `npm run replay` and
// `node devnet/replay/server.mjs --quiet --port N [--tamper kind[:i]] [--no-sse]` (playwright.config.ts) work.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register();
const server = await import("./server.ts");
export const { startReplayServer, MAINNET_GENESIS_VALIDATORS_ROOT } = server;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await server.main(process.argv.slice(2));

#!/usr/bin/env node
// `npm test`: the whole suite, on a fresh machine too.
// 1. Debian Chromium for the e2e tests: installed with apt-get when missing (as root), or a clear reason.
// 2. lint (Biome) → typecheck → unit/fuzz/CLI tests (vitest) → production build → e2e (Playwright).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const run = (label, cmd, args, opts = {}) => {
  const t0 = Date.now();
  console.log(`\n▶ ${label}: ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", ...opts });
  console.log(`◀ ${label}: ${r.status === 0 ? "ok" : `FAILED (exit ${r.status})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (r.status !== 0) process.exit(r.status ?? 1);
};

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      `E2E tests need Debian's Chromium at ${CHROMIUM}, which is missing, and this user is not root so it cannot be installed.\n` +
        "Install it with: sudo apt-get install -y chromium   (or set CHROMIUM_PATH to a Chromium binary).",
    );
    process.exit(1);
  }
  console.log(`Chromium missing at ${CHROMIUM}: installing Debian's chromium package…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  let r = spawnSync("apt-get", ["install", "-y", "chromium"], { stdio: "inherit", env });
  if (r.status !== 0) {
    spawnSync("apt-get", ["update"], { stdio: "inherit", env });
    r = spawnSync("apt-get", ["install", "-y", "chromium"], { stdio: "inherit", env });
  }
  if (r.status !== 0 || !existsSync(CHROMIUM)) {
    console.error("apt-get could not install chromium (is the Debian package mirror reachable?). E2E tests cannot run.");
    process.exit(1);
  }
}

const npx = process.platform === "win32" ? "npx.cmd" : "npx";
ensureChromium();
run("wasm kernels", process.execPath, ["scripts/build-wasm.mjs"]);
run("contracts (solc-js)", process.execPath, ["scripts/build-contracts.mjs"]);
run("lint", npx, ["biome", "check", "."]);
run("typecheck", npx, ["tsc", "-p", "tsconfig.app.json"]);
run("typecheck (node, tests, CLI)", npx, ["tsc", "-p", "tsconfig.node.json"]);
run("unit, fuzz and CLI tests", npx, ["vitest", "run"]);
run("build", npx, ["vite", "build", "--logLevel", "error"]);
run("e2e (Chromium)", npx, ["playwright", "test"]);
console.log("\nAll tests passed.");

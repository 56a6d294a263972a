#!/usr/bin/env node
// `npm run bench`: cold light-client sync of the mainnet recording (bootstrap + 6 period updates +
// finality) in Node and in headless Chromium, Lightbus against the stock @lodestar/light-client
// Lightclient measured in the same run. Prints medians and ratios. Not a test: it asserts nothing
// about speed (see the performance goal in the README).
import { existsSync, readFileSync } from "node:fs";
import { register } from "tsx/esm/api";
import { build, preview } from "vite";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
register();
const { startReplayServer } = await import("../devnet/replay/server.ts");
const { benchNode } = await import("../bench/node.ts");
const { median } = await import("../bench/workload.ts");
const zkWork = await import("../bench/zkWorkload.ts");
const { zkBenchVectors } = await import("../bench/zkVectors.ts");
const ZK_RUNS = Number(process.env.BENCH_ZK_RUNS ?? 30);
const zkRows = [];
const { benchKernels } = await import("../bench/kernelsWorkload.ts");
const PROVER_PO2 = (process.env.BENCH_PROVER_PO2 ?? "10,12,14,16").split(",").map(Number);
const PROVER_TS_PO2 = (process.env.BENCH_PROVER_TS_PO2 ?? "10,12").split(",").map(Number);
const kernelRows = [];
const fixture = (p) => JSON.parse(readFileSync(new URL(`../fixtures/${p}`, import.meta.url), "utf8"));

// Time to first verified value (issue 12, docs/performance.md): cold and warm in Chromium, Lightbus against stock
// Lodestar measured in the same run, worker boot, initial JS and worker sizes, against the figures before and budgets.
// `BENCH_ONLY=ttfv npm run bench` runs only these rows.
{
  const { benchTtfv, printTtfvBreakdown, ttfvMedians } = await import("../bench/ttfvBench.ts");
  const { TTFV_BEFORE, TTFV_BUDGET } = await import("../bench/ttfvBudgets.ts");
  if (!existsSync(CHROMIUM)) {
    console.log(`Chromium not found at ${CHROMIUM}: skipping time to first verified value.`);
  } else {
    const r = await benchTtfv({
      chromium: CHROMIUM,
      runs: Number(process.env.BENCH_TTFV_RUNS ?? RUNS),
      stock: true,
      trace: true,
      // BENCH_TTFV_BUILD=0: measure the existing dist (e.g. while an e2e run previews it).
      build: process.env.BENCH_TTFV_BUILD !== "0",
    });
    const ours = ttfvMedians(r.ours);
    const stock = r.stock ? ttfvMedians(r.stock) : { cold: Number.NaN, warm: Number.NaN };
    const oursBoot = median(r.ours.cold.map((x) => (x.marks["lb:worker-eval"] ?? Number.NaN) - (x.marks["lb:worker-create"] ?? Number.NaN)));
    const stockBoot = r.stock
      ? median(r.stock.cold.map((x) => (x.marks["lb:bls-ready"] ?? Number.NaN) - (x.marks["lb:worker-create"] ?? Number.NaN)))
      : Number.NaN;
    const pass = (v, budget) => (v <= budget ? "PASS" : "OVER");
    const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(0)} ms` : "–");
    const kb = (b) => `${(b / 1024).toFixed(1)} KiB`;
    console.log(
      `Time to first verified value (Chromium, recorded mainnet, median of ${r.ours.cold.length} runs; load average ${r.load.map((x) => x.toFixed(1)).join(" → ")})`,
    );
    console.log(
      `${"what".padEnd(44)} ${"Lightbus".padStart(10)} ${"stock".padStart(10)} ${"before (issue 12)".padStart(18)} ${"budget".padStart(10)} ${"".padStart(5)}`,
    );
    const row = (what, v, st, before, budget, fmt = ms) =>
      console.log(
        `${what.padEnd(44)} ${fmt(v).padStart(10)} ${(st === undefined ? "" : fmt(st)).padStart(10)} ${(before === undefined ? "" : fmt(before)).padStart(18)} ${(budget === undefined ? "" : fmt(budget)).padStart(10)} ${budget === undefined ? "" : pass(v, budget).padStart(5)}`,
      );
    row("cold: navigation → finalized block verified", ours.cold, stock.cold, TTFV_BEFORE.coldMs, TTFV_BUDGET.coldMs);
    row("warm: reload (store from IndexedDB)", ours.warm, stock.warm, TTFV_BEFORE.warmMs, TTFV_BUDGET.warmMs);
    row("worker boot (create → module evaluated)", oursBoot, stockBoot, TTFV_BEFORE.workerBootMs);
    row("initial JS+CSS+HTML (gzip, before first value)", r.initialJs.gzip, undefined, TTFV_BEFORE.initialGzipBytes, TTFV_BUDGET.initialGzipBytes, kb);
    for (const w of r.workers) row(`  ${w.file} (gzip; raw ${kb(w.raw)})`, w.gzip, undefined, TTFV_BEFORE.workerGzipBytes[w.file], undefined, kb);
    console.log("stock = @lodestar/light-client 1.28.1 Lightclient in a worker (bench/browser/stock.html), same checkpoint and replay server;");
    console.log(
      "  its worker boot counts BLS init (stock awaits it before anything); ours does not (BLS initialises during the fetches, or on a reload only once a signature is to be checked).",
    );
    printTtfvBreakdown("Lightbus", r.ours);
    if (r.stock) printTtfvBreakdown("stock Lodestar", r.stock);
    if (r.trace) {
      console.log("\nCDP trace of the first (uncounted) cold Lightbus run: ms per thread and event");
      for (const [thread, events] of Object.entries(r.trace))
        console.log(
          `  ${thread}: ${Object.entries(events)
            .sort((a, b) => b[1] - a[1])
            .map(([n, v]) => `${n} ${v.toFixed(0)}`)
            .join(", ")}`,
        );
    }
    console.log("");
  }
  if (process.env.BENCH_ONLY === "ttfv") process.exit(0);
}

const replay = await startReplayServer({ port: 0, quiet: true });
const fmt = (ms) => `${ms.toFixed(ms < 100 ? 1 : 0).padStart(6)} ms`;
const rows = [];
try {
  console.log(`Replay server ${replay.url}; ${RUNS} runs each, medians.\n`);
  const node = await benchNode(replay.url, RUNS);
  rows.push(["Node (blst)", node.oursMs, node.stockMs, node.perUpdateMs]);

  // Groth16, Node: cold = first verify in this process (includes WASM / curve set-up), then warm medians.
  const vectors = zkBenchVectors();
  zkRows.push(["Node cold (first verify, incl. init)", await zkWork.coldOurs(vectors[0]), await zkWork.coldSnarkjs(vectors[0])]);
  for (const r of await zkWork.warm(vectors, ZK_RUNS)) zkRows.push([`Node warm: ${r.name}`, r.oursWarmMs, r.snarkjsWarmMs]);
  await zkWork.disposeSnarkjs();
  for (const r of await benchKernels(fixture("mainnet-execution/proof.json"), fixture("mainnet-execution/block.json").stateRoot))
    kernelRows.push([`Node: ${r.name}`, r.wasmUs, r.jsUs]);

  if (!existsSync(CHROMIUM)) {
    console.log(`Chromium not found at ${CHROMIUM}: skipping the browser half (npm test installs it).`);
  } else {
    await build({ configFile: new URL("../bench/vite.config.ts", import.meta.url).pathname });
    const server = await preview({
      configFile: new URL("../bench/vite.config.ts", import.meta.url).pathname,
      preview: { host: "127.0.0.1", port: 0 },
    });
    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      const page = await browser.newPage();
      const url = `${server.resolvedUrls.local[0]}?beacon=${encodeURIComponent(replay.url)}&runs=${RUNS}&zkRuns=${ZK_RUNS}`;
      await page.goto(url);
      await page.waitForFunction(() => globalThis.__BENCH__, null, { timeout: 600_000 });
      const out = await page.evaluate(() => globalThis.__BENCH__);
      if (!out.ok) throw new Error(out.error);
      const { ours, stock } = out.results;
      rows.push([
        "Chromium worker (herumi WASM)",
        median(ours.map((r) => r.totalMs)),
        median(stock.map((r) => r.totalMs)),
        median(ours.flatMap((r) => r.updateMs)),
      ]);
      rows.push(["Chromium worker boot (module + WASM init)", median(ours.map((r) => r.bootMs)), median(stock.map((r) => r.bootMs)), Number.NaN]);
      zkRows.push(["Chromium cold (fresh worker, incl. init)", median(out.zk.coldOurs), median(out.zk.coldSnarkjs)]);
      for (const r of out.zk.warm) zkRows.push([`Chromium warm: ${r.name}`, r.oursWarmMs, r.snarkjsWarmMs]);
      for (const r of out.kernels) kernelRows.push([`Chromium: ${r.name}`, r.wasmUs, r.jsUs]);
    } finally {
      await browser.close();
      await new Promise((ok) => server.httpServer.close(ok));
    }
  }
} finally {
  await replay.close();
}

console.log("cold sync = bootstrap + 6 period updates (862–867) + finality, median of runs");
console.log(`${"where".padEnd(44)} ${"Lightbus".padStart(9)} ${"stock Lodestar".padStart(15)} ${"ratio".padStart(7)} ${"per update".padStart(11)}`);
for (const [where, ours, stock, perUpdate] of rows) {
  console.log(
    `${where.padEnd(44)} ${fmt(ours)} ${fmt(stock).padStart(15)} ${(ours / stock).toFixed(2).padStart(7)} ${Number.isNaN(perUpdate) ? "".padStart(11) : fmt(perUpdate).padStart(11)}`,
  );
}
console.log("\nratio = Lightbus / stock (lower is faster). Goal (README): Chromium cold sync under 400 ms.");

console.log("\nGroth16 verification (decode + derive public inputs + check), median ms: Lightbus (mcl-wasm) vs snarkjs 0.7.6 single-thread");
console.log(`${"where".padEnd(48)} ${"Lightbus".padStart(9)} ${"snarkjs".padStart(9)} ${"speed-up".padStart(9)}`);
for (const [where, ours, ref] of zkRows) console.log(`${where.padEnd(48)} ${fmt(ours)} ${fmt(ref)} ${`${(ref / ours).toFixed(2)}×`.padStart(9)}`);
const chromiumWarm = zkRows.filter(([w]) => w.startsWith("Chromium warm"));
if (chromiumWarm.length) {
  const speedups = chromiumWarm.map(([, o, r]) => r / o);
  console.log(`\nChromium warm speed-up over snarkjs: median ${median(speedups).toFixed(2)}× (issue bar: ≥ 1.25×, goal 2×)`);
}

console.log("\nWASM kernels (AssemblyScript) vs their JS references, median µs per call");
console.log(`${"what".padEnd(56)} ${"WASM".padStart(10)} ${"JS".padStart(10)} ${"speed-up".padStart(9)}`);
for (const [what, wasm, js] of kernelRows) {
  console.log(`${what.padEnd(56)} ${`${wasm.toFixed(2)} µs`.padStart(10)} ${`${js.toFixed(2)} µs`.padStart(10)} ${`${(js / wasm).toFixed(2)}×`.padStart(9)}`);
}

console.log("\nzkVM segment prover (Fibonacci, one full segment of 2^k rows, Node): WASM backend vs the TypeScript reference");
// In a child process: a clean heap, as a prover node has (this process holds the earlier workloads).
const { execFileSync } = await import("node:child_process");
const proverRows = JSON.parse(
  execFileSync(
    process.execPath,
    [
      "--import",
      "tsx",
      new URL("../bench/proverMain.ts", import.meta.url).pathname,
      PROVER_PO2.join(","),
      PROVER_TS_PO2.join(","),
      process.env.BENCH_PROVER_RUNS ?? "3",
    ],
    { encoding: "utf8", maxBuffer: 1 << 20 },
  ).trim(),
);
console.log(
  `${"k".padEnd(4)} ${"backend".padEnd(8)} ${"prove".padStart(10)} ${"verify".padStart(9)} ${"proof".padStart(9)} ${"RSS".padStart(9)} ${"WASM speed-up".padStart(14)}`,
);
for (const r of proverRows) {
  const ts = proverRows.find((x) => x.po2 === r.po2 && x.backend === "ts");
  const up = r.backend === "wasm" && ts ? `${(ts.proveMs / r.proveMs).toFixed(1)}×` : "";
  console.log(
    `${String(r.po2).padEnd(4)} ${r.backend.padEnd(8)} ${fmt(r.proveMs).padStart(10)} ${fmt(r.verifyMs).padStart(9)} ${`${(r.proofBytes / 1024).toFixed(0)} KiB`.padStart(9)} ${`${r.peakRssMb.toFixed(0)} MB`.padStart(9)} ${up.padStart(14)}`,
  );
}
console.log("Goals (issue 8): a 2^16 segment in WASM under 4 s; WASM ≥ 5× the TypeScript reference at the same k.");

// WebGPU kernels vs WASM (issue 9), in a child process with Dawn's environment (cli/webgpuNode.ts).
const { webGpuNodeEnv } = await import("../cli/webgpuNode.ts");
const gpuBench = JSON.parse(
  execFileSync(
    process.execPath,
    [
      "--import",
      "tsx",
      new URL("../bench/webgpuMain.ts", import.meta.url).pathname,
      process.env.BENCH_WEBGPU_LOGS ?? "10,12",
      process.env.BENCH_WEBGPU_WIDTH ?? "32",
      process.env.BENCH_WEBGPU_RUNS ?? "3",
    ],
    { encoding: "utf8", maxBuffer: 1 << 20, env: { ...process.env, ...webGpuNodeEnv() } },
  ).trim(),
);
if (gpuBench.skipped) {
  console.log(`\nWebGPU kernels: skipped (${gpuBench.skipped}).`);
} else {
  const label = gpuBench.isFallbackAdapter
    ? `WebGPU (${gpuBench.adapter === "SwiftShader driver 5.0.0" ? "SwiftShader" : gpuBench.adapter}, a software adapter: correctness only, not GPU speed)`
    : `WebGPU (${gpuBench.adapter})`;
  console.log(`\n${label} vs WASM, per kernel, median of runs after a warm-up (Node, Dawn)`);
  console.log(
    `${"kernel".padEnd(28)} ${"size".padEnd(16)} ${"WebGPU".padStart(10)} ${"WASM".padStart(10)} ${"WebGPU/WASM".padStart(12)} ${"same".padStart(5)}`,
  );
  for (const r of gpuBench.rows) {
    console.log(
      `${r.kernel.padEnd(28)} ${r.size.padEnd(16)} ${fmt(r.webgpuMs).padStart(10)} ${fmt(r.wasmMs).padStart(10)} ${`${(r.webgpuMs / r.wasmMs).toFixed(1)}×`.padStart(12)} ${(r.same ? "yes" : "NO").padStart(5)}`,
    );
  }
  if (gpuBench.fallbacks.length) console.log(`fallbacks: ${gpuBench.fallbacks.join("; ")}`);
  console.log("WebGPU/WASM: time ratio (above 1× = slower than WASM); SwiftShader runs the shaders on this CPU.");
}

// Prover network (docs/prover-network.md): in a child process (it spawns `lightbus prover` processes itself).
const NET_PO2 = process.env.BENCH_NET_PO2 ?? "12";
const NET_SEGMENTS = process.env.BENCH_NET_SEGMENTS ?? "8";
const net = JSON.parse(
  execFileSync(process.execPath, ["--import", "tsx", new URL("../bench/networkMain.ts", import.meta.url).pathname, NET_PO2, NET_SEGMENTS], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  }).trim(),
);
console.log(
  `\nProver network: Fibonacci, ${net.segments} segments of 2^${net.po2} rows, coordinator + Node provers on this machine (libp2p, loopback WebSockets)`,
);
console.log(`${"what".padEnd(52)} ${"value".padStart(14)} ${"vs local".padStart(9)}`);
const netRow = (what, value, ratio) => console.log(`${what.padEnd(52)} ${value.padStart(14)} ${ratio === undefined ? "" : `${ratio.toFixed(2)}×`.padStart(9)}`);
const spm = (x) => `${x.toFixed(1)} seg/min`;
netRow("local reference: proveLease one after another", spm(net.local.segmentsPerMin), 1);
netRow("one Node prover (lightbus prover)", spm(net.one.segmentsPerMin), net.one.segmentsPerMin / net.local.segmentsPerMin);
netRow("two Node provers", spm(net.two.segmentsPerMin), net.two.segmentsPerMin / net.local.segmentsPerMin);
netRow("per segment: local proving (median)", fmt(net.local.provingMsMedian));
netRow("per segment: lease round trip (median)", fmt(net.overhead.leaseMsMedian), net.overhead.leaseMsMedian / net.local.provingMsMedian);
netRow("per segment: result round trip = transfer + verify", fmt(net.overhead.resultMsMedian), net.overhead.resultMsMedian / net.local.provingMsMedian);
netRow("per segment: coordinator verification (median)", fmt(net.overhead.verifyMsMedian), net.overhead.verifyMsMedian / net.local.provingMsMedian);
netRow("per segment: proving inside the prover processes", fmt(net.one.proverProvingMsMedian), net.one.proverProvingMsMedian / net.local.provingMsMedian);
console.log("vs local: throughput ratios are network / local (higher is better); per-segment ratios are the cost as a share of local proving.");
console.log("The machine's cores are shared: two provers scale only as far as free cores allow.");

// Node + tab (issue 9): one `lightbus prover` and one Chromium tab on /donate, in a child process (bench/donateMain.ts).
try {
  const donate = JSON.parse(
    execFileSync(process.execPath, ["--import", "tsx", new URL("../bench/donateMain.ts", import.meta.url).pathname, NET_PO2, NET_SEGMENTS, CHROMIUM], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    }).trim(),
  );
  if (donate.skipped) console.log(`\nNode + tab: skipped (${donate.skipped}).`);
  else {
    netRow(
      `Node + tab (Chromium /donate, WASM): ${donate.byNode} + ${donate.byTab} segments`,
      spm(donate.segmentsPerMin),
      donate.segmentsPerMin / net.local.segmentsPerMin,
    );
  }
} catch (e) {
  console.log(`\nNode + tab: failed (${e.message.split("\n")[0]}).`);
}

// KZG (issue 10): library load and verify_blob_kzg_proof, Lightbus (micro-eth-signer fast setup) vs kzg-wasm 0.4.0,
// Node and Chromium (fresh module worker per load), in a child process (bench/kzgMain.ts).
try {
  const kzg = JSON.parse(
    execFileSync(
      process.execPath,
      [
        "--import",
        "tsx",
        new URL("../bench/kzgMain.ts", import.meta.url).pathname,
        process.env.BENCH_KZG_ROUNDS ?? "3",
        process.env.BENCH_KZG_RUNS ?? "10",
        CHROMIUM,
      ],
      { encoding: "utf8", maxBuffer: 1 << 20 },
    ).trim(),
  );
  console.log(`\nKZG blob-proof verification (one real 128 KiB blob), median ms: load = import + trusted setup (cold), verify = verify_blob_kzg_proof`);
  console.log(`${"where / library".padEnd(44)} ${"load".padStart(9)} ${"1st verify".padStart(11)} ${"verify".padStart(9)}`);
  const kzgRows = (where, rows) => {
    for (const lib of [...new Set(rows.map((r) => r.lib))]) {
      const rs = rows.filter((r) => r.lib === lib);
      console.log(
        `${`${where}: ${lib}`.padEnd(44)} ${fmt(median(rs.map((r) => r.loadMs)))} ${fmt(median(rs.map((r) => r.firstVerifyMs))).padStart(11)} ${fmt(median(rs.flatMap((r) => r.verifyMs)))}`,
      );
    }
  };
  kzgRows("Node", kzg.node);
  if (kzg.chromium.skipped) console.log(`Chromium: skipped (${kzg.chromium.skipped}).`);
  else kzgRows("Chromium worker", kzg.chromium);
  console.log("Goal (issue 10): in Chromium, KZG blob proof ≤ 15 ms and library load ≤ 150 ms (Lightbus's verifier).");
} catch (e) {
  console.log(`\nKZG: failed (${e.message.split("\n")[0]}).`);
}

// Verified eth_call (docs/verified-call.md): cold and warm against a plain eth_call, anvil on this machine (bench/callMain.ts).
try {
  const call = JSON.parse(
    execFileSync(process.execPath, ["--import", "tsx", new URL("../bench/callMain.ts", import.meta.url).pathname, "20"], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    }).trim(),
  );
  console.log(`\nVerified eth_call (${call.call}, Node, anvil devnet on loopback, median of ${call.rounds})`);
  console.log(`${"what".padEnd(52)} ${"value".padStart(14)} ${"vs plain".padStart(9)}`);
  const callRow = (what, ms) => console.log(`${what.padEnd(52)} ${fmt(ms).padStart(14)} ${`${(ms / call.plainMs).toFixed(2)}×`.padStart(9)}`);
  callRow("plain eth_call (unverified)", call.plainMs);
  callRow("verified call, cold (access list, proofs, code, EVM)", call.coldMs);
  callRow("verified call, warm (proofs and code cached)", call.warmMs);
} catch (e) {
  console.log(`\nVerified eth_call: failed (${e.message.split("\n")[0]}).`);
}
// The on-chain zkVM receipt verifier (docs/zkvm-evm.md "Gas"): eth_estimateGas of verify on anvil (bench/evmVerifyMain.ts).
try {
  const evm = JSON.parse(
    execFileSync(process.execPath, ["--import", "tsx", new URL("../bench/evmVerifyMain.ts", import.meta.url).pathname], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    }).trim(),
  );
  console.log("\nOn-chain receipt verification (ZkvmReceiptVerifier.verify, eth_estimateGas on anvil; Fibonacci receipts)");
  console.log(`${"receipt".padEnd(28)} ${"calldata".padStart(12)} ${"gas".padStart(12)} ${"gas/segment".padStart(12)} ${"vs calldata-only".padStart(17)}`);
  for (const r of evm.rows)
    console.log(
      `${`${r.segments} × 2^${r.po2} rows`.padEnd(28)} ${`${r.bytes} B`.padStart(12)} ${String(r.gas).padStart(12)} ${String(Math.round(r.gas / r.segments)).padStart(12)} ${`${(r.gas / r.calldataOnly).toFixed(2)}×`.padStart(17)}`,
    );
  console.log("calldata-only = 16 gas × receipt bytes (the floor of posting the receipt at all); includes the 21000 intrinsic gas.");
} catch (e) {
  console.log(`\nOn-chain receipt verification: failed (${e.message.split("\n")[0]}).`);
}
process.exit(0);

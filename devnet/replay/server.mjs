#!/usr/bin/env node
// Replay server: serves a real light-client recording through the standard beacon-API routes and the
// recorded execution answers through JSON-RPC, so recorded data flows through the same code paths as
// live data. Binds 127.0.0.1, sets CORS.
//
// Beacon API: https://github.com/ethereum/beacon-APIs (light_client routes, /eth/v1/events SSE).
// The light client derives "now" from genesis time, so the served genesis time is shifted to make the
// wall clock sit just after the recording's last signature slot (genesis time is in no signature).
import { createServer } from "node:http";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadRecording, loadZkResults } from "./recording.mjs";
import { applyTamper, TAMPER_KINDS } from "./tamper.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");

export const MAINNET_GENESIS_VALIDATORS_ROOT = "0x4b363db94e286120d76eb905340fdd4e54bfe9f06bf33ff6cf5ad27f511bfe95";
const SECONDS_PER_SLOT = 12;

/**
 * Starts the replay server.
 * @param {object} o
 * @param {number} [o.port] 0 picks a free port.
 * @param {string} [o.host]
 * @param {string} [o.lcDir] recording of beacon-API light-client JSON.
 * @param {string} [o.executionDir] recorded JSON-RPC results.
 * @param {string} [o.zkDir] real proof vectors served as the results feed.
 * @param {string[]} [o.tamper] tamper kinds (see tamper.mjs), for negative tests.
 * @param {boolean} [o.sse] serve /eth/v1/events (default true); false forces the client's polling fallback.
 * @param {number} [o.genesisTimeSec] override the shifted genesis time.
 * @param {boolean} [o.quiet]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void>, recording: object, genesisTimeSec: number }>}
 */
export async function startReplayServer(o = {}) {
  const recording = loadRecording({
    lcDir: o.lcDir ?? join(root, "fixtures/mainnet-lc"),
    executionDir: o.executionDir ?? join(root, "fixtures/mainnet-execution"),
  });
  recording.zkResults = loadZkResults(o.zkDir ?? join(root, "fixtures/zk"));
  for (const t of o.tamper ?? []) applyTamper(recording, t);
  const nowSec = Math.floor(Date.now() / 1000);
  const genesisTimeSec = o.genesisTimeSec ?? nowSec - (recording.lastSignatureSlot + 1) * SECONDS_PER_SLOT;
  const sse = o.sse ?? true;
  const log = o.quiet ? () => {} : (...a) => console.log("[replay]", ...a);

  const json = (res, status, body) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const notFound = (res, message) => json(res, 404, { code: 404, message });

  const rpc = (req) => {
    const { id = null, method, params = [] } = req ?? {};
    const ok = (result) => ({ jsonrpc: "2.0", id, result });
    const err = (code, message) => ({ jsonrpc: "2.0", id, error: { code, message } });
    switch (method) {
      case "eth_chainId":
        return ok("0x1");
      case "eth_blockNumber": {
        const max = [...recording.execBlocks.keys()].reduce((a, b) => (b > a ? b : a), 0n);
        return ok(`0x${max.toString(16)}`);
      }
      case "eth_getBlockByNumber": {
        const [tag, full] = params;
        let n;
        try {
          n = BigInt(tag);
        } catch {
          return err(-32602, `block tag ${tag} is not recorded; ask for a block number`);
        }
        const block = recording.execBlocks.get(n);
        if (!block) return ok(null);
        return ok(full ? block : { ...block, transactions: block.transactions.map((t) => (typeof t === "string" ? t : t.hash)) });
      }
      case "eth_getProof": {
        const [address, keys = [], tag] = params;
        const n = (() => {
          try {
            return BigInt(tag);
          } catch {
            return undefined;
          }
        })();
        if (n === undefined || !recording.execBlocks.has(n)) return err(-32000, `no recorded state at block ${tag}`);
        const proof = recording.proofs.find(
          (p) => p.address.toLowerCase() === String(address).toLowerCase() && keys.every((k) => p.storageProof.some((s) => BigInt(s.key) === BigInt(k))),
        );
        if (!proof) return err(-32000, `no recorded proof for ${address} at block ${tag}`);
        return ok({ ...proof, storageProof: proof.storageProof.filter((s) => keys.some((k) => BigInt(s.key) === BigInt(k))) });
      }
      default:
        return err(-32601, `method ${method} is not recorded`);
    }
  };

  const server = createServer((req, res) => {
    res.setHeader("access-control-allow-origin", "*");
    res.setHeader("access-control-allow-headers", "content-type, accept");
    res.setHeader("access-control-allow-methods", "GET, POST, OPTIONS");
    if (req.method === "OPTIONS") {
      res.writeHead(204);
      res.end();
      return;
    }
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const p = url.pathname;
    log(req.method, p + url.search);

    if (req.method === "POST" && (p === "/rpc" || p === "/")) {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        let parsed;
        try {
          parsed = JSON.parse(body);
        } catch {
          json(res, 200, { jsonrpc: "2.0", id: null, error: { code: -32700, message: "parse error" } });
          return;
        }
        json(res, 200, Array.isArray(parsed) ? parsed.map(rpc) : rpc(parsed));
      });
      return;
    }
    if (req.method !== "GET") return notFound(res, "not found");

    if (p === "/eth/v1/beacon/genesis") {
      return json(res, 200, {
        data: {
          genesis_time: String(genesisTimeSec),
          genesis_validators_root: MAINNET_GENESIS_VALIDATORS_ROOT,
          genesis_fork_version: "0x00000000",
        },
      });
    }
    if (p === "/eth/v1/config/spec") {
      return json(res, 200, { data: { PRESET_BASE: "mainnet", CONFIG_NAME: "mainnet", SECONDS_PER_SLOT: String(SECONDS_PER_SLOT) } });
    }
    if (p === "/lightbus/recording") {
      // Non-standard: tells the UI what is being replayed, so it can say so.
      return json(res, 200, {
        data: {
          kind: "recorded",
          network: "mainnet",
          lastSignatureSlot: recording.lastSignatureSlot,
          genesisTimeShiftedSec: genesisTimeSec,
          tamper: o.tamper ?? [],
        },
      });
    }
    const bootstrapMatch = p.match(/^\/eth\/v1\/beacon\/light_client\/bootstrap\/(0x[0-9a-fA-F]{64})$/);
    if (bootstrapMatch) {
      if (bootstrapMatch[1].toLowerCase() !== recording.checkpointRoot) return notFound(res, "bootstrap not recorded for this block root");
      return json(res, 200, recording.bootstrap);
    }
    if (p === "/eth/v1/beacon/light_client/updates") {
      const start = Number(url.searchParams.get("start_period"));
      const count = Number(url.searchParams.get("count"));
      if (!Number.isInteger(start) || !Number.isInteger(count) || count < 1) return json(res, 400, { code: 400, message: "bad start_period/count" });
      const out = recording.updates.filter((u) => {
        const period = recording.periodOf(u);
        return period >= start && period < start + Math.min(count, 128);
      });
      return json(res, 200, out);
    }
    if (p === "/eth/v1/beacon/light_client/finality_update") return json(res, 200, recording.finality);
    if (p === "/eth/v1/beacon/light_client/optimistic_update") {
      return recording.optimistic ? json(res, 200, recording.optimistic) : notFound(res, "no optimistic update recorded");
    }
    if (p === "/lightbus/results") {
      // Non-standard: a feed of computation results and zkPoS proofs (metadata; proofs by id).
      // `repeat=N` serves N rows over the same proofs (for large-feed tests); rows are newest first.
      const proofs = [...recording.zkResults.values()];
      const total = Math.max(proofs.length, Math.min(Number(url.searchParams.get("repeat") ?? 0) || 0, 100_000));
      const base = genesisTimeSec * 1000 + (recording.lastSignatureSlot + 1) * SECONDS_PER_SLOT * 1000;
      const items = Array.from({ length: total }, (_, i) => {
        const proof = proofs[i % proofs.length];
        return {
          id: i < proofs.length ? proof.id : `${proof.id}~${i}`,
          proofId: proof.id,
          family: proof.family,
          source: proof.source,
          receivedAtMs: base - i * 12_000,
        };
      });
      return json(res, 200, { data: items });
    }
    const proofMatch = p.match(/^\/lightbus\/proofs\/([\w.~-]+)$/);
    if (proofMatch) {
      const proof = recording.zkResults.get(proofMatch[1]);
      return proof ? json(res, 200, { data: proof }) : notFound(res, `no proof ${proofMatch[1]}`);
    }
    const blockMatch = p.match(/^\/eth\/v2\/beacon\/blocks\/(\d+)$/);
    if (blockMatch) {
      const block = recording.blocks.get(blockMatch[1]);
      return block ? json(res, 200, block) : notFound(res, `block ${blockMatch[1]} not recorded`);
    }
    if (p === "/eth/v1/events") {
      if (!sse) return notFound(res, "events are not served (polling fallback test)");
      const topics = url.searchParams.getAll("topics").flatMap((t) => t.split(","));
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
      res.write(": replay\n\n");
      const send = (event, body) => res.write(`event: ${event}\ndata: ${JSON.stringify(body)}\n\n`);
      const timer = setTimeout(() => {
        if (topics.includes("light_client_optimistic_update") && recording.optimistic) send("light_client_optimistic_update", recording.optimistic);
        if (topics.includes("light_client_finality_update")) send("light_client_finality_update", recording.finality);
      }, 5);
      const keepAlive = setInterval(() => res.write(": keepalive\n\n"), 15_000);
      req.on("close", () => {
        clearTimeout(timer);
        clearInterval(keepAlive);
      });
      return;
    }
    return notFound(res, "not found");
  });

  await new Promise((ok) => server.listen(o.port ?? 8788, o.host ?? "127.0.0.1", ok));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  const url = `http://127.0.0.1:${port}`;
  log(`serving ${url} (genesis time shifted to ${genesisTimeSec}; tamper: ${(o.tamper ?? []).join(",") || "none"})`);
  return {
    url,
    port,
    recording,
    genesisTimeSec,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8788" },
      host: { type: "string", default: "127.0.0.1" },
      "lc-dir": { type: "string" },
      "execution-dir": { type: "string" },
      "zk-dir": { type: "string" },
      tamper: { type: "string", multiple: true },
      "no-sse": { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
    },
  });
  for (const t of values.tamper ?? []) {
    if (!TAMPER_KINDS.includes(t.split(":")[0])) {
      console.error(`unknown --tamper ${t}; one of ${TAMPER_KINDS.join(", ")}`);
      process.exit(2);
    }
  }
  await startReplayServer({
    port: Number(values.port),
    host: values.host,
    lcDir: values["lc-dir"] && resolve(values["lc-dir"]),
    executionDir: values["execution-dir"] && resolve(values["execution-dir"]),
    zkDir: values["zk-dir"] && resolve(values["zk-dir"]),
    tamper: values.tamper,
    sse: !values["no-sse"],
    quiet: values.quiet,
  });
}

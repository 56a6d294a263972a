// Replay server: serves a real light-client recording through the standard beacon-API routes and the
// recorded execution answers through JSON-RPC, so recorded data flows through the same code paths as
// live data. Binds 127.0.0.1, sets CORS; requests are validated by the shared router (../beaconRouter.ts).
//
// Beacon API: https://github.com/ethereum/beacon-APIs/tree/v3.0.0 (light_client routes, /eth/v1/events SSE).
// The light client derives "now" from genesis time, so the served genesis time is shifted to make the
// wall clock sit just after the recording's last signature slot (genesis time is in no signature). The shift is
// taken at each genesis request, so a page opened at any time after the server started finds the recording as
// fresh as the first one did (not stalled 32 slots, 6.4 minutes, after the start).
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { ForkName } from "@lodestar/params";
import { sszTypesFor } from "@lodestar/types";
import { JsonRpcError } from "../../src/errors/server.ts";
import { assertHex, type Hex, parseQuantity, quantityToHex, toHex } from "../../src/verify/hex.ts";
import { type BeaconDataSource, type LightClientTopic, startBeaconServer } from "../beaconRouter.ts";
import { loadRecording, loadZkResults, type Recording } from "./recording.ts";
import { applyTamper, TAMPER_KINDS } from "./tamper.ts";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");

export const MAINNET_GENESIS_VALIDATORS_ROOT = "0x4b363db94e286120d76eb905340fdd4e54bfe9f06bf33ff6cf5ad27f511bfe95";
const SECONDS_PER_SLOT = 12;
/** Storage keys one eth_getProof may ask for. */
const MAX_STORAGE_KEYS = 1024;
/** Rows the results feed serves at most (`repeat=N`, for large-feed tests). */
const MAX_FEED_ROWS = 100_000;

export type ReplayServerOptions = {
  /** 0 picks a free port; default 8788. */
  port?: number;
  host?: string;
  /** Recording of beacon-API light-client JSON (default fixtures/mainnet-lc). */
  lcDir?: string;
  /** Recorded JSON-RPC results (default fixtures/mainnet-execution). */
  executionDir?: string;
  /** Real proof vectors served as the results feed (default fixtures/zk). */
  zkDir?: string;
  /** Tamper specs (see tamper.ts), for negative tests. */
  tamper?: string[];
  /** Serve /eth/v1/events (default true); false forces the client's polling fallback. */
  sse?: boolean;
  /** Overrides the shifted genesis time (seconds since the Unix epoch), fixed instead of taken at each request. */
  genesisTimeSec?: number;
  quiet?: boolean;
};

/**
 * The recorded JSON-RPC methods: `eth_chainId`, `eth_blockNumber`, `eth_getBlockByNumber(number, full)` and
 * `eth_getProof(address, keys, number)` at recorded blocks only.
 * @throws {JsonRpcError} -32601 for other methods, -32602 for a block tag, -32000 for what is not recorded.
 * @throws {MalformedInputError} For malformed params (an address, a key or a block number that is not hex).
 */
export function replayRpc(recording: Recording) {
  const latest = [...recording.execBlocks.keys()].reduce((a, b) => (b > a ? b : a), 0n);
  return (method: string, params: readonly unknown[]): unknown => {
    switch (method) {
      case "eth_chainId":
        return "0x1";
      case "eth_blockNumber":
        return quantityToHex(latest);
      case "eth_getBlockByNumber": {
        const [tag, full] = params;
        if (typeof tag === "string" && !tag.startsWith("0x")) {
          throw new JsonRpcError({ rpcCode: -32602, message: `block tag ${tag.slice(0, 20)} is not recorded; ask for a block number` });
        }
        const block = recording.execBlocks.get(parseQuantity(tag, "block number"));
        if (!block) return null;
        return full === true
          ? block
          : { ...block, transactions: block.transactions.map((t: unknown) => (typeof t === "string" ? t : (t as { hash: Hex }).hash)) };
      }
      case "eth_getProof": {
        const [addressParam, keysParam, tag] = params;
        const address = assertHex(addressParam, "address", 20);
        if (!Array.isArray(keysParam) || keysParam.length > MAX_STORAGE_KEYS) {
          throw new JsonRpcError({ rpcCode: -32602, message: `storage keys must be an array of at most ${MAX_STORAGE_KEYS}` });
        }
        const keys = keysParam.map((k, i) => parseQuantity(k, `storage key ${i}`));
        const n = parseQuantity(tag, "block number");
        if (!recording.execBlocks.has(n)) throw new JsonRpcError({ rpcCode: -32000, message: `no recorded state at block ${quantityToHex(n)}` });
        // `answersFor` (tamper "proof-other-account"): another account's proof served for this address.
        const swapped = recording.proofs.find((p) => typeof p.answersFor === "string" && p.answersFor.toLowerCase() === address);
        if (swapped) {
          const { answersFor: _asked, ...answer } = swapped;
          return answer;
        }
        const proof = recording.proofs.find(
          (p) =>
            p.answersFor === undefined &&
            String(p.address).toLowerCase() === address &&
            keys.every((k) => p.storageProof.some((s: { key: string }) => parseQuantity(s.key, "recorded key") === k)),
        );
        if (!proof) throw new JsonRpcError({ rpcCode: -32000, message: `no recorded proof for ${address} at block ${quantityToHex(n)}` });
        return { ...proof, storageProof: proof.storageProof.filter((s: { key: string }) => keys.includes(parseQuantity(s.key, "recorded key"))) };
      }
      default:
        throw new JsonRpcError({ rpcCode: -32601, message: `method ${method.slice(0, 60)} is not recorded` });
    }
  };
}

/**
 * The recording as a beacon data source (light-client routes, blocks by slot or root, SSE, JSON-RPC, feed).
 * `genesisTimeSec` is called at each genesis, recording-info and feed request (the shift taken then).
 */
export function replaySource(recording: Recording, o: { genesisTimeSec: () => number; sse: boolean; tamper: string[] }): BeaconDataSource {
  const { genesisTimeSec } = o;
  // Blocks by root: hash_tree_root(BeaconBlock) of each recorded block (a tampered block keeps its honest slot only).
  const blocksByRoot = new Map<string, unknown>();
  for (const b of recording.blocks.values()) {
    try {
      const types = sszTypesFor(b.version as ForkName) as unknown as { BeaconBlock: { fromJson(j: unknown): unknown; hashTreeRoot(v: unknown): Uint8Array } };
      blocksByRoot.set(toHex(types.BeaconBlock.hashTreeRoot(types.BeaconBlock.fromJson(b.data.message))), b);
    } catch {
      // not decodable (tampered): served by slot only
    }
  }
  return {
    genesis: () => ({
      genesis_time: String(genesisTimeSec()),
      genesis_validators_root: MAINNET_GENESIS_VALIDATORS_ROOT,
      genesis_fork_version: "0x00000000",
    }),
    spec: () => ({ PRESET_BASE: "mainnet", CONFIG_NAME: "mainnet", SECONDS_PER_SLOT: String(SECONDS_PER_SLOT) }),
    bootstrap: (blockRoot) => (blockRoot === recording.checkpointRoot ? recording.bootstrap : undefined),
    updates: (start, count) =>
      recording.updates.filter((u) => {
        const period = recording.periodOf(u);
        return period >= start && period < start + count;
      }),
    finalityUpdate: () => recording.finality,
    optimisticUpdate: () => recording.optimistic,
    blockBySlot: (slot) => recording.blocks.get(String(slot)),
    blockByRoot: (blockRoot) => blocksByRoot.get(blockRoot),
    ...(o.sse
      ? {
          subscribe: (topics: readonly LightClientTopic[], send: (topic: LightClientTopic, body: unknown) => void) => {
            const timer = setTimeout(() => {
              if (topics.includes("light_client_optimistic_update") && recording.optimistic) send("light_client_optimistic_update", recording.optimistic);
              if (topics.includes("light_client_finality_update")) send("light_client_finality_update", recording.finality);
            }, 5);
            return () => clearTimeout(timer);
          },
        }
      : {}),
    lightbus: (path, query) => {
      if (path === "/lightbus/recording") {
        // Tells the UI what is being replayed, so it can say so.
        return {
          data: {
            kind: "recorded",
            network: "mainnet",
            lastSignatureSlot: recording.lastSignatureSlot,
            genesisTimeShiftedSec: genesisTimeSec(),
            tamper: o.tamper,
          },
        };
      }
      if (path === "/lightbus/results") {
        // A feed of computation results and zkPoS proofs (metadata; proofs by id). `repeat=N` serves N rows
        // over the same proofs (for large-feed tests); rows are newest first.
        const proofs = [...recording.zkResults.values()];
        if (proofs.length === 0) return { data: [] };
        const total = Math.max(proofs.length, Math.min(Number(query.get("repeat") ?? 0) || 0, MAX_FEED_ROWS));
        const base = genesisTimeSec() * 1000 + (recording.lastSignatureSlot + 1) * SECONDS_PER_SLOT * 1000;
        const items = Array.from({ length: total }, (_, i) => {
          const proof = proofs[i % proofs.length] as (typeof proofs)[number];
          return {
            id: i < proofs.length ? proof.id : `${proof.id}~${i}`,
            proofId: proof.id,
            family: proof.family,
            source: proof.source,
            receivedAtMs: base - i * 12_000,
          };
        });
        return { data: items };
      }
      const proofMatch = /^\/lightbus\/proofs\/([\w.~-]{1,200})$/.exec(path);
      if (proofMatch) {
        const proof = recording.zkResults.get(proofMatch[1] as string);
        return proof ? { data: proof } : undefined;
      }
      return undefined;
    },
    rpc: replayRpc(recording),
  };
}

/**
 * Starts the replay server.
 * @returns Its base URL and port, the loaded recording, the genesis time served at the start (seconds; later requests
 * get the shift taken then, unless `genesisTimeSec` fixed it) and `close()`.
 * @throws {DevnetStartError} For a tamper spec the recording cannot take.
 */
export async function startReplayServer(o: ReplayServerOptions = {}) {
  const recording = loadRecording({
    lcDir: o.lcDir ?? join(root, "fixtures/mainnet-lc"),
    executionDir: o.executionDir ?? join(root, "fixtures/mainnet-execution"),
  }) as Recording;
  recording.zkResults = loadZkResults(o.zkDir ?? join(root, "fixtures/zk"));
  for (const t of o.tamper ?? []) applyTamper(recording, t);
  const fixed = o.genesisTimeSec;
  const shifted = () => fixed ?? Math.floor(Date.now() / 1000) - (recording.lastSignatureSlot + 1) * SECONDS_PER_SLOT;
  const genesisTimeSec = shifted();
  const log = o.quiet ? () => {} : (...a: unknown[]) => console.log("[replay]", ...a);
  const server = await startBeaconServer({
    source: replaySource(recording, { genesisTimeSec: shifted, sse: o.sse ?? true, tamper: o.tamper ?? [] }),
    log,
    port: o.port ?? 8788,
    host: o.host ?? "127.0.0.1",
  });
  log(
    `serving ${server.url} (genesis time shifted to ${genesisTimeSec}${fixed === undefined ? ", re-taken at each request" : ""}; tamper: ${(o.tamper ?? []).join(",") || "none"})`,
  );
  return { url: server.url, port: server.port, recording, genesisTimeSec, close: server.close };
}

/**
 * The command line: `[--port N] [--host H] [--lc-dir D] [--execution-dir D] [--zk-dir D] [--tamper kind[:i]]…
 * [--no-sse] [--quiet]`. Exits 2 on an unknown tamper kind.
 */
export async function main(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
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
    if (!(TAMPER_KINDS as readonly string[]).includes(t.split(":")[0] as string)) {
      console.error(`unknown --tamper ${t}; one of ${TAMPER_KINDS.join(", ")}`);
      process.exit(2);
    }
  }
  return startReplayServer({
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

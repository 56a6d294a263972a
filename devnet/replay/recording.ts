// Loads a light-client + execution recording from disk into memory, by format, not by file name.
// A recording directory holds beacon-API JSON (`bootstrap.json`, `updates.json`, `finality.json`,
// `optimistic.json`, `blocks/*.json` as SignedBeaconBlock v2 responses) and, optionally, an
// execution directory of JSON-RPC results (`eth_getBlockByNumber` blocks, `eth_getProof` proofs).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ssz } from "@lodestar/types";
import { hexToBytes, toHex } from "../../src/verify/hex.ts";

const SLOTS_PER_SYNC_COMMITTEE_PERIOD = 8192;

/** Beacon-API / JSON-RPC JSON as read from disk (shape checked where it is used). */
export type Json = any;

/** A zk proof vector served by the results feed. */
export type ZkResult = { id: string; family: string; source: string; json: Json };

/** A loaded recording: the beacon-API bodies and the JSON-RPC results the replay server answers with. */
export type Recording = ReturnType<typeof loadRecording> & { zkResults: Map<string, ZkResult> };

const readJson = (path: string): Json => {
  const value = JSON.parse(readFileSync(path, "utf8"));
  // Accept both a bare result and a JSON-RPC envelope.
  return value && typeof value === "object" && "jsonrpc" in value && "result" in value ? value.result : value;
};

/**
 * Computation results and zkPoS proofs for the results feed: every real vector of a zk fixture
 * directory (`telepathy/`, `risc0/`, `sp1/`, `sp1-helios/`), keyed by a stable proof id.
 */
export function loadZkResults(zkDir: string | undefined): Map<string, ZkResult> {
  const proofs = new Map<string, ZkResult>();
  if (!zkDir || !existsSync(zkDir)) return proofs;
  const add = (id: string, family: string, source: string, json: Json) => proofs.set(id, { id, family, source, json });
  const dir = (d: string) =>
    existsSync(join(zkDir, d))
      ? readdirSync(join(zkDir, d))
          .filter((n) => n.endsWith(".json"))
          .sort()
      : [];
  for (const f of dir("telepathy").filter((n) => !n.startsWith("vkey_"))) {
    const json = readJson(join(zkDir, "telepathy", f));
    const name = f.replace(/\.json$/, "");
    if (json.step) add(`telepathy-step-${name}`, "telepathy-step", `telepathy/${f}`, json);
    if (json.rotate) add(`telepathy-rotate-${name}`, "telepathy-rotate", `telepathy/${f}`, json);
    if (json.optimizedRotate) add(`telepathy-optimized-rotate-${name}`, "telepathy-optimized-rotate", `telepathy/${f}`, json);
  }
  for (const f of dir("risc0").filter((n) => n.startsWith("TestReceipt")))
    add(`risc0-${f.replace(/\.json$/, "")}`, "risc0", `risc0/${f}`, readJson(join(zkDir, "risc0", f)));
  for (const f of dir("sp1").filter((n) => n.startsWith("test_")))
    add(`sp1-${f.replace(/\.json$/, "").replace(/^test_/, "")}`, "sp1", `sp1/${f}`, readJson(join(zkDir, "sp1", f)));
  for (const f of dir("sp1-helios")) add(`sp1-helios-${f.replace(/\.json$/, "")}`, "sp1-helios", `sp1-helios/${f}`, readJson(join(zkDir, "sp1-helios", f)));
  return proofs;
}

/**
 * Loads a recording directory (see the file comment) into memory.
 * @throws {SyntaxError} When a file is not JSON (the recording is the project's own fixture).
 */
export function loadRecording({ lcDir, executionDir }: { lcDir: string; executionDir?: string }) {
  const bootstrap = readJson(join(lcDir, "bootstrap.json"));
  const updates = readJson(join(lcDir, "updates.json"));
  const finality = readJson(join(lcDir, "finality.json"));
  const optimistic = existsSync(join(lcDir, "optimistic.json")) ? readJson(join(lcDir, "optimistic.json")) : undefined;
  const blocks = new Map<string, Json>();
  const blocksDir = join(lcDir, "blocks");
  if (existsSync(blocksDir)) {
    for (const f of readdirSync(blocksDir).filter((n) => n.endsWith(".json"))) {
      const block = readJson(join(blocksDir, f));
      blocks.set(String(block.data.message.slot), block);
    }
  }
  const execBlocks = new Map<bigint, Json>();
  const proofs: Json[] = [];
  if (executionDir && existsSync(executionDir)) {
    for (const f of readdirSync(executionDir).filter((n) => n.endsWith(".json"))) {
      const v = readJson(join(executionDir, f));
      if (v && typeof v === "object" && "accountProof" in v) proofs.push(v);
      else if (v && typeof v === "object" && "stateRoot" in v && "number" in v) execBlocks.set(BigInt(v.number), v);
    }
  }
  // Proofs carry no block number: tie each to the only recorded block whose state root it was taken at.
  // (The recorded RPC answers eth_getProof only at blocks it holds.)
  const periodOf = (u: Json) => Math.floor(Number(u.data.attested_header.beacon.slot) / SLOTS_PER_SYNC_COMMITTEE_PERIOD);
  const signatureSlots = [finality, optimistic].filter(Boolean).map((u) => Number(u.data.signature_slot));
  const lastSignatureSlot = Math.max(...signatureSlots, ...(updates as Json[]).map((u) => Number(u.data.signature_slot)));
  // The checkpoint a bootstrap answers for: hash_tree_root(BeaconBlockHeader) of its header.
  const h = bootstrap.data.header.beacon;
  const checkpointRoot = toHex(
    ssz.phase0.BeaconBlockHeader.hashTreeRoot({
      slot: Number(h.slot),
      proposerIndex: Number(h.proposer_index),
      parentRoot: hexToBytes(h.parent_root, "bootstrap parent_root", 32),
      stateRoot: hexToBytes(h.state_root, "bootstrap state_root", 32),
      bodyRoot: hexToBytes(h.body_root, "bootstrap body_root", 32),
    }),
  );
  return { checkpointRoot, bootstrap, updates: updates as Json[], finality, optimistic, blocks, execBlocks, proofs, periodOf, lastSignatureSlot };
}

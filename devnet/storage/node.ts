// The devnet storage node: follows anvil's blocks, keeps the blobs of every blob transaction forever (the beacon
// prunes them) with their KZG commitments and blob proofs, maps KVStorage PutBlob logs to kvIdx, and serves them
// over JSON-RPC (./rpc.ts). Blob bytes come from anvil's `GET /eth/v1/beacon/blobs/{blockNumber}`; each blob's
// commitment is recomputed and its versioned hash must equal the transaction's `blobVersionedHashes` entry, or
// the blob is refused. KZG runs in a worker thread (./kzgWorker.mjs), off the devnet's event loop.
import { EventEmitter } from "node:events";
import { Worker } from "node:worker_threads";
import { type Hex, parseAbiItem } from "viem";
import { DevnetStartError, RequestRejectedError } from "../../src/errors/server.ts";
import { hexToBytes } from "../../src/verify/hex.ts";
import { devnetClients } from "../anvil.ts";
import { type BeaconDataSource, startBeaconServer } from "../beaconRouter.ts";
import { versionedHashOf } from "./kzg.ts";
import { storageRpc } from "./rpc.ts";
import { type HeldBlob, openBlobStore } from "./store.ts";

const PUT_BLOB = parseAbiItem("event PutBlob(uint256 indexed kvIdx, address indexed owner, bytes32 indexed key, uint256 size, bytes24 hash)");

/** Attempts at one block before the node skips it (logged). */
const MAX_ATTEMPTS = 5;

export type StorageNodeOptions = {
  rpcUrl: string;
  /** KVStorage address whose PutBlob logs give kvIdx. */
  kvStorage: Hex;
  stateDir: string;
  /** Default 18549; 0 picks a free port. */
  port?: number;
  pollMs?: number;
  quiet?: boolean;
};

/** KZG of one blob in the worker: { commitment, proof } (0x-hex). */
function startKzgWorker() {
  const worker = new Worker(new URL("./kzgWorker.mjs", import.meta.url));
  worker.unref();
  let nextId = 0;
  const pending = new Map<number, { ok: (r: { commitment: Hex; proof: Hex }) => void; fail: (e: Error) => void }>();
  worker.on("message", (m: { id: number; commitment?: Hex; proof?: Hex; error?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error || !m.commitment || !m.proof) p?.fail(new Error(m.error ?? "no result"));
    else p?.ok({ commitment: m.commitment, proof: m.proof });
  });
  worker.on("error", (e) => {
    for (const p of pending.values()) p.fail(e);
    pending.clear();
  });
  return {
    prove: (blob: Hex) =>
      new Promise<{ commitment: Hex; proof: Hex }>((ok, fail) => {
        const id = nextId++;
        pending.set(id, { ok, fail });
        worker.postMessage({ id, blob });
      }),
    stop: () => worker.terminate(),
  };
}

/**
 * Starts the storage node. Resolves once its JSON-RPC server listens (ingestion continues in the background).
 * @returns url, port, `whenHeld(versionedHash)` (resolves when the node serves that blob), `close()`.
 * @throws {DevnetStartError} When the port is taken or anvil does not answer.
 */
export async function startStorageNode(o: StorageNodeOptions) {
  const log = o.quiet ? () => {} : (...a: unknown[]) => console.log("[devnet-storage]", ...a);
  const { publicClient } = devnetClients(o.rpcUrl);
  const store = openBlobStore(o.stateDir);
  const genesis = await publicClient.getBlock({ blockNumber: 0n }).catch((e: unknown) => {
    throw new DevnetStartError({ what: "storage node", details: "anvil does not answer", cause: e });
  });
  const chain = genesis.hash as Hex;
  const saved = store.cursor();
  let next = saved?.genesisHash === chain ? saved.next : 1;
  const held = new EventEmitter();
  held.setMaxListeners(0);
  const kzg = startKzgWorker();

  /** Reads block n's blobs, checks them against its transactions, computes proofs, stores them. */
  async function ingest(n: number) {
    const block = await publicClient.getBlock({ blockNumber: BigInt(n), includeTransactions: true });
    if (!block.blobGasUsed) return;
    const expected = block.transactions.flatMap((t) => (typeof t === "object" && t.blobVersionedHashes ? t.blobVersionedHashes : []));
    const res = await fetch(`${o.rpcUrl}/eth/v1/beacon/blobs/${n}`);
    if (!res.ok) throw new Error(`anvil blobs of block ${n}: HTTP ${res.status}`);
    const { data } = (await res.json()) as { data: Hex[] };
    if (!Array.isArray(data) || data.length !== expected.length) throw new Error(`block ${n}: ${data?.length} blobs for ${expected.length} versioned hashes`);
    const logs = await publicClient.getLogs({ address: o.kvStorage, event: PUT_BLOB, fromBlock: BigInt(n), toBlock: BigInt(n) });
    for (const [i, blobHex] of data.entries()) {
      const { commitment, proof } = await kzg.prove(blobHex);
      const versionedHash = versionedHashOf(commitment);
      if (versionedHash !== expected[i]?.toLowerCase()) {
        log(`block ${n} blob ${i}: commitment gives ${versionedHash}, the transaction names ${expected[i]}; refused`);
        continue;
      }
      // Every PutBlob of this blob in the block (several keys may store the same bytes), in log order.
      const puts = logs.filter((l) => l.args.hash?.toLowerCase() === versionedHash.slice(0, 50));
      const entry: HeldBlob = { versionedHash, commitment, proof, blockNumber: n, chain, kvIdx: puts[0] ? Number(puts[0].args.kvIdx) : null };
      store.put(entry, hexToBytes(blobHex, "blob"));
      for (const p of puts) store.mapKvIdx(chain, Number(p.args.kvIdx), versionedHash);
      held.emit(versionedHash, entry);
      log(`block ${n}: holding ${versionedHash}${entry.kvIdx !== null ? ` (kvIdx ${entry.kvIdx})` : ""}`);
    }
  }

  let stopped = false;
  let busy = false;
  let failures = 0;
  const tick = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      const latest = Number(await publicClient.getBlockNumber({ cacheTime: 0 }));
      while (next <= latest && !stopped) {
        try {
          await ingest(next);
        } catch (e) {
          // Transient (anvil busy): retry on the next tick; a block that keeps failing is skipped, not a wedge.
          if (++failures < MAX_ATTEMPTS) throw e;
          log(`block ${next} skipped after ${MAX_ATTEMPTS} attempts:`, (e as Error).message);
        }
        failures = 0;
        next++;
        store.saveCursor({ genesisHash: chain, next });
      }
    } catch (e) {
      log(`block ${next} not ingested (attempt ${failures}, retrying):`, (e as Error).message);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(tick, o.pollMs ?? 250);
  void tick();

  const notBeacon = () => {
    throw new RequestRejectedError({ status: 404, reason: "a storage node, not a beacon node" });
  };
  const rpc = storageRpc({
    byHash: (h) => (h.length === 66 ? store.index.get(h) : [...store.index.values()].find((e) => e.versionedHash.startsWith(h))),
    byKvIdx: (i) => store.byKvIdx(chain, i),
    blob: (vh) => store.blob(vh),
  });
  const source: BeaconDataSource = {
    genesis: notBeacon,
    spec: notBeacon,
    bootstrap: notBeacon,
    updates: notBeacon,
    finalityUpdate: notBeacon,
    optimisticUpdate: notBeacon,
    blockBySlot: notBeacon,
    blockByRoot: notBeacon,
    rpc,
  };
  const server = await startBeaconServer({ source, port: o.port ?? 18549, maxBodyBytes: 64 * 1024 }).catch((e: unknown) => {
    stopped = true;
    clearInterval(timer);
    void kzg.stop();
    throw new DevnetStartError({ what: "storage node", cause: e });
  });
  log(`serving ${server.url} over ${o.rpcUrl}, state ${o.stateDir} (${store.index.size} blobs held)`);
  return {
    url: server.url,
    port: server.port,
    /** Resolves with the entry once the node serves the blob of `versionedHash` (an event, not a timer). */
    whenHeld: (versionedHash: Hex) =>
      new Promise<HeldBlob>((ok) => {
        const h = versionedHash.toLowerCase() as Hex;
        const now = store.index.get(h);
        if (now) return ok(now);
        held.once(h, ok);
      }),
    close: async () => {
      stopped = true;
      clearInterval(timer);
      await kzg.stop();
      await server.close();
    },
  };
}

// Devnet beacon: Ethereum consensus over anvil's blocks. For each anvil block a Deneb beacon block whose
// execution payload header carries that block's real fields, a BeaconState whose SSZ tree proves the sync
// committees and the finalized checkpoint, and light-client objects signed by a 512-member sync committee
// of interop keys, served through the standard beacon-API light-client routes. Nothing is hand-assembled:
// every root and branch comes from @lodestar/types SSZ trees.
import { Tree } from "@chainsafe/persistent-merkle-tree";
import { type BeaconConfig, chainConfigToJson, createBeaconConfig } from "@lodestar/config";
import { DOMAIN_SYNC_COMMITTEE, EPOCHS_PER_SYNC_COMMITTEE_PERIOD, SLOTS_PER_EPOCH, SYNC_COMMITTEE_SIZE } from "@lodestar/params";
import { type altair, type deneb, ssz } from "@lodestar/types";
import { ensureBls } from "../../src/consensus/bls.ts";
import { DEVNET_CHAIN_CONFIG, DEVNET_GENESIS_VALIDATORS_ROOT } from "../../src/consensus/devnetChain.ts";
import { DevnetStartError } from "../../src/errors/server.ts";
import { hexToBytes, toHex } from "../../src/verify/hex.ts";
import { devnetClients } from "../anvil.ts";
import { type BeaconDataSource, type LightClientTopic, startBeaconServer } from "../beaconRouter.ts";
import { type BlockBlobs, blobsJson, createSidecarStore, DEFAULT_BLOB_RETENTION_SLOTS, sidecarsJson } from "./blobs.ts";
import { executionPayloadOf } from "./executionPayload.ts";
import { interopSecretScalars, syncCommitteeOf } from "./interopKeys.ts";

/** Earlier periods the devnet's history spans before anvil's blocks, so light clients rotate committees. */
const HISTORY_PERIODS = 3;
const SLOTS_PER_PERIOD = EPOCHS_PER_SYNC_COMMITTEE_PERIOD * SLOTS_PER_EPOCH;
/** Beacon slot of anvil block 0 (anvil block n is slot SLOT_OFFSET + n). */
export const SLOT_OFFSET = HISTORY_PERIODS * SLOTS_PER_PERIOD;

type Produced = {
  slot: number;
  header: ReturnType<typeof ssz.phase0.BeaconBlockHeader.defaultValue>;
  root: Uint8Array;
  lcHeader: deneb.LightClientHeader;
  state: ReturnType<typeof ssz.deneb.BeaconState.defaultViewDU>;
  block: deneb.SignedBeaconBlock;
};

export type DevnetBeaconOptions = {
  rpcUrl: string;
  port?: number;
  /** Sign with a key outside the committee (negative tests): every update fails its signature check. */
  badKey?: boolean;
  /** Flip a byte of every finality branch (negative tests). */
  badBranch?: boolean;
  pollMs?: number;
  quiet?: boolean;
  /** Slots after which blobs answer 404 (pruned); default DEFAULT_BLOB_RETENTION_SLOTS (blobs.ts). */
  blobRetentionSlots?: number;
};

export async function startDevnetBeacon(o: DevnetBeaconOptions) {
  await ensureBls();
  const { publicClient } = devnetClients(o.rpcUrl);
  const log = o.quiet ? () => {} : (...a: unknown[]) => console.log("[devnet-beacon]", ...a);
  const config: BeaconConfig = createBeaconConfig(DEVNET_CHAIN_CONFIG, hexToBytes(DEVNET_GENESIS_VALIDATORS_ROOT, "DEVNET_GENESIS_VALIDATORS_ROOT"));
  // One committee per period: interop keys 512·p … 512·p + 511.
  const keysByPeriod = new Map<number, ReturnType<typeof syncCommitteeOf>>();
  const keysAt = (period: number) => {
    let k = keysByPeriod.get(period);
    if (!k) {
      k = syncCommitteeOf(interopSecretScalars(SYNC_COMMITTEE_SIZE, period * SYNC_COMMITTEE_SIZE));
      keysByPeriod.set(period, k);
    }
    return k;
  };
  const committeeAt = (period: number): altair.SyncCommittee => ({ pubkeys: keysAt(period).pubkeys, aggregatePubkey: keysAt(period).aggregatePubkey });
  const wrongSigner = syncCommitteeOf(interopSecretScalars(1, 1_000_000)).aggregateSecret;
  const signerAt = (period: number) => (o.badKey ? wrongSigner : keysAt(period).aggregateSecret);
  const periodOf = (slot: number) => Math.floor(slot / SLOTS_PER_PERIOD);

  const genesisBlock = await publicClient.getBlock({ blockNumber: 0n });
  // Anvil block n is beacon slot SLOT_OFFSET + n: the devnet's history starts HISTORY_PERIODS periods back.
  const genesisTimeSec = Number(genesisBlock.timestamp) - SLOT_OFFSET * DEVNET_CHAIN_CONFIG.SECONDS_PER_SLOT;
  const baseStates = new Map<number, ReturnType<typeof ssz.deneb.BeaconState.defaultViewDU>>();
  const baseStateAt = (period: number) => {
    let b = baseStates.get(period);
    if (!b) {
      b = ssz.deneb.BeaconState.defaultViewDU();
      b.genesisTime = genesisTimeSec;
      b.genesisValidatorsRoot = hexToBytes(DEVNET_GENESIS_VALIDATORS_ROOT, "DEVNET_GENESIS_VALIDATORS_ROOT");
      b.currentSyncCommittee = ssz.altair.SyncCommittee.toViewDU(committeeAt(period));
      b.nextSyncCommittee = ssz.altair.SyncCommittee.toViewDU(committeeAt(period + 1));
      b.commit();
      baseStates.set(period, b);
    }
    return b;
  };

  const bySlot = new Map<number, Produced>();
  const byRoot = new Map<string, Produced>();
  let head: Produced | undefined;
  const subscribers = new Set<{ topics: readonly LightClientTopic[]; send: (topic: LightClientTopic, body: unknown) => void }>();

  const noBlobs: BlockBlobs = { blobs: [], commitments: [], proofs: [] };
  const sidecarStore = createSidecarStore(o.blobRetentionSlots ?? DEFAULT_BLOB_RETENTION_SLOTS);

  const payloadOf = (n: number) => executionPayloadOf(publicClient, n);

  /** A beacon block at `slot` over `payload`, its state naming the period's committees and `finalized`. */
  function buildBlock(
    slot: number,
    payload: deneb.ExecutionPayload,
    finalized: Produced | undefined,
    parent: Produced | undefined,
    blobs: BlockBlobs = noBlobs,
  ): Produced {
    const { transactions, withdrawals: _w, ...rest } = payload;
    const execution: deneb.ExecutionPayloadHeader = {
      ...rest,
      transactionsRoot: ssz.bellatrix.Transactions.hashTreeRoot(transactions),
      withdrawalsRoot: ssz.capella.Withdrawals.hashTreeRoot(payload.withdrawals),
    };
    const blobKzgCommitments = blobs.commitments;
    const body = { ...ssz.deneb.BeaconBlockBody.defaultValue(), executionPayload: payload, blobKzgCommitments };
    const blindedBody = ssz.deneb.BlindedBeaconBlockBody.toViewDU({
      ...ssz.deneb.BlindedBeaconBlockBody.defaultValue(),
      executionPayloadHeader: execution,
      blobKzgCommitments,
    });
    const bodyRoot = blindedBody.hashTreeRoot();
    const executionBranch = new Tree(blindedBody.node).getSingleProof(25n);

    const state = baseStateAt(periodOf(slot)).clone();
    state.slot = slot;
    state.latestExecutionPayloadHeader = ssz.deneb.ExecutionPayloadHeader.toViewDU(execution);
    if (finalized) state.finalizedCheckpoint = ssz.phase0.Checkpoint.toViewDU({ epoch: Math.floor(finalized.slot / 32), root: finalized.root });
    state.commit();
    const header = { slot, proposerIndex: 0, parentRoot: parent?.root ?? new Uint8Array(32), stateRoot: state.hashTreeRoot(), bodyRoot };
    const root = ssz.phase0.BeaconBlockHeader.hashTreeRoot(header);
    const block: deneb.SignedBeaconBlock = {
      message: { slot, proposerIndex: 0, parentRoot: header.parentRoot, stateRoot: header.stateRoot, body },
      signature: new Uint8Array(96),
    };
    if (slot > SLOT_OFFSET) sidecarStore.add(slot, root, header, blindedBody.node, blobs);
    return { slot, header, root, lcHeader: { beacon: header, execution, executionBranch }, state, block };
  }

  const branch = (p: Produced, gindex: bigint) => {
    const b = new Tree(p.state.node).getSingleProof(gindex);
    if (o.badBranch && gindex === 105n) b[0] = Uint8Array.from(b[0] as Uint8Array, (x, i) => (i === 0 ? x ^ 1 : x));
    return b;
  };
  const syncAggregate = (attested: Produced, signatureSlot: number) => {
    const signingRoot = ssz.phase0.SigningData.hashTreeRoot({
      objectRoot: attested.root,
      domain: config.getDomain(signatureSlot - 1, DOMAIN_SYNC_COMMITTEE),
    });
    const bits = ssz.altair.SyncAggregate.defaultValue().syncCommitteeBits;
    for (let i = 0; i < SYNC_COMMITTEE_SIZE; i++) bits.set(i, true);
    return { syncCommitteeBits: bits, syncCommitteeSignature: signerAt(periodOf(signatureSlot)).sign(signingRoot).toBytes() };
  };
  const versioned = (data: unknown) => ({ version: "deneb", data });
  const finalityUpdate = () => {
    if (!head) return null;
    const attested = bySlot.get(head.slot - 1);
    const finalized = attested && bySlot.get(attested.slot - 2);
    if (!attested || !finalized) return null;
    return ssz.deneb.LightClientFinalityUpdate.toJson({
      attestedHeader: attested.lcHeader,
      finalizedHeader: finalized.lcHeader,
      finalityBranch: branch(attested, 105n),
      syncAggregate: syncAggregate(attested, head.slot),
      signatureSlot: head.slot,
    });
  };
  const optimisticUpdate = () => {
    const attested = head && bySlot.get(head.slot - 1);
    if (!head || !attested) return null;
    return ssz.deneb.LightClientOptimisticUpdate.toJson({
      attestedHeader: attested.lcHeader,
      syncAggregate: syncAggregate(attested, head.slot),
      signatureSlot: head.slot,
    });
  };
  const periodUpdate = () => {
    if (!head) return null;
    const attested = bySlot.get(head.slot - 1);
    const finalized = attested && bySlot.get(attested.slot - 2);
    if (!attested || !finalized) return null;
    return ssz.deneb.LightClientUpdate.toJson({
      attestedHeader: attested.lcHeader,
      nextSyncCommittee: committeeAt(periodOf(attested.slot) + 1),
      nextSyncCommitteeBranch: branch(attested, 55n),
      finalizedHeader: finalized.lcHeader,
      finalityBranch: branch(attested, 105n),
      syncAggregate: syncAggregate(attested, head.slot),
      signatureSlot: head.slot,
    });
  };

  // History: in each earlier period p, a finalized block F_p and an attested block A_p over anvil's genesis
  // payload, and the period update signed by committee p that names committee p + 1.
  const genesisPayload = (await payloadOf(0)).payload;
  const history: { finalized: Produced; attested: Produced }[] = [];
  let last: Produced | undefined;
  for (let p = 0; p < HISTORY_PERIODS; p++) {
    const finalized = buildBlock(p * SLOTS_PER_PERIOD + 50, genesisPayload, last, last);
    const attested = buildBlock(p * SLOTS_PER_PERIOD + 100, genesisPayload, finalized, finalized);
    for (const x of [finalized, attested]) {
      bySlot.set(x.slot, x);
      byRoot.set(toHex(x.root), x);
    }
    history.push({ finalized, attested });
    last = attested;
  }
  const checkpoint = history[0]?.finalized as Produced;
  const historicalUpdate = (p: number) => {
    const h = history[p] as { finalized: Produced; attested: Produced };
    return ssz.deneb.LightClientUpdate.toJson({
      attestedHeader: h.attested.lcHeader,
      nextSyncCommittee: committeeAt(p + 1),
      nextSyncCommitteeBranch: branch(h.attested, 55n),
      finalizedHeader: h.finalized.lcHeader,
      finalityBranch: branch(h.attested, 105n),
      syncAggregate: syncAggregate(h.attested, h.attested.slot + 1),
      signatureSlot: h.attested.slot + 1,
    });
  };
  head = last;

  // Follow anvil: one beacon block per execution block.
  let next = 1;
  let stopped = false;
  let producing = false;
  const tick = async () => {
    if (producing || stopped) return;
    producing = true;
    try {
      const latest = Number(await publicClient.getBlockNumber({ cacheTime: 0 }));
      while (next <= latest && !stopped) {
        const slot = SLOT_OFFSET + next;
        const { payload, blobs } = await payloadOf(next);
        const p = buildBlock(slot, payload, bySlot.get(slot - 2), head, blobs);
        bySlot.set(p.slot, p);
        byRoot.set(toHex(p.root), p);
        for (const old of bySlot.keys()) if (old > SLOT_OFFSET && old < p.slot - 256) bySlot.delete(old);
        head = p;
        next++;
        const fin = finalityUpdate();
        const opt = optimisticUpdate();
        for (const { topics, send } of subscribers) {
          if (opt && topics.includes("light_client_optimistic_update")) send("light_client_optimistic_update", versioned(opt));
          if (fin && topics.includes("light_client_finality_update")) send("light_client_finality_update", versioned(fin));
        }
      }
    } catch (e) {
      log("anvil not reachable:", (e as Error).message);
    } finally {
      producing = false;
    }
  };
  await tick();
  const timer = setInterval(tick, o.pollMs ?? 250);

  const source: BeaconDataSource = {
    genesis: () => ({
      genesis_time: String(genesisTimeSec),
      genesis_validators_root: DEVNET_GENESIS_VALIDATORS_ROOT,
      genesis_fork_version: toHex(DEVNET_CHAIN_CONFIG.GENESIS_FORK_VERSION),
    }),
    spec: () => chainConfigToJson(DEVNET_CHAIN_CONFIG),
    bootstrap: (blockRoot) => {
      const b = byRoot.get(blockRoot);
      return (
        b &&
        versioned(
          ssz.deneb.LightClientBootstrap.toJson({
            header: b.lcHeader,
            currentSyncCommittee: committeeAt(periodOf(b.slot)),
            currentSyncCommitteeBranch: branch(b, 54n),
          }),
        )
      );
    },
    updates: (start, count) => {
      const out = [];
      for (let period = start; period < start + count; period++) {
        const u = period < HISTORY_PERIODS ? historicalUpdate(period) : period === periodOf(head?.slot ?? 0) ? periodUpdate() : null;
        if (u) out.push(versioned(u));
      }
      return out;
    },
    finalityUpdate: () => {
      const u = finalityUpdate();
      return u ? versioned(u) : undefined;
    },
    optimisticUpdate: () => {
      const u = optimisticUpdate();
      return u ? versioned(u) : undefined;
    },
    blockBySlot: (slot) => {
      const b = bySlot.get(slot);
      return b && { version: "deneb", execution_optimistic: false, data: ssz.deneb.SignedBeaconBlock.toJson(b.block) };
    },
    blockByRoot: (blockRoot) => {
      const b = byRoot.get(blockRoot);
      return b && { version: "deneb", execution_optimistic: false, data: ssz.deneb.SignedBeaconBlock.toJson(b.block) };
    },
    blobSidecars: (blockId, indices) => {
      const held = sidecarStore.get(blockId, SLOT_OFFSET + 1);
      return held === "pruned" ? held : held && sidecarsJson(held, indices);
    },
    blobs: (blockId, versionedHashes) => {
      const held = sidecarStore.get(blockId, SLOT_OFFSET + 1);
      return held === "pruned" ? held : held && blobsJson(held, versionedHashes);
    },
    subscribe: (topics, send) => {
      const subscriber = { topics, send };
      subscribers.add(subscriber);
      return () => subscribers.delete(subscriber);
    },
    lightbus: (path) =>
      // Non-standard: the devnet's first finalized block root, a checkpoint the user trusts because they run the devnet.
      path === "/lightbus/checkpoint" ? { data: { root: toHex(checkpoint.root), slot: checkpoint.slot } } : undefined,
  };
  const server = await startBeaconServer({ source, port: o.port ?? 18546 }).catch((e: unknown) => {
    stopped = true;
    clearInterval(timer);
    throw new DevnetStartError({ what: "beacon", cause: e });
  });
  const url = server.url;
  log(`serving ${url} over ${o.rpcUrl}${o.badKey ? " (signing with a wrong key)" : ""}${o.badBranch ? " (bad finality branches)" : ""}`);
  return {
    url,
    genesisTimeSec,
    head: () => head?.slot ?? 0,
    close: async () => {
      stopped = true;
      clearInterval(timer);
      subscribers.clear();
      await server.close();
    },
  };
}

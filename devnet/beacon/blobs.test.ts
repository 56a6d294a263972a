import { KZG_COMMITMENT_INCLUSION_PROOF_DEPTH, KZG_COMMITMENT_SUBTREE_INDEX0 } from "@lodestar/params";
import { ssz } from "@lodestar/types";
import { sha256 } from "@noble/hashes/sha2.js";
import { createPublicClient, createTestClient, createWalletClient, type Hex, http, keccak256, parseEther, stringToBytes } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hexToBytes, toHex } from "../../src/verify/hex.ts";
import { startAnvil } from "../anvil.ts";
import { expectJsonErrorsAndSurvives } from "../malformedRequests.ts";
import { encodeBlobPadded31, microKzg, versionedHashOf, viemKzg } from "../storage/kzg.ts";
import { SLOT_OFFSET, startDevnetBeacon } from "./devnetBeacon.ts";

const dev = privateKeyToAccount("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
const RETENTION = 3;
let anvil: Awaited<ReturnType<typeof startAnvil>>;
let beacon: Awaited<ReturnType<typeof startDevnetBeacon>>;
let slot: number;
let txHash: Hex;
let versionedHashes: readonly Hex[];
const getJson = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as any };
};
/** Resolves once the beacon has produced `s` (it follows anvil's blocks). */
async function headAt(s: number) {
  while (beacon.head() < s) await new Promise((ok) => setTimeout(ok, 50));
}

/** consensus-specs is_valid_merkle_branch. */
function isValidMerkleBranch(leaf: Uint8Array, branch: Uint8Array[], depth: number, index: number, root: Uint8Array) {
  let v = leaf;
  for (let i = 0; i < depth; i++) {
    const pair = new Uint8Array(64);
    const sibling = branch[i] as Uint8Array;
    const right = Math.floor(index / 2 ** i) % 2 === 1;
    pair.set(right ? sibling : v, 0);
    pair.set(right ? v : sibling, 32);
    v = sha256(pair);
  }
  return toHex(v) === toHex(root);
}

beforeAll(async () => {
  anvil = await startAnvil({ port: 0, blockTimeSec: 0 });
  beacon = await startDevnetBeacon({ rpcUrl: anvil.url, port: 0, quiet: true, blobRetentionSlots: RETENTION, pollMs: 50 });
  const pub = createPublicClient({ chain: foundry, transport: http(anvil.url) });
  const wallet = createWalletClient({ account: dev, chain: foundry, transport: http(anvil.url) });
  txHash = await wallet.sendTransaction({
    to: dev.address,
    blobs: [encodeBlobPadded31(stringToBytes("first blob")), encodeBlobPadded31(stringToBytes("second blob"))],
    kzg: await viemKzg(),
    maxFeePerBlobGas: parseEther("0.00001"),
  });
  const receipt = await pub.waitForTransactionReceipt({ hash: txHash });
  versionedHashes = (await pub.getTransaction({ hash: txHash })).blobVersionedHashes ?? [];
  slot = SLOT_OFFSET + Number(receipt.blockNumber);
  await headAt(slot);
}, 120_000);
afterAll(async () => {
  await beacon?.close();
  await anvil?.stop();
});

describe("devnet beacon blobs", () => {
  it("a block with blob transactions carries their commitments; its payload holds the consensus-form transaction", async () => {
    const { body } = await getJson(`${beacon.url}/eth/v2/beacon/blocks/${slot}`);
    const commitments: Hex[] = body.data.message.body.blob_kzg_commitments;
    expect(commitments.map(versionedHashOf)).toEqual(versionedHashes);
    const [tx] = body.data.message.body.execution_payload.transactions as Hex[];
    expect(keccak256(tx as Hex)).toBe(txHash);
  });

  it("serves Deneb sidecars whose inclusion proofs verify against the block's body root, and blobs by versioned hash", async () => {
    const { body: block } = await getJson(`${beacon.url}/eth/v2/beacon/blocks/${slot}`);
    const message = ssz.deneb.BeaconBlock.fromJson(block.data.message);
    const bodyRoot = ssz.deneb.BeaconBlockBody.hashTreeRoot(message.body);
    const { status, body } = await getJson(`${beacon.url}/eth/v1/beacon/blob_sidecars/${slot}`);
    expect(status).toBe(200);
    expect(body.data).toHaveLength(2);
    const kzg = await microKzg();
    for (const json of body.data) {
      const s = ssz.deneb.BlobSidecar.fromJson(json);
      expect(toHex(s.signedBlockHeader.message.bodyRoot)).toBe(toHex(bodyRoot));
      expect(toHex(ssz.phase0.BeaconBlockHeader.hashTreeRoot(s.signedBlockHeader.message))).toBe(toHex(ssz.deneb.BeaconBlock.hashTreeRoot(message)));
      const leaf = ssz.deneb.KZGCommitment.hashTreeRoot(s.kzgCommitment);
      const args = [KZG_COMMITMENT_INCLUSION_PROOF_DEPTH, KZG_COMMITMENT_SUBTREE_INDEX0 + s.index, bodyRoot] as const;
      expect(isValidMerkleBranch(leaf, s.kzgCommitmentInclusionProof, ...args)).toBe(true);
      const tampered = s.kzgCommitmentInclusionProof.map((b, i) => (i === 3 ? Uint8Array.from(b, (x, j) => (j === 0 ? x ^ 1 : x)) : b));
      expect(isValidMerkleBranch(leaf, tampered, ...args)).toBe(false);
      expect(kzg.verifyBlobProof(toHex(s.blob), toHex(s.kzgCommitment), toHex(s.kzgProof))).toBe(true);
    }
    expect((await getJson(`${beacon.url}/eth/v1/beacon/blob_sidecars/${slot}?indices=1`)).body.data.map((s: any) => s.index)).toEqual(["1"]);
    const blobs = await getJson(`${beacon.url}/eth/v1/beacon/blobs/${slot}`);
    expect(blobs.body.data).toEqual(body.data.map((s: any) => s.blob));
    const one = await getJson(`${beacon.url}/eth/v1/beacon/blobs/${slot}?versioned_hashes=${versionedHashes[1]}`);
    expect(one.body.data).toEqual([body.data[1].blob]);
    expect(hexToBytes(one.body.data[0], "blob").length).toBe(131072);
    // by root too
    const root = toHex(ssz.deneb.BeaconBlock.hashTreeRoot(message));
    expect((await getJson(`${beacon.url}/eth/v1/beacon/blobs/${root}`)).body.data).toHaveLength(2);
  });

  it("rejects malformed block ids and filters; unknown blocks 404; pruned after the retention window with 404", async () => {
    expect((await getJson(`${beacon.url}/eth/v1/beacon/blob_sidecars/nope`)).status).toBe(400);
    expect((await getJson(`${beacon.url}/eth/v1/beacon/blobs/${slot}?versioned_hashes=0x12`)).status).toBe(400);
    expect((await getJson(`${beacon.url}/eth/v1/beacon/blob_sidecars/${slot}?indices=x`)).status).toBe(400);
    expect((await getJson(`${beacon.url}/eth/v1/beacon/blobs/${slot + 1000}`)).status).toBe(404);
    await expectJsonErrorsAndSurvives(beacon.url, { rpc: false });
    await createTestClient({ mode: "anvil", chain: foundry, transport: http(anvil.url) }).mine({ blocks: RETENTION + 1 });
    await headAt(slot + RETENTION + 1);
    const pruned = await getJson(`${beacon.url}/eth/v1/beacon/blob_sidecars/${slot}`);
    expect(pruned.status).toBe(404);
    expect(pruned.body.message).toMatch(/pruned/);
    expect((await getJson(`${beacon.url}/eth/v1/beacon/blobs/${slot}`)).status).toBe(404);
    // a recent block without blobs: an empty list
    expect((await getJson(`${beacon.url}/eth/v1/beacon/blobs/${slot + RETENTION + 1}`)).body.data).toEqual([]);
  }, 60_000);
});

// Blob support of the devnet beacon: the blobs of a block's type-3 transactions (from anvil's network-form raw
// transactions, which carry blobs, commitments and proofs), the block body's `blob_kzg_commitments`, Deneb
// `BlobSidecar`s with their SSZ inclusion proofs, and a retention window after which blobs answer 404 as a
// pruned beacon node does.
//
// Network form (EIP-4844 "PooledTransactions"): 0x03 ‖ rlp([tx_payload_body, blobs, commitments, proofs]);
// EIP-7594 wrapper v1: 0x03 ‖ rlp([tx_payload_body, 0x01, blobs, commitments, cell_proofs]). The block's
// transaction list holds the consensus form 0x03 ‖ rlp(tx_payload_body).
// Sidecars: https://github.com/ethereum/consensus-specs/blob/dev/specs/deneb/p2p-interface.md (BlobSidecar,
// compute_subtree_index), beacon-APIs getBlobSidecars / getBlobs.
import { Tree } from "@chainsafe/persistent-merkle-tree";
import { KZG_COMMITMENT_GINDEX0, SLOTS_PER_EPOCH } from "@lodestar/params";
import { type deneb, type phase0, ssz } from "@lodestar/types";
import { fromRlp, type Hex, sha256, toRlp } from "viem";
import { hexToBytes, toHex } from "../../src/verify/hex.ts";

/** Blobs of one block, in the order of its commitments (transactions in order, blobs in order within each). */
export type BlockBlobs = { blobs: Uint8Array[]; commitments: Uint8Array[]; proofs: Uint8Array[] };

/**
 * Default blob retention, in slots: the spec's MIN_EPOCHS_FOR_BLOB_SIDECARS_REQUESTS (4096 epochs, ~18 days
 * of 12 s mainnet slots) × 32 slots = 131072 slots. At the devnet's 2 s slots that is ~3 days of wall time:
 * the same number of slots, not the same duration. `--blob-retention-slots N` shortens it (tests use a few).
 */
export const DEFAULT_BLOB_RETENTION_SLOTS = 4096 * SLOTS_PER_EPOCH;

/**
 * Splits raw transactions as anvil returns them (eth_getRawTransactionByHash) into the consensus-form
 * transactions of the block and the blobs they carry. Transactions that are not network-form type 3 pass
 * unchanged; a block without blob transactions costs one byte comparison per transaction.
 */
export function splitBlobTransactions(raw: Uint8Array[]): { transactions: Uint8Array[] } & BlockBlobs {
  const out: { transactions: Uint8Array[] } & BlockBlobs = { transactions: [], blobs: [], commitments: [], proofs: [] };
  for (const tx of raw) {
    if (tx[0] !== 0x03) {
      out.transactions.push(tx);
      continue;
    }
    const items = fromRlp(toHex(tx.subarray(1)), "hex") as unknown[];
    if (!Array.isArray(items[0])) {
      out.transactions.push(tx); // already the consensus form (no sidecar)
      continue;
    }
    const wrapped = items.length === 5; // [tx, 0x01, blobs, commitments, cell_proofs]
    const [blobs, commitments, proofs] = (wrapped ? items.slice(2) : items.slice(1)) as [Hex[], Hex[], Hex[]];
    out.transactions.push(hexToBytes(`0x03${toRlp(items[0] as Hex[]).slice(2)}`, "consensus transaction"));
    out.blobs.push(...blobs.map((b) => hexToBytes(b, "blob")));
    out.commitments.push(...commitments.map((c) => hexToBytes(c, "commitment")));
    // A v1 wrapper carries 128 cell proofs per blob, no blob proof: sidecars of those blobs get an empty proof.
    out.proofs.push(...(wrapped ? blobs.map(() => new Uint8Array(48)) : proofs.map((p) => hexToBytes(p, "proof"))));
  }
  return out;
}

/** EIP-4844 kzg_to_versioned_hash. */
export const versionedHash = (commitment: Uint8Array): Hex => `0x01${sha256(commitment).slice(4)}` as Hex;

type HeldSidecars = { slot: number; root: Hex; sidecars: deneb.BlobSidecar[] };

/**
 * Sidecars by slot and block root, pruned `retentionSlots` after their slot. Blocks without blobs are not
 * stored: they answer an empty list while within the window (slots the beacon produced).
 */
export function createSidecarStore(retentionSlots: number) {
  const bySlot = new Map<number, HeldSidecars>();
  const rootToSlot = new Map<Hex, number>();
  let head = 0;
  let pruned = 0; // every slot < pruned is past retention
  return {
    /** Records the sidecars of a produced block (body tree = the blinded body's tree, same root as the full body). */
    add(slot: number, root: Uint8Array, header: phase0.BeaconBlockHeader, bodyNode: Tree["rootNode"], b: BlockBlobs) {
      head = Math.max(head, slot);
      rootToSlot.set(toHex(root), slot);
      if (b.blobs.length > 0) {
        const tree = new Tree(bodyNode);
        const signedBlockHeader = { message: header, signature: new Uint8Array(96) };
        const sidecars = b.blobs.map((blob, index) => ({
          index,
          blob,
          kzgCommitment: b.commitments[index] as Uint8Array,
          kzgProof: b.proofs[index] as Uint8Array,
          signedBlockHeader,
          kzgCommitmentInclusionProof: tree.getSingleProof(BigInt(KZG_COMMITMENT_GINDEX0 + index)),
        }));
        bySlot.set(slot, { slot, root: toHex(root), sidecars });
      }
      const cut = head - retentionSlots;
      for (const [s, held] of bySlot) {
        if (s < cut) {
          bySlot.delete(s);
          rootToSlot.delete(held.root);
        }
      }
      pruned = Math.max(pruned, cut);
    },
    /**
     * The sidecars of the block at `blockId` (slot, 0x-root or "head"): undefined when the beacon never
     * produced it; "pruned" when past the retention window.
     */
    get(blockId: number | Hex | "head", first: number): deneb.BlobSidecar[] | undefined | "pruned" {
      const slot = blockId === "head" ? head : typeof blockId === "number" ? blockId : rootToSlot.get(blockId);
      if (slot === undefined || slot > head || slot < first) return undefined;
      if (slot < pruned) return "pruned";
      return bySlot.get(slot)?.sidecars ?? [];
    },
  };
}

/** GET /eth/v1/beacon/blob_sidecars/{block_id}[?indices=…] body (Deneb JSON). */
export const sidecarsJson = (sidecars: deneb.BlobSidecar[], indices: number[] | undefined) => ({
  version: "deneb",
  execution_optimistic: false,
  finalized: false,
  data: sidecars.filter((s) => !indices || indices.includes(s.index)).map((s) => ssz.deneb.BlobSidecar.toJson(s)),
});

/** GET /eth/v1/beacon/blobs/{block_id}[?versioned_hashes=…] body (Fulu style: blobs only, in commitment order). */
export const blobsJson = (sidecars: deneb.BlobSidecar[], hashes: Hex[] | undefined) => ({
  execution_optimistic: false,
  finalized: false,
  data: sidecars.filter((s) => !hashes || hashes.includes(versionedHash(s.kzgCommitment))).map((s) => toHex(s.blob)),
});

// JSON-RPC methods of the devnet storage node (served through devnet/beaconRouter.ts: POST `/`, bodies ≤ 64 KiB,
// batches ≤ 100, CORS *). Errors: JsonRpcError 4404 "blob not held", 4409 "blob hash mismatch"; bad params
// answer -32602 (MalformedInputError); unknown methods -32601.
import type { Hex } from "viem";
import { MalformedInputError } from "../../src/errors/base.ts";
import { JsonRpcError } from "../../src/errors/server.ts";
import { toHex } from "../../src/verify/hex.ts";
import { BLOB_BYTES, BLOB_CAPACITY, decodeBlobPadded31 } from "./kzg.ts";
import type { HeldBlob } from "./store.ts";

/** JSON-RPC error code: the node holds no such blob (yet: blobs are held once their KZG proof is computed). */
export const BLOB_NOT_HELD = 4404;
/** JSON-RPC error code: es_getBlob's blobHash is not the hash recorded for that kvIdx. */
export const BLOB_HASH_MISMATCH = 4409;

export type StorageRpcBackend = {
  byHash(hashOrPrefix: Hex): HeldBlob | undefined;
  byKvIdx(kvIdx: number): HeldBlob | undefined;
  blob(versionedHash: Hex): Uint8Array;
};

const uint = (v: unknown, what: string, max: number): number => {
  const n = typeof v === "number" ? v : typeof v === "string" && /^(0x[0-9a-fA-F]{1,16}|\d{1,16})$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 0 || n > max) throw new MalformedInputError({ what, details: `expected an integer 0…${max}` });
  return n;
};
const hexOf = (v: unknown, what: string, bytes: number[]): Hex => {
  if (typeof v !== "string" || !/^0x[0-9a-fA-F]*$/.test(v) || !bytes.includes((v.length - 2) / 2))
    throw new MalformedInputError({ what, details: `expected 0x-hex of ${bytes.join(" or ")} bytes` });
  return v.toLowerCase() as Hex;
};
const notHeld = (what: string) => new JsonRpcError({ rpcCode: BLOB_NOT_HELD, message: `blob not held: ${what}` });

/**
 * The node's methods.
 * - `es_getBlob(kvIdx, blobHash, decodeType, off, len) → 0x-bytes` (es-node's es_api GetBlob): the blob KVStorage
 *   recorded at `kvIdx` on the chain followed, checked against `blobHash` (bytes32; its first 24 bytes must equal
 *   the versioned hash's); decodeType 0 = raw blob bytes (off + len ≤ 131072), 1 = PaddingPer31Bytes content
 *   (off + len ≤ 126976); 2 (OptimismCompact) is not supported (-32602).
 * - `lightbus_getBlob(hash) → { blob, commitment, proof, versionedHash, blockNumber, kvIdx }`: `hash` is a 32-byte
 *   versioned hash or its first 24 bytes (what KVStorage records); `proof` is the KZG blob proof; `kvIdx` is null
 *   when no PutBlob named the blob.
 */
export function storageRpc(backend: StorageRpcBackend) {
  return (method: string, params: readonly unknown[]): unknown => {
    if (method === "lightbus_getBlob") {
      const hash = hexOf(params[0], "versioned hash", [32, 24]);
      const held = backend.byHash(hash);
      if (!held) throw notHeld(hash);
      const { versionedHash, commitment, proof, blockNumber, kvIdx } = held;
      return { blob: toHex(backend.blob(versionedHash)), commitment, proof, versionedHash, blockNumber, kvIdx };
    }
    if (method === "es_getBlob") {
      const kvIdx = uint(params[0], "kvIdx", 2 ** 40 - 1);
      const blobHash = hexOf(params[1], "blobHash", [32, 24]);
      const decodeType = uint(params[2], "decodeType", 2);
      if (decodeType === 2) throw new MalformedInputError({ what: "decodeType", details: "OptimismCompact (2) is not supported; use 0 or 1" });
      const limit = decodeType === 0 ? BLOB_BYTES : BLOB_CAPACITY;
      const off = uint(params[3], "off", limit);
      const len = uint(params[4], "len", limit - off);
      const held = backend.byKvIdx(kvIdx);
      if (!held) throw notHeld(`kvIdx ${kvIdx}`);
      if (held.versionedHash.slice(0, 50) !== blobHash.slice(0, 50))
        throw new JsonRpcError({ rpcCode: BLOB_HASH_MISMATCH, message: `blob hash mismatch: kvIdx ${kvIdx} holds ${held.versionedHash}` });
      const blob = backend.blob(held.versionedHash);
      const bytes = decodeType === 0 ? blob : decodeBlobPadded31(blob, BLOB_CAPACITY);
      return toHex(bytes.subarray(off, off + len));
    }
    throw new JsonRpcError({ rpcCode: -32601, message: `method not found: ${method.slice(0, 64)}` });
  };
}

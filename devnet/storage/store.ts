// The devnet storage node's disk: blobs kept forever (the beacon prunes, this does not).
// Layout under the state directory: blobs/<versionedHash>.bin (131072 raw bytes), index.json (one entry per blob,
// without the bytes), kvidx.json ([kvIdx, versionedHash, chain] for every KVStorage PutBlob seen: several kvIdx may
// name one blob), cursor.json ({ genesisHash, next }: the chain followed and the next block to read).
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
  const kvIdxFile = join(dir, "kvidx.json");
  const index = new Map<Hex, HeldBlob>();
  if (existsSync(indexFile)) for (const e of JSON.parse(readFileSync(indexFile, "utf8")) as HeldBlob[]) index.set(e.versionedHash, e);
  const kvIdx = new Map<string, Hex>();
  const kvKey = (chain: Hex, i: number) => `${chain}:${i}`;
  if (existsSync(kvIdxFile)) for (const [i, h, chain] of JSON.parse(readFileSync(kvIdxFile, "utf8")) as [number, Hex, Hex][]) kvIdx.set(kvKey(chain, i), h);
  // Entries of stores written before kvidx.json existed.
  for (const e of index.values()) if (e.kvIdx !== null && !kvIdx.has(kvKey(e.chain, e.kvIdx))) kvIdx.set(kvKey(e.chain, e.kvIdx), e.versionedHash);
  return {
    index,
    /** Records that KVStorage's `kvIdx` on `chain` names the blob `versionedHash` (a later PutBlob of that kvIdx wins: an overwrite). */
    mapKvIdx(chain: Hex, i: number, versionedHash: Hex) {
      kvIdx.set(kvKey(chain, i), versionedHash);
      writeAtomic(kvIdxFile, JSON.stringify([...kvIdx.entries()].map(([k, h]) => [Number(k.split(":")[1]), h, k.split(":")[0]])));
    },
    /** The blob KVStorage's `kvIdx` names on `chain`, if held. */
    byKvIdx(chain: Hex, i: number): HeldBlob | undefined {
      const h = kvIdx.get(kvKey(chain, i));
      return h === undefined ? undefined : index.get(h);
    },
    cursor(): { genesisHash: Hex; next: number } | undefined {
      return existsSync(cursorFile) ? JSON.parse(readFileSync(cursorFile, "utf8")) : undefined;
    },
    saveCursor(c: { genesisHash: Hex; next: number }) {
      writeAtomic(cursorFile, JSON.stringify(c));
    },
    /** Keeps a blob. The same bytes published again later do not replace the first entry (its block and kvIdx stay). */
    put(entry: HeldBlob, blob: Uint8Array) {
      const old = index.get(entry.versionedHash);
      if (old && old.chain === entry.chain) {
        if (old.kvIdx !== null || entry.kvIdx === null) return;
        index.set(entry.versionedHash, { ...old, kvIdx: entry.kvIdx });
        writeAtomic(indexFile, JSON.stringify([...index.values()]));
        return;
      }
      writeFileSync(join(dir, "blobs", `${entry.versionedHash}.bin`), blob);
      index.set(entry.versionedHash, entry);
      writeAtomic(indexFile, JSON.stringify([...index.values()]));
    },
    blob(versionedHash: Hex): Uint8Array {
      return new Uint8Array(readFileSync(join(dir, "blobs", `${versionedHash}.bin`)));
    },
  };
}

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from "@libp2p/crypto/keys";
import type { PrivateKey } from "@libp2p/interface";
import { bytesToHex, hexToBytes } from "viem";
import type { Receipt } from "../../src/prover/zkvm/receipt.ts";
import type { JobSpec } from "./job.ts";

/**
 * The coordinator's state directory (docs/prover-network.md, "Persistence"):
 * - `peer-key` — the libp2p private key (protobuf, libp2p's key format), so the peer id and multiaddr survive restarts;
 * - `jobs/<jobId>/job.json` — the submission ({@link JobSpec});
 * - `jobs/<jobId>/segment-<index>.json` — an accepted segment: `{ peer, acceptedAtMs, proof: 0x-hex }`;
 * - `jobs/<jobId>/receipt.json` — the composite receipt once assembled (docs/zkvm.md).
 * Files are written to a temporary name and renamed, so a crash never leaves a half-written one.
 */
export class CoordinatorStore {
  constructor(readonly dir: string) {
    mkdirSync(join(dir, "jobs"), { recursive: true });
  }

  private write(path: string, data: string | Uint8Array): void {
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  }

  async peerKey(): Promise<PrivateKey> {
    const path = join(this.dir, "peer-key");
    if (existsSync(path)) return privateKeyFromProtobuf(readFileSync(path));
    const key = await generateKeyPair("Ed25519");
    this.write(path, privateKeyToProtobuf(key));
    return key;
  }

  private jobDir(jobId: string): string {
    return join(this.dir, "jobs", jobId);
  }

  saveJob(spec: JobSpec): void {
    mkdirSync(this.jobDir(spec.jobId), { recursive: true });
    this.write(join(this.jobDir(spec.jobId), "job.json"), JSON.stringify(spec));
  }

  saveSegment(jobId: string, index: number, peer: string, proof: Uint8Array, acceptedAtMs: number): void {
    this.write(join(this.jobDir(jobId), `segment-${index}.json`), JSON.stringify({ peer, acceptedAtMs, proof: bytesToHex(proof) }));
  }

  saveReceipt(jobId: string, receipt: Receipt): void {
    this.write(join(this.jobDir(jobId), "receipt.json"), JSON.stringify(receipt));
  }

  /** Every stored job with its accepted segments and receipt (oldest submission first). Unreadable entries are skipped. */
  load(): { spec: JobSpec; segments: { index: number; peer: string; acceptedAtMs: number; proof: Uint8Array }[]; receipt?: Receipt }[] {
    const root = join(this.dir, "jobs");
    const out = readdirSync(root).flatMap((id) => {
      try {
        const dir = join(root, id);
        const spec = JSON.parse(readFileSync(join(dir, "job.json"), "utf8")) as JobSpec;
        const files = readdirSync(dir);
        const segments = files.flatMap((f) => {
          const m = /^segment-(\d+)\.json$/.exec(f);
          if (!m) return [];
          const s = JSON.parse(readFileSync(join(dir, f), "utf8")) as { peer: string; acceptedAtMs: number; proof: `0x${string}` };
          return [{ index: Number(m[1]), peer: s.peer, acceptedAtMs: s.acceptedAtMs, proof: hexToBytes(s.proof) }];
        });
        const receipt = files.includes("receipt.json") ? (JSON.parse(readFileSync(join(dir, "receipt.json"), "utf8")) as Receipt) : undefined;
        return [{ spec, segments, ...(receipt ? { receipt } : {}) }];
      } catch {
        return [];
      }
    });
    return out.sort((a, b) => a.spec.submittedAtMs - b.spec.submittedAtMs);
  }
}

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from "@libp2p/crypto/keys";
import type { PrivateKey } from "@libp2p/interface";
import { bytesToHex, hexToBytes } from "viem";
import { MalformedInputError } from "../../src/errors/base.ts";
import type { Receipt } from "../../src/prover/zkvm/receipt.ts";
import type { JobSpec } from "./job.ts";

/** One stored segment file, read but not yet checked (`error` if it could not be read). */
export type StoredSegment = { index: number; peer: string; acceptedAtMs: number; proof: Uint8Array } | { index: number; error: unknown };

/** One job directory as read from disk: nothing in it is trusted until the coordinator re-checks it. */
export type StoredJob = { dir: string; spec?: unknown; error?: unknown; segments: StoredSegment[]; hasReceipt: boolean };

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
    if (existsSync(path)) {
      try {
        return privateKeyFromProtobuf(readFileSync(path));
      } catch (e) {
        throw new MalformedInputError({ what: `coordinator peer key ${path}`, cause: e });
      }
    }
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

  deleteSegment(jobId: string, index: number): void {
    rmSync(join(this.jobDir(jobId), `segment-${index}.json`), { force: true });
  }

  /** Moves a job directory aside (`<dir>.quarantined-<ms>`); {@link load} skips it from then on. */
  quarantine(dir: string): string {
    const to = `${dir}.quarantined-${Date.now()}`;
    renameSync(this.jobDir(dir), this.jobDir(to));
    return to;
  }

  /**
   * Every stored job directory (oldest submission first), read but unchecked: the caller re-executes the
   * spec, recomputes the job id and verifies every proof. Quarantined directories are skipped.
   */
  load(): StoredJob[] {
    const root = join(this.dir, "jobs");
    const out = readdirSync(root)
      .filter((id) => !id.includes(".quarantined-") && !id.includes(".tmp-"))
      .map((id): StoredJob => {
        const dir = join(root, id);
        try {
          const spec: unknown = JSON.parse(readFileSync(join(dir, "job.json"), "utf8"));
          const files = readdirSync(dir);
          const segments = files.flatMap((f): StoredSegment[] => {
            const m = /^segment-(\d+)\.json$/.exec(f);
            if (!m) return [];
            const index = Number(m[1]);
            try {
              const s = JSON.parse(readFileSync(join(dir, f), "utf8")) as { peer: string; acceptedAtMs: number; proof: `0x${string}` };
              if (typeof s.peer !== "string" || typeof s.acceptedAtMs !== "number" || !/^0x[0-9a-fA-F]*$/.test(String(s.proof)))
                throw new MalformedInputError({ what: `stored segment ${f}` });
              return [{ index, peer: s.peer, acceptedAtMs: s.acceptedAtMs, proof: hexToBytes(s.proof) }];
            } catch (error) {
              return [{ index, error }];
            }
          });
          return { dir: id, spec, segments, hasReceipt: files.includes("receipt.json") };
        } catch (error) {
          return { dir: id, error, segments: [], hasReceipt: false };
        }
      });
    const at = (j: StoredJob) => ((j.spec as { submittedAtMs?: unknown } | undefined)?.submittedAtMs as number) || 0;
    return out.sort((a, b) => at(a) - at(b));
  }
}

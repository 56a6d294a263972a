// A market prover's use of the coordinator's HTTP API (devnet/coordinator/http.ts): submit a job, wait for its
// receipt. Tests and the prover wait for the receipt by polling at the block time (it is what the API offers).
import { bytesToHex, type Hex } from "viem";
import { BaseError } from "../../src/errors/base.ts";
import type { Program } from "../../src/prover/vm/isa.ts";
import { parseReceipt } from "../../src/prover/zkvm/parseReceipt.ts";
import type { Receipt } from "../../src/prover/zkvm/receipt.ts";

/** The coordinator refused a job or a read (its error code, or the HTTP status). */
export class CoordinatorHttpError extends BaseError {
  override name = "CoordinatorHttpError";
}

/** Segment size of market jobs: 2^10 rows. */
export const MARKET_JOB_PO2 = 10;

/** POST /lightbus/jobs `{ code, entry, input, po2 }` → the job id. @throws {CoordinatorHttpError} */
export async function submitJob(httpUrl: string, program: Program, input: readonly number[], po2 = MARKET_JOB_PO2): Promise<Hex> {
  const res = await fetch(`${httpUrl}/lightbus/jobs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ code: bytesToHex(program.code), entry: program.entry, input, po2 }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await res.json().catch(() => ({}))) as { jobId?: Hex; error?: { code?: string; message?: string } };
  if (!res.ok || !body.jobId)
    throw new CoordinatorHttpError(body.error?.code ?? `Http${res.status}`, body.error?.message ?? `POST /lightbus/jobs answered ${res.status}`);
  return body.jobId;
}

/**
 * Polls GET /lightbus/proofs/:jobId every `pollMs` until the receipt is there (404 = not yet) or `signal` aborts.
 * @throws {MalformedReceiptError} for a receipt that does not parse; {@link CoordinatorHttpError} for another status.
 */
export async function waitForReceipt(httpUrl: string, jobId: Hex, { pollMs = 1000, signal }: { pollMs?: number; signal?: AbortSignal } = {}): Promise<Receipt> {
  for (;;) {
    signal?.throwIfAborted();
    const res = await fetch(`${httpUrl}/lightbus/proofs/${jobId}`, { signal: AbortSignal.any([AbortSignal.timeout(30_000), ...(signal ? [signal] : [])]) });
    if (res.status === 200) return parseReceipt(((await res.json()) as { data: { json: unknown } }).data.json);
    if (res.status !== 404) throw new CoordinatorHttpError(`Http${res.status}`, `GET /lightbus/proofs/${jobId} answered ${res.status}`);
    await res.body?.cancel();
    await new Promise((ok) => setTimeout(ok, pollMs));
  }
}

// A devnet market prover (docs/prover-network.md "Devnet provers and providers"): watches the ProofMarket's
// RequestSubmitted events, locks requests worth its ask, has the coordinator's libp2p prover network prove them
// and fulfils them with the EVM-encoded composite receipt. A dishonest mode (a TEST TOOL for the app's slash flow)
// locks only cheap requests and then delivers a tampered receipt, a receipt of another input, or nothing.
import { ContractFunctionRevertedError, createWalletClient, type Hex, http, parseEther, BaseError as ViemBaseError } from "viem";
import type { LocalAccount } from "viem/accounts";
import { BaseError } from "../../src/errors/base.ts";
import { fulfillmentCommitment } from "../../src/jobs/fulfillmentCommitment.ts";
import { gasWithMargin } from "../../src/jobs/gasMargin.ts";
import type { Receipt } from "../../src/prover/zkvm/receipt.ts";
import { encodeReceiptForEvm } from "../../src/prover/zkvm/receiptEvm.ts";
import { devnetClients } from "../anvil.ts";
import { proofMarketAbi } from "./abi.ts";
import { submitJob, waitForReceipt } from "./coordinatorHttp.ts";
import { type CheckedRequest, checkRequest, lockDeadlineOf, type ProofRequest, priceAt } from "./requests.ts";

export const DISHONEST_MODES = ["bad-receipt", "wrong-journal", "vanish"] as const;
export type ProverMode = "honest" | (typeof DISHONEST_MODES)[number];
/** The honest provers' ask: 1e14 wei (0.0001 ether). */
export const DEFAULT_ASK_WEI = 100_000_000_000_000n;
export const PROVER_COLLATERAL = parseEther("1");
/** Most collateral a request may ask of a devnet prover: 0.1 ether. */
export const MAX_LOCK_COLLATERAL = parseEther("0.1");

export type MarketEventBody =
  | { type: "started"; mode: ProverMode; askWei: string; deposited: string }
  | { type: "skipped"; requestId: string; reason: string }
  | { type: "locked"; requestId: string; price: string; txHash: Hex }
  | { type: "lost-race"; requestId: string; locker: Hex }
  | { type: "proving"; requestId: string; jobId: Hex }
  | { type: "proven"; requestId: string; jobId: Hex; segments: number }
  | { type: "committed"; requestId: string; txHash: Hex }
  | { type: "fulfilled"; requestId: string; txHash: Hex; journal: number[] }
  | { type: "reverted"; requestId: string; action: "lock" | "fulfill"; errorName: string; args: string[]; txHash?: Hex }
  | { type: "cheating"; requestId: string; mode: ProverMode }
  | { type: "gave-up"; requestId: string; reason: string }
  | { type: "resumed"; requestId: string }
  | { type: "error"; requestId?: string; code: string; message: string };
/** One JSON line `{ market: MarketEvent }` each. `requestId` is decimal; wei amounts are decimal strings. */
export type MarketEvent = { prover: Hex } & MarketEventBody;

export type MarketProverOptions = {
  rpcUrl: string;
  chainId: number;
  market: Hex;
  account: LocalAccount;
  coordinatorHttpUrl: string;
  mode?: ProverMode;
  askWei?: bigint;
  /** How often to read new events and the chain's time (ms); the devnet's block time. */
  pollMs?: number;
  /** ABIs whose custom errors name reverts (the receipt verifier's); the market's own errors are always known. */
  errorAbis?: readonly unknown[][];
  onEvent?: (e: MarketEvent) => void;
  /** Called with the number of this prover's jobs in flight on the prover network each time it changes. */
  onJobsInFlight?: (n: number) => void;
};

const str = (v: unknown) => (typeof v === "bigint" ? v.toString() : String(v));
const errorMessage = (e: unknown) => (e instanceof BaseError || e instanceof ViemBaseError ? e.shortMessage : e instanceof Error ? e.message : String(e));

/** The custom error a failed simulation or call reverted with: its name and arguments (or the raw selector). */
export function revertOf(e: unknown): { errorName: string; args: string[] } | null {
  const r = e instanceof ViemBaseError ? e.walk((x) => x instanceof ContractFunctionRevertedError) : null;
  if (!(r instanceof ContractFunctionRevertedError)) return null;
  if (r.data) return { errorName: r.data.errorName, args: (r.data.args ?? []).map(str) };
  return { errorName: r.signature ?? r.reason ?? "unknown", args: [] };
}

/** A receipt with one byte of segment 0's STARK proof flipped (the middle byte): the verifier must refuse it. */
export function flipProofByte(r: Receipt): Receipt {
  const [first, ...rest] = r.segments;
  if (!first) return r;
  const bytes = first.proof.slice(2);
  const i = (bytes.length >> 2) << 1; // a byte boundary near the middle
  const flipped = (Number.parseInt(bytes.slice(i, i + 2), 16) ^ 0x01).toString(16).padStart(2, "0");
  return { ...r, segments: [{ ...first, proof: `0x${bytes.slice(0, i)}${flipped}${bytes.slice(i + 2)}` }, ...rest] };
}

/**
 * Starts one market prover: deposits collateral up to 1 ether, resumes its own open locks (honest mode), then
 * polls for requests every `pollMs`. `stop()` ends the loop (work in flight is abandoned, as a crash would).
 */
export async function startMarketProver(o: MarketProverOptions) {
  const mode = o.mode ?? "honest";
  const ask = o.askWei ?? DEFAULT_ASK_WEI;
  const me = o.account.address;
  const pollMs = o.pollMs ?? 1000;
  const { publicClient } = devnetClients(o.rpcUrl);
  const wallet = createWalletClient({ account: o.account, transport: http(o.rpcUrl, { retryCount: 0, timeout: 60_000 }) });
  const abi = [...proofMarketAbi, ...(o.errorAbis ?? []).flat().filter((x) => (x as { type?: string }).type === "error")] as unknown as typeof proofMarketAbi;
  const emit = (e: MarketEventBody) => o.onEvent?.({ prover: me, ...e } as MarketEvent);
  const stopper = new AbortController();
  // One send at a time: concurrent sends from one key would race for its nonce.
  let sending: Promise<unknown> = Promise.resolve();
  const serial = <T>(f: () => Promise<T>): Promise<T> => {
    const p = sending.then(f, f);
    sending = p.catch(() => {});
    return p;
  };
  const read = <T>(functionName: string, args: readonly unknown[]) =>
    publicClient.readContract({ address: o.market, abi: proofMarketAbi, functionName, args } as never) as Promise<T>;
  const status = (id: bigint) => read<{ state: number; locker: Hex; deadline: bigint; requestDigest: Hex }>("requestStatus", [id]);

  // Collateral first, so the first lock does not wait for it.
  const balance = await read<bigint>("balanceOf", [me]);
  if (balance < PROVER_COLLATERAL) {
    const hash = await wallet.writeContract({
      chain: null,
      address: o.market,
      abi: proofMarketAbi,
      functionName: "deposit",
      value: PROVER_COLLATERAL - balance,
    });
    await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 100 });
  }
  emit({ type: "started", mode, askWei: ask.toString(), deposited: (balance < PROVER_COLLATERAL ? PROVER_COLLATERAL - balance : 0n).toString() });

  const fulfil = async (c: CheckedRequest, receipt: Receipt) => {
    const id = c.request.id;
    const data = encodeReceiptForEvm(receipt);
    const args = [id, data] as const;
    try {
      // Near or past the lock deadline the market wants a commitment mined in an earlier block (commit-reveal,
      // docs/proof-market.md): commit first, then fulfil once a later block is there.
      const head = await publicClient.getBlock({ blockTag: "latest" });
      if (head.timestamp + 4n > lockDeadlineOf(c.request.offer)) {
        const commitment = fulfillmentCommitment(id, me, data);
        const commitHash = await serial(() =>
          wallet.writeContract({ chain: null, address: o.market, abi: proofMarketAbi, functionName: "commitFulfillment", args: [commitment] }),
        );
        const mined = await publicClient.waitForTransactionReceipt({ hash: commitHash, pollingInterval: 200 });
        while ((await publicClient.getBlockNumber()) <= mined.blockNumber) await new Promise((ok) => setTimeout(ok, pollMs / 4));
        emit({ type: "committed", requestId: id.toString(), txHash: commitHash });
      }
      const sim = await publicClient.simulateContract({ account: o.account, address: o.market, abi, functionName: "fulfill", args });
      const hash = await serial(() => wallet.writeContract(sim.request));
      const r = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 200 });
      if (r.status === "success") return emit({ type: "fulfilled", requestId: id.toString(), txHash: hash, journal: [...receipt.journal] });
      emit({ type: "reverted", requestId: id.toString(), action: "fulfill", errorName: "unknown (mined reverted)", args: [], txHash: hash });
    } catch (e) {
      const why = revertOf(e);
      if (!why) throw e;
      // Send it anyway (explicit gas: 95 % of the block gas limit, no estimate) so the refusal is on chain for everyone to see.
      const { gasLimit } = await publicClient.getBlock({ blockTag: "latest" });
      const hash = await serial(() =>
        wallet.writeContract({ chain: null, address: o.market, abi, functionName: "fulfill", args, gas: (gasLimit * 95n) / 100n }),
      );
      await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 200 });
      emit({ type: "reverted", requestId: id.toString(), action: "fulfill", ...why, txHash: hash });
    }
  };

  let inFlight = 0;
  /** After the lock: prove (honestly or not) and fulfil; any failure is logged, never thrown. */
  const work = async (c: CheckedRequest) => {
    const requestId = c.request.id.toString();
    try {
      if (mode !== "honest") emit({ type: "cheating", requestId, mode });
      if (mode === "vanish") return emit({ type: "gave-up", requestId, reason: "vanished (dishonest mode)" });
      const input = mode === "wrong-journal" ? (c.input.length ? [(c.input[0] as number) + 1, ...c.input.slice(1)] : [1]) : c.input;
      o.onJobsInFlight?.(++inFlight);
      // A busy coordinator (too many unfinished jobs) is asked again every few polls until it takes the job.
      let jobId: Hex | undefined;
      while (!jobId) {
        jobId = await submitJob(o.coordinatorHttpUrl, c.program.program, input).catch(async (e: unknown) => {
          if (!(e instanceof BaseError && e.code === "CoordinatorBusy") || stopper.signal.aborted) throw e;
          await new Promise((ok) => setTimeout(ok, 3 * pollMs));
          return undefined;
        });
      }
      emit({ type: "proving", requestId, jobId });
      const receipt = await waitForReceipt(o.coordinatorHttpUrl, jobId, { pollMs, signal: stopper.signal });
      emit({ type: "proven", requestId, jobId, segments: receipt.segments.length });
      await fulfil(c, mode === "bad-receipt" ? flipProofByte(receipt) : receipt);
      if (mode !== "honest") emit({ type: "gave-up", requestId, reason: "its fulfilment reverted (dishonest mode)" });
    } catch (e) {
      if (stopper.signal.aborted) return;
      emit({ type: "error", requestId, code: e instanceof BaseError ? e.code : "Unknown", message: errorMessage(e) });
    } finally {
      if (mode !== "vanish") o.onJobsInFlight?.(--inFlight);
    }
  };

  const wants = (c: CheckedRequest, now: bigint): "lock" | "wait" | string => {
    const o2 = c.request.offer;
    if (now > lockDeadlineOf(o2)) return "lock deadline passed";
    if (o2.lockCollateral > MAX_LOCK_COLLATERAL) return `collateral ${o2.lockCollateral} over ${MAX_LOCK_COLLATERAL}`;
    if (mode === "honest") return priceAt(o2, now) >= ask ? "lock" : o2.maxPrice < ask ? `max price ${o2.maxPrice} below the ask ${ask}` : "wait";
    return o2.maxPrice < ask ? "lock" : "not a cheap request (dishonest mode locks only those)";
  };

  const lock = async (c: CheckedRequest) => {
    const id = c.request.id;
    const args = [c.request, c.signature] as const;
    try {
      const call = { account: o.account, address: o.market, abi, functionName: "lockRequest", args } as const;
      const sim = await publicClient.simulateContract(call);
      // The app's margin on the estimate (gasWithMargin): the ramp's branch depends on the mining block's timestamp.
      const gas = gasWithMargin(await publicClient.estimateContractGas(call));
      const hash = await serial(() => wallet.writeContract({ ...sim.request, gas }));
      const r = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 200 });
      const s = await status(id);
      if (r.status !== "success" || s.locker.toLowerCase() !== me.toLowerCase()) {
        if (s.state !== 0 && s.locker.toLowerCase() !== me.toLowerCase()) return emit({ type: "lost-race", requestId: id.toString(), locker: s.locker });
        return emit({ type: "reverted", requestId: id.toString(), action: "lock", errorName: "unknown (mined reverted)", args: [], txHash: hash });
      }
      emit({
        type: "locked",
        requestId: id.toString(),
        price: priceAt(c.request.offer, (await publicClient.getBlock({ blockHash: r.blockHash })).timestamp).toString(),
        txHash: hash,
      });
      void work(c);
    } catch (e) {
      const why = revertOf(e);
      if (why?.errorName === "AlreadyLocked") {
        const s = await status(id).catch(() => null);
        return emit({ type: "lost-race", requestId: id.toString(), locker: s?.locker ?? "0x" });
      }
      if (why) return emit({ type: "reverted", requestId: id.toString(), action: "lock", ...why });
      emit({ type: "error", requestId: id.toString(), code: e instanceof BaseError ? e.code : "Unknown", message: errorMessage(e) });
    }
  };

  const pending = new Map<string, CheckedRequest>(); // requestId:digest → waiting for its price
  const seen = new Set<string>();
  let fromBlock = 0n;

  // Restart: resume this prover's open locks (state 1, locker = me) from the request they locked.
  const resume = async () => {
    const locks = await publicClient.getContractEvents({
      address: o.market,
      abi: proofMarketAbi,
      eventName: "RequestLocked",
      args: { prover: me },
      fromBlock: 0n,
    });
    for (const l of locks) {
      const id = l.args.requestId as bigint;
      const s = await status(id);
      if (s.state !== 1 || s.locker.toLowerCase() !== me.toLowerCase()) continue;
      const subs = await publicClient.getContractEvents({
        address: o.market,
        abi: proofMarketAbi,
        eventName: "RequestSubmitted",
        args: { requestId: id, requestDigest: s.requestDigest },
        fromBlock: 0n,
      });
      const sub = subs[0];
      seen.add(`${id}:${s.requestDigest}`);
      if (!sub || mode !== "honest") {
        emit({ type: "gave-up", requestId: id.toString(), reason: sub ? "restarted (dishonest mode)" : "its request was not broadcast on chain" });
        continue;
      }
      const checked = await checkRequest(o.chainId, o.market, sub.args.request as ProofRequest, sub.args.clientSignature as Hex);
      if (!checked.ok) continue;
      emit({ type: "resumed", requestId: id.toString() });
      void work(checked.checked);
    }
  };
  await resume();

  const poll = async () => {
    const head = await publicClient.getBlock({ blockTag: "latest" });
    if (head.number >= fromBlock) {
      const logs = await publicClient.getContractEvents({
        address: o.market,
        abi: proofMarketAbi,
        eventName: "RequestSubmitted",
        fromBlock,
        toBlock: head.number,
      });
      fromBlock = head.number + 1n;
      for (const log of logs) {
        const request = log.args.request as ProofRequest;
        const key = `${request.id}:${log.args.requestDigest}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const checked = await checkRequest(o.chainId, o.market, request, log.args.clientSignature as Hex);
        if (!checked.ok) {
          emit({ type: "skipped", requestId: request.id.toString(), reason: checked.reason });
          continue;
        }
        pending.set(key, checked.checked);
      }
    }
    for (const [key, c] of pending) {
      const verdict = wants(c, head.timestamp);
      if (verdict === "wait") continue;
      pending.delete(key);
      if (verdict !== "lock") {
        emit({ type: "skipped", requestId: c.request.id.toString(), reason: verdict });
        continue;
      }
      const s = await status(c.request.id);
      if (s.state !== 0) continue; // locked by someone already, or settled: not ours to race for
      const price = priceAt(c.request.offer, head.timestamp);
      if ((await read<bigint>("balanceOf", [c.client])) < price) {
        emit({ type: "skipped", requestId: c.request.id.toString(), reason: `client balance below the price ${price}` });
        continue;
      }
      if ((await read<bigint>("balanceOf", [me])) < c.request.offer.lockCollateral) {
        emit({ type: "skipped", requestId: c.request.id.toString(), reason: "not enough collateral left" });
        continue;
      }
      void lock(c);
    }
  };

  const loop = (async () => {
    while (!stopper.signal.aborted) {
      await poll().catch((e: unknown) => {
        if (!stopper.signal.aborted) emit({ type: "error", code: e instanceof BaseError ? e.code : "Unknown", message: errorMessage(e) });
      });
      await new Promise((ok) => setTimeout(ok, pollMs));
    }
  })();

  return {
    address: me,
    mode,
    stop: async () => {
      stopper.abort();
      await loop;
    },
  };
}

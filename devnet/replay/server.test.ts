import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ssz } from "@lodestar/types";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { toHex } from "../../src/verify/hex.ts";
import { expectJsonErrorsAndSurvives } from "../malformedRequests.ts";
import { startReplayServer } from "./server.ts";

const CHECKPOINT = "0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275";
let server: { url: string; close: () => Promise<void>; genesisTimeSec: number };
let tampered: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  server = await startReplayServer({ port: 0, quiet: true });
  tampered = await startReplayServer({ port: 0, quiet: true, tamper: ["update-signature:1"] });
});
afterAll(async () => {
  await server.close();
  await tampered.close();
});

const get = (path: string, base = server.url) => fetch(`${base}${path}`);

describe("replay server", () => {
  it("serves a genesis shifted so that now is just after the last recorded signature", async () => {
    const res = await get("/eth/v1/beacon/genesis");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const { data } = await res.json();
    const slotNow = Math.floor((Date.now() / 1000 - Number(data.genesis_time)) / 12);
    expect(slotNow).toBeGreaterThanOrEqual(7109432);
    expect(slotNow).toBeLessThan(7109432 + 5);
    expect(data.genesis_validators_root).toBe("0x4b363db94e286120d76eb905340fdd4e54bfe9f06bf33ff6cf5ad27f511bfe95");
  });

  it("takes the shift at each genesis request: a page opened 10 minutes after the start finds the recording as fresh (not stalled)", async () => {
    // A fixed genesis time stays fixed, then too.
    const fixed = await startReplayServer({ port: 0, quiet: true, genesisTimeSec: 1_700_000_000 });
    const later = Date.now() + 600_000;
    const spy = vi.spyOn(Date, "now").mockReturnValue(later);
    try {
      const { data } = await (await get("/eth/v1/beacon/genesis")).json();
      const slotThen = Math.floor((later / 1000 - Number(data.genesis_time)) / 12);
      expect(slotThen).toBeGreaterThanOrEqual(7109432);
      expect(slotThen).toBeLessThan(7109432 + 5);
      expect(Number(data.genesis_time)).toBeGreaterThanOrEqual(server.genesisTimeSec + 599);
      const fixedAnswer = await (await get("/eth/v1/beacon/genesis", fixed.url)).json();
      expect(fixedAnswer.data.genesis_time).toBe("1700000000");
    } finally {
      spy.mockRestore();
      await fixed.close();
    }
  });

  it("serves the bootstrap only for its checkpoint", async () => {
    expect((await get(`/eth/v1/beacon/light_client/bootstrap/${CHECKPOINT}`)).status).toBe(200);
    expect((await get(`/eth/v1/beacon/light_client/bootstrap/0x${"11".repeat(32)}`)).status).toBe(404);
  });

  it("serves updates by period range", async () => {
    const all = await (await get("/eth/v1/beacon/light_client/updates?start_period=862&count=6")).json();
    expect(all).toHaveLength(6);
    const two = await (await get("/eth/v1/beacon/light_client/updates?start_period=864&count=2")).json();
    expect(two.map((u: any) => Math.floor(Number(u.data.attested_header.beacon.slot) / 8192))).toEqual([864, 865]);
    expect((await get("/eth/v1/beacon/light_client/updates?start_period=x&count=2")).status).toBe(400);
  });

  it("serves recorded JSON-RPC answers and errors for what is not recorded", async () => {
    const rpc = async (method: string, params: unknown[]) =>
      (
        await fetch(`${server.url}/rpc`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ jsonrpc: "2.0", id: 7, method, params }),
        })
      ).json();
    const block = await rpc("eth_getBlockByNumber", ["0x14e8d38", false]);
    expect(block.result.number).toBe("0x14e8d38");
    expect(typeof block.result.transactions[0]).toBe("string");
    const proof = await rpc("eth_getProof", ["0x00000000219ab540356cbb839cbe05303d7705fa", ["0x1"], "0x14e8d38"]);
    expect(proof.result.storageProof).toHaveLength(1);
    expect((await rpc("eth_getProof", ["0x00000000219ab540356cbb839cbe05303d7705fa", [], "0x1"])).error.code).toBe(-32000);
    expect((await rpc("eth_call", [])).error.code).toBe(-32601);
  });

  it("answers every malformed request with a JSON error and keeps serving (it once died on params: 1)", async () => {
    await expectJsonErrorsAndSurvives(server.url, { rpc: true });
  });

  it("serves recorded blocks by slot and by root", async () => {
    const bySlot = await (await get("/eth/v2/beacon/blocks/7109344")).json();
    expect(bySlot.data.message.slot).toBe("7109344");
    const h = (await (await get("/eth/v1/beacon/light_client/finality_update")).json()).data.finalized_header.beacon;
    const root = toHex(ssz.phase0.BeaconBlockHeader.hashTreeRoot(ssz.phase0.BeaconBlockHeader.fromJson(h)));
    const byRoot = await (await get(`/eth/v2/beacon/blocks/${root}`)).json();
    expect(byRoot).toEqual(bySlot);
    expect((await get(`/eth/v2/beacon/blocks/0x${"11".repeat(32)}`)).status).toBe(404);
  });

  it("keeps its command line: node devnet/replay/server.mjs --port N --tamper … --no-sse (playwright.config.ts)", async () => {
    const launcher = fileURLToPath(new URL("./server.mjs", import.meta.url));
    const child = spawn(process.execPath, [launcher, "--port", "0", "--tamper", "zk-result:risc0-TestReceiptV3_0", "--no-sse"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      // Keep reading stdout (the server logs each request; a closed pipe would kill it).
      const url = await new Promise<string>((ok) => {
        let out = "";
        child.stdout.on("data", (chunk) => {
          out += chunk;
          const m = /serving (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) ok(m[1] as string);
        });
      });
      expect((await (await fetch(`${url}/lightbus/recording`)).json()).data.tamper).toEqual(["zk-result:risc0-TestReceiptV3_0"]);
      expect((await fetch(`${url}/eth/v1/events?topics=light_client_finality_update`)).status).toBe(404);
    } finally {
      child.kill();
    }
    const bad = spawnSync(process.execPath, [launcher, "--port", "0", "--tamper", "no-such-kind"], { encoding: "utf8" });
    expect([bad.status, bad.stderr]).toEqual([2, expect.stringContaining("unknown --tamper no-such-kind")]);
  });

  it("tampers exactly one byte when asked", async () => {
    const honest = await (await get("/eth/v1/beacon/light_client/updates?start_period=862&count=6")).json();
    const bad = await (await get("/eth/v1/beacon/light_client/updates?start_period=862&count=6", tampered.url)).json();
    const sig = (u: any) => u.data.sync_aggregate.sync_committee_signature as string;
    expect(sig(bad[1])).not.toBe(sig(honest[1]));
    expect(sig(bad[1]).slice(0, -1)).toBe(sig(honest[1]).slice(0, -1));
    expect(sig(bad[0])).toBe(sig(honest[0]));
  });
});

import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MalformedInputError } from "../src/errors/base.ts";
import { parseQuantity } from "../src/verify/hex.ts";
import { type BeaconDataSource, MAX_SSE_CLIENTS, startBeaconServer } from "./beaconRouter.ts";
import { expectJsonErrorsAndSurvives } from "./malformedRequests.ts";

const ROOT = `0x${"ab".repeat(32)}` as const;
let unsubscribed = 0;
const requested: [number, number][] = [];
const source: BeaconDataSource = {
  genesis: () => ({ genesis_time: "1606824023", genesis_validators_root: ROOT, genesis_fork_version: "0x00000000" }),
  spec: () => ({ SECONDS_PER_SLOT: "12" }),
  bootstrap: (root) => (root === ROOT ? { version: "deneb", data: {} } : undefined),
  updates: (start, count) => {
    requested.push([start, count]);
    return [];
  },
  finalityUpdate: () => {
    throw new TypeError("the data source broke");
  },
  optimisticUpdate: () => undefined,
  blockBySlot: () => undefined,
  blockByRoot: () => undefined,
  subscribe: (_topics, send) => {
    const t = setTimeout(() => send("light_client_finality_update", { version: "deneb", data: { n: 1 } }), 5);
    return () => {
      clearTimeout(t);
      unsubscribed++;
    };
  },
  rpc: (method, params) => {
    if (method === "eth_chainId") return "0x1";
    if (method === "eth_getBlockByNumber") return parseQuantity(params[0], "block number") && null;
    if (method === "eth_getProof") {
      if (!Array.isArray(params[1])) throw new MalformedInputError({ what: "storage keys" });
      for (const k of params[1]) parseQuantity(k, "storage key");
    }
    throw new RangeError("boom");
  },
};
let server: Awaited<ReturnType<typeof startBeaconServer>>;
beforeAll(async () => {
  server = await startBeaconServer({ source, port: 0 });
});
afterAll(() => server.close());

describe("beacon router", () => {
  it("answers malformed requests with JSON errors and keeps serving", async () => {
    await expectJsonErrorsAndSurvives(server.url, { rpc: true });
  });

  it("answers a malformed request target with 400, and cuts a client that stalls mid-body at the request timeout", async () => {
    const strict = await startBeaconServer({ source, port: 0, requestTimeoutMs: 1_000 });
    const raw = (text: string) =>
      new Promise<{ reply: string; ms: number }>((ok) => {
        const t0 = Date.now();
        let reply = "";
        const socket = connect(strict.port, "127.0.0.1", () => socket.write(text));
        socket.on("data", (d) => {
          reply += d.toString();
        });
        socket.on("close", () => ok({ reply, ms: Date.now() - t0 }));
        socket.on("error", () => {});
      });
    expect((await raw("GET http://[ HTTP/1.1\r\nhost: x\r\n\r\n")).reply).toMatch(/^HTTP\/1\.1 400/);
    // Promises 100 bytes, sends 5, then nothing: the server must close the socket near requestTimeout (10 s), not at 30 s.
    const stalled = await raw('POST /rpc HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"a":');
    expect(stalled.ms).toBeLessThan(15_000);
  }, 20_000);

  it("clamps count to MAX_REQUEST_LIGHT_CLIENT_UPDATES and passes validated numbers", async () => {
    requested.length = 0;
    await fetch(`${server.url}/eth/v1/beacon/light_client/updates?start_period=7&count=1000000000`);
    await fetch(`${server.url}/eth/v1/beacon/light_client/updates?start_period=0&count=3`);
    expect(requested).toEqual([
      [7, 128],
      [0, 3],
    ]);
  });

  it("a data source that throws gets 500 JSON (route) or -32603 (JSON-RPC), and the server keeps serving", async () => {
    const res = await fetch(`${server.url}/eth/v1/beacon/light_client/finality_update`);
    expect([res.status, await res.json()]).toEqual([500, { code: 500, message: "internal error" }]);
    const rpc = await fetch(`${server.url}/rpc`, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify([
        { jsonrpc: "2.0", id: 1, method: "eth_call", params: [] },
        { jsonrpc: "2.0", id: 2, method: "eth_chainId" },
      ]),
    });
    expect(await rpc.json()).toEqual([
      { jsonrpc: "2.0", id: 1, error: { code: -32603, message: "internal error" } },
      { jsonrpc: "2.0", id: 2, result: "0x1" },
    ]);
    expect((await fetch(`${server.url}/eth/v1/beacon/light_client/bootstrap/${ROOT.toUpperCase().replace("0X", "0x")}`)).status).toBe(200);
  });

  it("streams events for the topics asked, unsubscribes when the client goes, and caps streams", async () => {
    const abort = new AbortController();
    const res = await fetch(`${server.url}/eth/v1/events?topics=light_client_finality_update`, { signal: abort.signal });
    const reader = (res.body as ReadableStream).pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!text.includes("\n\nevent:") || !text.endsWith("\n\n")) text += (await reader.read()).value ?? "";
    expect(text).toContain('event: light_client_finality_update\ndata: {"version":"deneb","data":{"n":1}}');
    const before = unsubscribed;
    abort.abort();
    for (let i = 0; i < 100 && unsubscribed === before; i++) await new Promise((ok) => setImmediate(ok));
    expect(unsubscribed).toBe(before + 1);
    expect(MAX_SSE_CLIENTS).toBe(64);
  });
});

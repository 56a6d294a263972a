// Malformed requests every project server must answer with a JSON error, and keep serving after: shared by
// the replay server's and the devnet beacon's tests (both run devnet/beaconRouter.ts).
import { connect } from "node:net";
import { expect } from "vitest";

/** One malformed request and what the answer must be. */
export type MalformedCase = {
  name: string;
  /** Only for servers with JSON-RPC. */
  rpc?: boolean;
  send: (base: string) => Promise<Response>;
  status: number;
  /** JSON-RPC `error.code` expected in the body (single or first of a batch), if any. */
  rpcCode?: number;
};

const post = (base: string, body: string, contentType: string | null = "application/json") =>
  fetch(`${base}/rpc`, { method: "POST", headers: contentType ? { "content-type": contentType } : {}, body });
const call = (method: string, params: unknown) => JSON.stringify({ jsonrpc: "2.0", id: 1, method, params });

export const MALFORMED_CASES: MalformedCase[] = [
  { name: "JSON-RPC params: 1", rpc: true, send: (b) => post(b, call("eth_getBlockByNumber", 1)), status: 200, rpcCode: -32602 },
  {
    name: 'eth_getProof storage key "zz"',
    rpc: true,
    send: (b) => post(b, call("eth_getProof", ["0x00000000219ab540356cbb839cbe05303d7705fa", ["zz"], "0x14e8d38"])),
    status: 200,
    rpcCode: -32602,
  },
  { name: 'eth_getBlockByNumber block "zz"', rpc: true, send: (b) => post(b, call("eth_getBlockByNumber", ["zz", false])), status: 200, rpcCode: -32602 },
  { name: "eth_getProof keys not an array", rpc: true, send: (b) => post(b, call("eth_getProof", ["0x00", 5, "0x1"])), status: 200, rpcCode: -32602 },
  { name: "non-JSON body", rpc: true, send: (b) => post(b, "{not json"), status: 200, rpcCode: -32700 },
  { name: "JSON that is not a request", rpc: true, send: (b) => post(b, "42"), status: 200, rpcCode: -32600 },
  { name: "empty batch", rpc: true, send: (b) => post(b, "[]"), status: 200, rpcCode: -32600 },
  { name: "method not a string", rpc: true, send: (b) => post(b, '{"jsonrpc":"2.0","id":1,"method":7}'), status: 200, rpcCode: -32600 },
  { name: "2 MiB body", rpc: true, send: (b) => post(b, `[${"0,".repeat(1024 * 1024)}0]`), status: 413 },
  { name: "text/plain content-type (a CORS simple request)", rpc: true, send: (b) => post(b, call("eth_chainId", []), "text/plain"), status: 415 },
  { name: "no content-type", rpc: true, send: (b) => post(b, call("eth_chainId", []), null), status: 415 },
  { name: "count=1e9", send: (b) => fetch(`${b}/eth/v1/beacon/light_client/updates?start_period=0&count=1e9`), status: 400 },
  { name: "start_period=-1", send: (b) => fetch(`${b}/eth/v1/beacon/light_client/updates?start_period=-1&count=1`), status: 400 },
  { name: "count=0", send: (b) => fetch(`${b}/eth/v1/beacon/light_client/updates?start_period=0&count=0`), status: 400 },
  { name: "no start_period", send: (b) => fetch(`${b}/eth/v1/beacon/light_client/updates?count=1`), status: 400 },
  { name: "start_period past 2^53", send: (b) => fetch(`${b}/eth/v1/beacon/light_client/updates?start_period=99999999999999999&count=1`), status: 400 },
  { name: "unknown route", send: (b) => fetch(`${b}/eth/v1/no/such/route`), status: 404 },
  { name: "bootstrap root of 2 bytes", send: (b) => fetch(`${b}/eth/v1/beacon/light_client/bootstrap/0x1234`), status: 400 },
  { name: "bootstrap root not hex", send: (b) => fetch(`${b}/eth/v1/beacon/light_client/bootstrap/0x${"zz".repeat(32)}`), status: 400 },
  { name: "block id garbage", send: (b) => fetch(`${b}/eth/v2/beacon/blocks/head%00`), status: 400 },
  { name: "unknown event topic", send: (b) => fetch(`${b}/eth/v1/events?topics=block_gossip`), status: 400 },
  { name: "events without topics", send: (b) => fetch(`${b}/eth/v1/events`), status: 400 },
  { name: "PUT", send: (b) => fetch(`${b}/eth/v1/beacon/genesis`, { method: "PUT", body: "x" }), status: 405 },
  { name: "POST to a beacon route", send: (b) => fetch(`${b}/eth/v1/beacon/genesis`, { method: "POST", body: "{}" }), status: 404 },
];

/** Sends raw bytes over TCP and resolves with what the server answered (or "" if it closed silently). */
export function sendRaw(base: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((ok, fail) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("data", (d) => {
      answer += d;
    });
    socket.on("end", () => ok(answer));
    socket.on("error", fail);
    socket.setTimeout(5_000, () => {
      socket.destroy();
      fail(new Error("no answer within 5 s (hung socket)"));
    });
  });
}

/**
 * Sends each case to `base` and asserts a JSON error with the expected status (and JSON-RPC code), then
 * that the server still answers a good request (GET /eth/v1/beacon/genesis, and a JSON-RPC call if `rpc`).
 */
export async function expectJsonErrorsAndSurvives(base: string, { rpc }: { rpc: boolean }) {
  const good = async () => {
    const res = await fetch(`${base}/eth/v1/beacon/genesis`);
    expect(res.status).toBe(200);
    expect((await res.json()).data.genesis_time).toMatch(/^\d+$/);
    if (rpc) expect((await (await post(base, call("eth_chainId", []))).json()).result).toBe("0x1");
  };
  for (const c of MALFORMED_CASES) {
    if (c.rpc && !rpc) continue;
    // A server without JSON-RPC answers any POST with 404.
    const status = !rpc && c.name === "POST to a beacon route" ? 404 : c.status;
    const res = await c.send(base);
    const text = await res.text();
    expect({ case: c.name, status: res.status, type: res.headers.get("content-type") }).toEqual({
      case: c.name,
      status,
      type: "application/json",
    });
    const body = JSON.parse(text);
    if (c.rpcCode !== undefined) expect({ case: c.name, code: body.error?.code }).toEqual({ case: c.name, code: c.rpcCode });
    else expect({ case: c.name, code: body.code ?? body.error?.code }).toEqual({ case: c.name, code: expect.any(Number) });
    await good();
  }
  if (!rpc) {
    // POST to the JSON-RPC path of a server that has none.
    const res = await post(base, call("eth_chainId", []));
    expect([res.status, res.headers.get("content-type")]).toEqual([404, "application/json"]);
  }
  // A huge count is clamped to MAX_REQUEST_LIGHT_CLIENT_UPDATES (128), not refused.
  const many = await fetch(`${base}/eth/v1/beacon/light_client/updates?start_period=0&count=1000000000`);
  expect(many.status).toBe(200);
  expect((await many.json()).length).toBeLessThanOrEqual(128);
  // Malformed HTTP is answered 400, not left hanging.
  expect(await sendRaw(base, "NOT-HTTP\r\n\r\n")).toMatch(/^HTTP\/1\.1 400/);
  await good();
}

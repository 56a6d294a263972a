// One beacon-API (and JSON-RPC) router for the project's servers: the replay server (recorded mainnet) and
// the devnet beacon serve their data through it, so both validate requests the same way and neither falls
// over on a malformed one. Every request gets a JSON answer (or an SSE stream); nothing a client sends
// reaches a data source unchecked, and nothing a data source throws escapes a request.
//
// Routes: https://github.com/ethereum/beacon-APIs/tree/v3.0.0 (light_client, events, blocks, genesis, spec).
// JSON-RPC 2.0 envelopes and error codes: https://www.jsonrpc.org/specification (sections 4, 5.1, 6).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { MAX_REQUEST_LIGHT_CLIENT_UPDATES } from "../src/consensus/syncPeriods.ts";
import { MalformedInputError } from "../src/errors/base.ts";
import { JsonRpcError, RequestRejectedError } from "../src/errors/server.ts";
import { type Hex, isHex32 } from "../src/verify/hex.ts";

/** POST bodies larger than this (bytes) are refused with 413. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** JSON-RPC batches longer than this are refused (JSON-RPC error -32600). */
export const MAX_BATCH_LENGTH = 100;
/** Concurrent SSE streams a server keeps; more are refused with 503. */
export const MAX_SSE_CLIENTS = 64;
/** The light-client event topics (beacon-APIs `eventstream`). */
export const LIGHT_CLIENT_TOPICS = ["light_client_finality_update", "light_client_optimistic_update"] as const;
export type LightClientTopic = (typeof LIGHT_CLIENT_TOPICS)[number];

/**
 * What a beacon server serves. Bodies are beacon-API JSON as it goes on the wire (versioned
 * `{ version, data }` objects for light-client objects and blocks); `undefined` means "not held" (404).
 * Arguments have been validated by the router: roots are 32-byte 0x-hex (lower-case), slots and periods
 * are non-negative safe integers, `count` is 1…MAX_REQUEST_LIGHT_CLIENT_UPDATES.
 */
export interface BeaconDataSource {
  /** `data` of GET /eth/v1/beacon/genesis: `{ genesis_time, genesis_validators_root, genesis_fork_version }`. */
  genesis(): { genesis_time: string; genesis_validators_root: string; genesis_fork_version: string };
  /** `data` of GET /eth/v1/config/spec (chain config values as strings). */
  spec(): Record<string, unknown>;
  /** GET /eth/v1/beacon/light_client/bootstrap/{block_root}: a versioned `LightClientBootstrap`. */
  bootstrap(blockRoot: Hex): unknown | undefined;
  /** GET /eth/v1/beacon/light_client/updates: versioned `LightClientUpdate`s of periods start…start+count−1, in order. */
  updates(startPeriod: number, count: number): unknown[];
  /** GET /eth/v1/beacon/light_client/finality_update */
  finalityUpdate(): unknown | undefined;
  /** GET /eth/v1/beacon/light_client/optimistic_update */
  optimisticUpdate(): unknown | undefined;
  /** GET /eth/v2/beacon/blocks/{slot}: the whole response body (`{ version, execution_optimistic, data }`). */
  blockBySlot(slot: number): unknown | undefined;
  /** GET /eth/v2/beacon/blocks/{block_root} */
  blockByRoot(blockRoot: Hex): unknown | undefined;
  /**
   * GET /eth/v1/beacon/blob_sidecars/{block_id} (Deneb `{ version, execution_optimistic, finalized, data:
   * BlobSidecar[] }`), filtered by `indices` when given; `undefined`: no such block (404); "pruned": the block's
   * blobs are past the retention window (404, as a pruning beacon node answers). Absent: 404.
   */
  blobSidecars?(blockId: number | Hex | "head", indices: number[] | undefined): unknown | "pruned" | undefined;
  /** GET /eth/v1/beacon/blobs/{block_id} (`{ execution_optimistic, finalized, data: ["0x<blob>"] }`), filtered by `versioned_hashes`. */
  blobs?(blockId: number | Hex | "head", versionedHashes: Hex[] | undefined): unknown | "pruned" | undefined;
  /**
   * GET /eth/v1/events: calls `send(topic, versionedBody)` for each event of `topics`; returns the
   * unsubscribe function. Absent: the route answers 404 (clients fall back to polling).
   */
  subscribe?(topics: readonly LightClientTopic[], send: (topic: LightClientTopic, body: unknown) => void): () => void;
  /**
   * Non-standard GET routes under `/lightbus/` (checkpoint, recording, results feed): the JSON body, or
   * `undefined` when `path` is no such route. May throw `RequestRejectedError` (e.g. 404 for an unknown id).
   */
  lightbus?(path: string, query: URLSearchParams): unknown | undefined;
  /**
   * JSON-RPC methods (POST `/` and `/rpc`): returns the `result`. Absent: no JSON-RPC (POST answers 404).
   * @throws {JsonRpcError} For a method's own errors (-32601 unknown method, -32000 not held …).
   * @throws {MalformedInputError} For bad params (answered as -32602 invalid params).
   */
  rpc?(method: string, params: readonly unknown[]): unknown;
}

export type BeaconRouterOptions = {
  source: BeaconDataSource;
  /** Logs each request (method, path); default silent. */
  log?: (...args: unknown[]) => void;
  maxBodyBytes?: number;
};

type JsonRpcId = string | number | null;
type JsonRpcResponse = { jsonrpc: "2.0"; id: JsonRpcId; result?: unknown; error?: { code: number; message: string } };

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)), ...headers });
  res.end(text);
};
const beaconError = (res: ServerResponse, status: number, message: string, headers?: Record<string, string>) =>
  json(res, status, { code: status, message }, headers);
const rpcError = (id: JsonRpcId, code: number, message: string): JsonRpcResponse => ({ jsonrpc: "2.0", id, error: { code, message } });

/** A decimal uint (beacon-API `uint64` as a string) that is a safe integer, or undefined. */
function parseUint(value: string | null): number | undefined {
  if (value === null || !/^\d{1,16}$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * Reads a request body of at most `maxBytes` bytes as UTF-8.
 * @throws {RequestRejectedError} 413 when the declared or actual length exceeds `maxBytes`.
 */
function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((ok, fail) => {
    // Over the limit: keep reading and dropping until the client has sent everything (bounded by the server's
    // requestTimeout), then answer 413; answering mid-upload would reset the socket under the client.
    let over = Number(req.headers["content-length"] ?? 0) > maxBytes;
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > maxBytes) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (over) fail(new RequestRejectedError({ status: 413, reason: `request body over ${maxBytes} bytes` }));
      else ok(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", (e) => fail(new RequestRejectedError({ status: 400, reason: "request body could not be read", cause: e })));
  });
}

/**
 * The HTTP handler of a beacon server over `source`.
 * Answers (all JSON unless noted): 200 with the beacon-API body; 400 for a malformed root, slot, period,
 * count or topic; 404 for an unknown route or data the source does not hold; 405 for other methods; 413 for
 * a POST body over `maxBodyBytes`; 415 for a JSON-RPC POST whose content-type is not application/json;
 * 500 when the source throws (the server keeps serving); JSON-RPC errors -32700 (not JSON), -32600 (not a
 * request, empty or over-long batch), -32601, -32602 (bad params), -32603 (the source failed).
 * `count` of light-client updates is clamped to MAX_REQUEST_LIGHT_CLIENT_UPDATES (128).
 */
export function createBeaconRouter({ source, log = () => {}, maxBodyBytes = MAX_BODY_BYTES }: BeaconRouterOptions) {
  const sseClients = new Set<ServerResponse>();

  const callRpc = (call: unknown): JsonRpcResponse => {
    if (!call || typeof call !== "object" || Array.isArray(call)) return rpcError(null, -32600, "invalid request: not an object");
    const { id: rawId, method, params } = call as { id?: unknown; method?: unknown; params?: unknown };
    const id: JsonRpcId = typeof rawId === "string" || typeof rawId === "number" ? rawId : null;
    if (typeof method !== "string") return rpcError(id, -32600, "invalid request: method must be a string");
    if (params !== undefined && !Array.isArray(params)) return rpcError(id, -32602, "invalid params: params must be an array");
    try {
      return { jsonrpc: "2.0", id, result: source.rpc?.(method, params ?? []) ?? null };
    } catch (e) {
      if (e instanceof JsonRpcError) return rpcError(id, e.rpcCode, e.shortMessage);
      if (e instanceof MalformedInputError) return rpcError(id, -32602, `invalid params: ${e.shortMessage} ${e.details ?? ""}`.trim());
      log("rpc", method, "failed:", e);
      return rpcError(id, -32603, "internal error");
    }
  };

  const handleRpc = async (req: IncomingMessage, res: ServerResponse) => {
    const contentType = String(req.headers["content-type"] ?? "")
      .split(";")[0]
      ?.trim()
      .toLowerCase();
    if (contentType !== "application/json") {
      req.resume();
      return json(res, 415, rpcError(null, -32600, "content-type must be application/json"), { connection: "close" });
    }
    let body: string;
    try {
      body = await readBody(req, maxBodyBytes);
    } catch (e) {
      const status = e instanceof RequestRejectedError ? e.status : 400;
      return json(res, status, rpcError(null, -32600, e instanceof RequestRejectedError ? e.shortMessage : "bad request"), { connection: "close" });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return json(res, 200, rpcError(null, -32700, "parse error"));
    }
    if (!Array.isArray(parsed)) return json(res, 200, callRpc(parsed));
    if (parsed.length === 0 || parsed.length > MAX_BATCH_LENGTH) {
      return json(res, 200, rpcError(null, -32600, `invalid request: a batch holds 1…${MAX_BATCH_LENGTH} calls`));
    }
    return json(res, 200, parsed.map(callRpc));
  };

  const handleEvents = (req: IncomingMessage, res: ServerResponse, query: URLSearchParams) => {
    if (!source.subscribe) return beaconError(res, 404, "events are not served");
    const topics = query.getAll("topics").flatMap((t) => t.split(","));
    const unknown = topics.filter((t) => !(LIGHT_CLIENT_TOPICS as readonly string[]).includes(t));
    if (topics.length === 0 || unknown.length > 0) {
      return beaconError(
        res,
        400,
        `topics must be among ${LIGHT_CLIENT_TOPICS.join(", ")}${unknown.length ? `; got ${unknown.join(", ").slice(0, 200)}` : ""}`,
      );
    }
    if (sseClients.size >= MAX_SSE_CLIENTS) return beaconError(res, 503, "too many event streams");
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    res.write(": lightbus\n\n");
    sseClients.add(res);
    const unsubscribe = source.subscribe(topics as LightClientTopic[], (topic, body) => {
      if (!res.writableEnded) res.write(`event: ${topic}\ndata: ${JSON.stringify(body)}\n\n`);
    });
    const keepAlive = setInterval(() => res.write(": keepalive\n\n"), 15_000);
    req.on("close", () => {
      clearInterval(keepAlive);
      unsubscribe();
      sseClients.delete(res);
    });
  };

  const handleGet = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const p = url.pathname;
    const found = (body: unknown, what: string) => (body === undefined ? beaconError(res, 404, `${what} not found`) : json(res, 200, body));
    if (p === "/eth/v1/beacon/genesis") return json(res, 200, { data: source.genesis() });
    if (p === "/eth/v1/config/spec") return json(res, 200, { data: source.spec() });
    const boot = /^\/eth\/v1\/beacon\/light_client\/bootstrap\/([^/]*)$/.exec(p);
    if (boot) {
      const root = boot[1] as string;
      if (!isHex32(root)) return beaconError(res, 400, "block_root must be 32 bytes of 0x-hex");
      return found(source.bootstrap(root.toLowerCase() as Hex), "bootstrap for this block root");
    }
    if (p === "/eth/v1/beacon/light_client/updates") {
      const start = parseUint(url.searchParams.get("start_period"));
      const count = parseUint(url.searchParams.get("count"));
      if (start === undefined || count === undefined || count < 1) {
        return beaconError(res, 400, "start_period and count must be decimal integers, count ≥ 1");
      }
      return json(res, 200, source.updates(start, Math.min(count, MAX_REQUEST_LIGHT_CLIENT_UPDATES)));
    }
    if (p === "/eth/v1/beacon/light_client/finality_update") return found(source.finalityUpdate(), "finality update");
    if (p === "/eth/v1/beacon/light_client/optimistic_update") return found(source.optimisticUpdate(), "optimistic update");
    const block = /^\/eth\/v2\/beacon\/blocks\/([^/]*)$/.exec(p);
    if (block) {
      const id = block[1] as string;
      const slot = parseUint(id);
      if (slot !== undefined) return found(source.blockBySlot(slot), `block at slot ${slot}`);
      if (isHex32(id)) return found(source.blockByRoot(id.toLowerCase() as Hex), "block with this root");
      return beaconError(res, 400, "block_id must be a slot or a 32-byte 0x-hex root");
    }
    const blobRoute = /^\/eth\/v1\/beacon\/(blob_sidecars|blobs)\/([^/]*)$/.exec(p);
    if (blobRoute) {
      const id = blobRoute[2] as string;
      const blockId = id === "head" ? "head" : (parseUint(id) ?? (isHex32(id) ? (id.toLowerCase() as Hex) : undefined));
      if (blockId === undefined) return beaconError(res, 400, "block_id must be a slot, a 32-byte 0x-hex root or head");
      const list = (name: string) => {
        const values = url.searchParams.getAll(name).flatMap((v) => v.split(","));
        return values.length ? values : undefined;
      };
      let body: unknown;
      if (blobRoute[1] === "blob_sidecars") {
        const raw = list("indices");
        const indices = raw?.map((v) => parseUint(v));
        if (indices?.some((i) => i === undefined || i > 4095)) return beaconError(res, 400, "indices must be decimal blob indices");
        body = source.blobSidecars?.(blockId, indices as number[] | undefined);
      } else {
        const hashes = list("versioned_hashes");
        if (hashes?.some((h) => !isHex32(h)) || (hashes?.length ?? 0) > 4096) return beaconError(res, 400, "versioned_hashes must be 32-byte 0x-hex");
        body = source.blobs?.(
          blockId,
          hashes?.map((h) => h.toLowerCase() as Hex),
        );
      }
      if (body === "pruned") return beaconError(res, 404, "blobs of this block are past the retention window (pruned)");
      return found(body, "block");
    }
    if (p === "/eth/v1/events") return handleEvents(req, res, url.searchParams);
    if (p.startsWith("/lightbus/")) {
      const body = source.lightbus?.(p, url.searchParams);
      if (body !== undefined) return json(res, 200, body);
    }
    return beaconError(res, 404, "no such route");
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader("access-control-allow-origin", "*");
    res.setHeader("access-control-allow-headers", "content-type, accept");
    res.setHeader("access-control-allow-methods", "GET, POST, OPTIONS");
    if (req.method === "OPTIONS") {
      res.writeHead(204);
      res.end();
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://127.0.0.1");
    } catch {
      req.resume();
      return beaconError(res, 400, "malformed request target", { connection: "close" });
    }
    log(req.method, url.pathname + url.search);
    if (req.method === "POST") {
      if (!source.rpc || (url.pathname !== "/" && url.pathname !== "/rpc")) {
        req.resume();
        return beaconError(res, 404, "no JSON-RPC here", { connection: "close" });
      }
      return handleRpc(req, res);
    }
    if (req.method !== "GET") {
      req.resume();
      return beaconError(res, 405, `method ${String(req.method).slice(0, 20)} not allowed`, { allow: "GET, POST, OPTIONS", connection: "close" });
    }
    return handleGet(req, res, url);
  };

  return {
    /** The `node:http` request listener; never throws, never leaves a request unanswered. */
    listener: (req: IncomingMessage, res: ServerResponse) => {
      handle(req, res).catch((e: unknown) => {
        if (e instanceof RequestRejectedError) return beaconError(res, e.status, e.shortMessage);
        log("request failed:", e);
        return beaconError(res, 500, "internal error");
      });
    },
    /** Ends every open event stream (before closing the server). */
    closeStreams: () => {
      for (const c of sseClients) c.end();
      sseClients.clear();
    },
  };
}

/**
 * Starts an HTTP server on `host:port` (127.0.0.1; port 0 picks a free one) serving `source` through
 * {@link createBeaconRouter}. Slow clients are cut off (10 s to send a request, 5 s for its headers).
 * @returns The server's base URL (`http://127.0.0.1:<port>`), its port and `close()` (ends event streams and
 * connections, resolves once the port is free).
 */
export async function startBeaconServer(o: BeaconRouterOptions & { port?: number; host?: string; requestTimeoutMs?: number }) {
  const router = createBeaconRouter(o);
  // connectionsCheckingInterval: how often Node enforces the two timeouts (default 30 s, which let a slow client hold a socket 30 s).
  const server: Server = createServer(
    { requestTimeout: o.requestTimeoutMs ?? 10_000, headersTimeout: Math.min(5_000, o.requestTimeoutMs ?? 5_000), connectionsCheckingInterval: 500 },
    router.listener,
  );
  // Malformed HTTP (bad request line, oversized headers): answer 400 and drop the socket; never crash.
  server.on("clientError", (_e, socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{"code":400,"message":"bad request"}');
    else socket.destroy();
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(o.port ?? 0, o.host ?? "127.0.0.1", () => {
      server.off("error", fail);
      ok();
    });
  });
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((ok) => {
        router.closeStreams();
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

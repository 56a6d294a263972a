import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { MalformedInputError } from "../../src/errors/base.ts";
import { serializeError } from "../../src/errors/serialize.ts";
import { decodeJson, parseJobRequest } from "../../src/net/p2p/messages.ts";
import { JOBS_TOPIC } from "../../src/net/p2p/node.ts";
import type { Coordinator } from "./coordinator.ts";

/** Largest POST /lightbus/jobs body (bytes): 16 MiB. */
const MAX_BODY = 16 << 20;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "access-control-allow-origin": "*", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * The coordinator's HTTP API (docs/prover-network.md, "HTTP"), CORS `*`:
 * - `GET /lightbus/prover-network` → `{ peerId, multiaddrs, topic }`;
 * - `GET /lightbus/results` → `{ data: FeedItem[] }` (family `lightbus-stark`), as src/net/resultsFeed.ts reads;
 * - `GET /lightbus/proofs/:jobId` → `{ data: { json: <receipt JSON> } }`;
 * - `GET /lightbus/jobs` → `{ data: JobView[], peers: { [peerId]: PeerStats } }`;
 * - `POST /lightbus/jobs` with `{ program | code+entry, input, po2 }` → `{ jobId }` (errors: 400 `{ error }`).
 */
export async function startCoordinatorHttp(c: Coordinator, { port = 18548, host = "127.0.0.1" }: { port?: number; host?: string } = {}) {
  const server: Server = createServer((req, res) => {
    handle(c, req, res).catch((e) => send(res, 500, { error: serializeError(e) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url,
    infoUrl: `${url}/lightbus/prover-network`,
    resultsUrl: `${url}/lightbus/results`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(c: Coordinator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? "/", "http://x").pathname;
  if (req.method === "OPTIONS") {
    res.writeHead(204, { "access-control-allow-origin": "*", "access-control-allow-methods": "GET, POST", "access-control-allow-headers": "content-type" });
    res.end();
    return;
  }
  if (req.method === "GET" && path === "/lightbus/prover-network") return send(res, 200, { peerId: c.peerId, multiaddrs: c.multiaddrs, topic: JOBS_TOPIC });
  if (req.method === "GET" && path === "/lightbus/results") return send(res, 200, { data: c.feed() });
  if (req.method === "GET" && path.startsWith("/lightbus/proofs/")) {
    let id: string;
    try {
      id = decodeURIComponent(path.slice("/lightbus/proofs/".length));
    } catch (e) {
      return send(res, 400, { error: serializeError(new MalformedInputError({ what: "job id", details: String(e) })) });
    }
    const receipt = c.receipt(id);
    return receipt ? send(res, 200, { data: { json: receipt } }) : send(res, 404, { error: "no such receipt" });
  }
  if (req.method === "GET" && path === "/lightbus/jobs") return send(res, 200, { data: c.jobViews(), peers: Object.fromEntries(c.peers) });
  if (req.method === "POST" && path === "/lightbus/jobs") {
    // Only application/json: a form or text/plain POST (sent cross-origin without a CORS preflight) is refused.
    const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
    if (type !== "application/json")
      return send(res, 415, {
        error: serializeError(new MalformedInputError({ what: "POST /lightbus/jobs", details: "content-type must be application/json" })),
      });
    const body = await readBody(req);
    if (!body) return send(res, 413, { error: { code: "InputTooLarge", message: `body over ${MAX_BODY} bytes` } });
    try {
      const parsed = decodeJson(body, "POST /lightbus/jobs") as Record<string, unknown>;
      const request = parseJobRequest({ ...parsed, type: "submit" });
      if (request.type !== "submit") throw new Error("unreachable");
      return send(res, 200, { jobId: c.submit(request, `http:${req.socket.remoteAddress ?? "?"}`) });
    } catch (e) {
      return send(res, 400, { error: serializeError(e) });
    }
  }
  send(res, 404, { error: "not found" });
}

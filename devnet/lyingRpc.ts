// A JSON-RPC proxy that lies about logs, in front of anvil: tests (src/net/provenLogs.devnet.test.ts) and the e2e of
// the Verified results page put it between the app and the devnet to show that a dropped or altered log is caught.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/**
 * - `honest`: forwards everything;
 * - `drop-log`: eth_getLogs leaves out the first log whose topic0 is `topic0`;
 * - `alter-log`: eth_getLogs flips the last data byte of that log (the receipts stay true);
 * - `alter-receipts`: the same flip in eth_getLogs AND in eth_getBlockReceipts / eth_getTransactionReceipt (a consistent lie);
 * - `no-block-receipts`: honest, but eth_getBlockReceipts answers "method not found" (the per-transaction fallback);
 * - `alter-header`: eth_getBlockByNumber changes the gasUsed of every block (its hash no longer matches).
 */
export type LieMode = "honest" | "drop-log" | "alter-log" | "alter-receipts" | "no-block-receipts" | "alter-header";

type Log = { topics?: string[]; data?: string };
const flip = (data: string) => `${data.slice(0, -2)}${data.endsWith("00") ? "01" : "00"}`;

/** Starts the proxy on 127.0.0.1:`port` (0: ephemeral). `setMode` changes what it lies about from the next request on. */
export async function startLyingRpc({ upstream, port = 0, mode = "honest", topic0 }: { upstream: string; port?: number; mode?: LieMode; topic0?: string }) {
  let current: LieMode = mode;
  let target = topic0?.toLowerCase();
  const isTarget = (l: Log) => target === undefined || l.topics?.[0]?.toLowerCase() === target;

  function lie(method: string, result: unknown): unknown {
    if (current === "honest" || current === "no-block-receipts" || result === null || result === undefined) return result;
    if (method === "eth_getLogs" && Array.isArray(result)) {
      const i = result.findIndex(isTarget);
      if (i < 0) return result;
      if (current === "drop-log") return result.filter((_, j) => j !== i);
      if (current === "alter-log" || current === "alter-receipts") return result.map((l, j) => (j === i ? { ...l, data: flip(l.data) } : l));
    }
    if (current === "alter-receipts" && (method === "eth_getBlockReceipts" || method === "eth_getTransactionReceipt")) {
      const receipts = (Array.isArray(result) ? result : [result]) as { logs?: Log[] }[];
      let done = false;
      const out = receipts.map((r) => ({
        ...r,
        logs: (r.logs ?? []).map((l) => {
          if (done || !isTarget(l)) return l;
          done = true;
          return { ...l, data: flip(l.data as string) };
        }),
      }));
      return Array.isArray(result) ? out : out[0];
    }
    if (current === "alter-header" && (method === "eth_getBlockByNumber" || method === "eth_getBlockByHash") && typeof result === "object") {
      const b = result as { gasUsed: string };
      return { ...b, gasUsed: `0x${(BigInt(b.gasUsed) + 1n).toString(16)}` };
    }
    return result;
  }

  async function one(call: { id?: unknown; method?: string }): Promise<unknown> {
    if (current === "no-block-receipts" && call.method === "eth_getBlockReceipts")
      return { jsonrpc: "2.0", id: call.id ?? null, error: { code: -32601, message: "Method not found" } };
    const res = await fetch(upstream, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(call) });
    const body = (await res.json()) as { result?: unknown };
    return "result" in body ? { ...body, result: lie(String(call.method), body.result) } : body;
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    res.setHeader("access-control-allow-origin", "*");
    res.setHeader("access-control-allow-headers", "content-type");
    res.setHeader("access-control-allow-methods", "POST, OPTIONS");
    if (req.method === "OPTIONS") return void res.writeHead(204).end();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > 4 * 1024 * 1024) req.destroy();
      else chunks.push(c);
    });
    req.on("end", async () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        const out = Array.isArray(body) ? await Promise.all(body.map(one)) : await one(body);
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(out));
      } catch (e) {
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32700, message: String(e) } }));
      }
    });
  });
  await new Promise<void>((ok) => server.listen(port, "127.0.0.1", ok));
  const { port: bound } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${bound}`,
    setMode: (m: LieMode, t?: string) => {
      current = m;
      if (t !== undefined) target = t.toLowerCase();
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

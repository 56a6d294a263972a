// A devnet service provider (verifiable-cloud style, docs/prover-network.md "Devnet provers and providers"):
// answers a user's EIP-712-signed ServiceRegistry Request by running the service's program in the zkVM and
// signing the Response with its own key. A liar adds 1 to the first output word (what a dispute catches).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Hex, isAddress, isHex, recoverTypedDataAddress } from "viem";
import type { LocalAccount } from "viem/accounts";
import { BaseError, InputTooLargeError, MalformedInputError } from "../../src/errors/base.ts";
import { RequestRejectedError } from "../../src/errors/server.ts";
import { SERVICE_REQUEST_TYPES, SERVICE_RESPONSE_TYPES, serviceRegistryDomain } from "../../src/jobs/typedData.ts";
import type { ServiceRequest, ServiceResponse } from "../../src/jobs/types.ts";
import { execute } from "../../src/prover/vm/executor.ts";
import { P } from "../../src/prover/vm/field.ts";
import type { ProgramEntry } from "../../src/prover/zkvm/programs.ts";
import { bytesToWords, wordsToBytes } from "../../src/prover/zkvm/receiptEvm.ts";
import { serviceRequestHash } from "./typedData.ts";

/** Largest request body (bytes): 64 KiB. */
export const MAX_SERVICE_BODY = 64 << 10;
/** Most cycles a provider runs for one request (2^18). */
export const MAX_SERVICE_CYCLES = 1 << 18;
export const SERVICE_REQUEST_PATH = "/lightbus/service/v1/request";

export type ProviderEvent =
  | { type: "listening"; provider: Hex; url: string; lies: boolean }
  | { type: "answered"; provider: Hex; serviceId: string; user: Hex; requestHash: Hex; cycles: number; lied: boolean }
  | { type: "refused"; provider: Hex; status: number; code: string; message: string };

export type ServiceProviderOptions = {
  /** The provider's key: it signs every Response (its address is what the registry knows). */
  account: LocalAccount;
  chainId: number;
  /** The ServiceRegistry (the EIP-712 verifying contract). */
  registry: Hex;
  /** The program a service runs (by its programId, e.g. read from the registry), or undefined for an unknown service. */
  serviceProgram: (serviceId: bigint) => Promise<ProgramEntry | undefined>;
  /** Add 1 (mod p) to the first output word. */
  lies?: boolean;
  port?: number;
  host?: string;
  /** Allowed CORS origin (default `*`: the devnet app may be served from any local port). */
  corsOrigin?: string;
  onEvent?: (e: ProviderEvent) => void;
};

const CORS = (origin: string) => ({
  "access-control-allow-origin": origin,
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "content-type",
  "access-control-max-age": "600",
});

/** A decimal string (≤ 78 digits) or a safe non-negative integer → bigint. */
function uint256(v: unknown, what: string): bigint {
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  if (typeof v === "string" && /^(0|[1-9][0-9]{0,77})$/.test(v) && BigInt(v) < 2n ** 256n) return BigInt(v);
  throw new MalformedInputError({ what, details: "expected a decimal integer string in [0, 2^256)" });
}

/**
 * Parses `{ request: { serviceId, user, input, nonce }, signature }`.
 * @throws {MalformedInputError} naming the first bad field.
 */
export function parseServiceCall(body: unknown): { request: ServiceRequest; signature: Hex } {
  const obj = (v: unknown, what: string) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) throw new MalformedInputError({ what, details: "expected an object" });
    return v as Record<string, unknown>;
  };
  const b = obj(body, "service call");
  const r = obj(b.request, "service request");
  if (typeof r.user !== "string" || !isAddress(r.user, { strict: false }))
    throw new MalformedInputError({ what: "request.user", details: "expected a 20-byte address" });
  if (typeof r.input !== "string" || !/^0x([0-9a-fA-F]{8})*$/.test(r.input))
    throw new MalformedInputError({ what: "request.input", details: "expected 0x-hex of whole u32 words" });
  if (typeof b.signature !== "string" || !isHex(b.signature) || b.signature.length !== 132)
    throw new MalformedInputError({ what: "signature", details: "expected 65 bytes of 0x-hex (r ‖ s ‖ v)" });
  return {
    request: {
      serviceId: uint256(r.serviceId, "request.serviceId"),
      user: r.user as Hex,
      input: r.input.toLowerCase() as Hex,
      nonce: uint256(r.nonce, "request.nonce"),
    },
    signature: b.signature as Hex,
  };
}

async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_SERVICE_BODY) throw new InputTooLargeError({ what: "request body", limit: MAX_SERVICE_BODY, unit: "bytes" });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_SERVICE_BODY) throw new InputTooLargeError({ what: "request body", limit: MAX_SERVICE_BODY, unit: "bytes" });
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Starts a provider's HTTP API on `host:port` (default 127.0.0.1, port 0 = ephemeral):
 * - `GET /lightbus/service/v1` → `{ provider, chainId, registry }`;
 * - `POST /lightbus/service/v1/request` (application/json, ≤ 64 KiB) with `{ request: { serviceId, user, input (hex
 *   of u32 LE words), nonce (decimal string) }, signature (65-byte hex, the user's EIP-712 signature) }` →
 *   200 `{ response: { requestHash, output }, signature, provider }`, where `output` is the program's journal as u32 LE
 *   words and `signature` the provider's EIP-712 signature of the Response.
 * Errors: `{ error: { code, message } }` with 400 (MalformedInput: bad body or a signature that does not recover
 * `request.user`; VmFault / CycleLimitExceeded: the program failed on that input), 404 (RequestRejected: unknown
 * service or route), 413 (InputTooLarge), 415 (RequestRejected: not JSON). CORS on every answer.
 */
export async function startServiceProvider(o: ServiceProviderOptions) {
  const provider = o.account.address;
  const origin = o.corsOrigin ?? "*";
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...CORS(origin) });
    res.end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, e: unknown) => {
    const status = e instanceof RequestRejectedError ? e.status : e instanceof InputTooLargeError ? 413 : e instanceof BaseError ? 400 : 500;
    const code = e instanceof BaseError ? e.code : "Unknown";
    const message = e instanceof BaseError ? (e.details ? `${e.shortMessage} ${e.details}` : e.shortMessage) : String(e);
    o.onEvent?.({ type: "refused", provider, status, code, message });
    send(res, status, { error: { code, message } });
  };

  const answer = async (call: { request: ServiceRequest; signature: Hex }) => {
    const { request, signature } = call;
    const domain = serviceRegistryDomain(o.chainId, o.registry);
    const signer = await recoverTypedDataAddress({ domain, types: SERVICE_REQUEST_TYPES, primaryType: "Request", message: request, signature }).catch(
      (e: unknown) => {
        throw new MalformedInputError({ what: "request signature", cause: e });
      },
    );
    if (signer.toLowerCase() !== request.user.toLowerCase())
      throw new MalformedInputError({ what: "request signature", details: `it recovers ${signer}, not request.user ${request.user}` });
    const entry = await o.serviceProgram(request.serviceId);
    if (!entry) throw new RequestRejectedError({ status: 404, reason: `unknown service ${request.serviceId}` });
    const input = bytesToWords(request.input);
    const run = execute(entry.program, input, { maxCycles: MAX_SERVICE_CYCLES });
    const output = [...run.journal];
    if (o.lies) output[0] = ((output[0] ?? 0) + 1) % P;
    const requestHash = serviceRequestHash(o.chainId, o.registry, request);
    const response: ServiceResponse = { requestHash, output: wordsToBytes(output) };
    const responseSignature = await o.account.signTypedData({ domain, types: SERVICE_RESPONSE_TYPES, primaryType: "Response", message: response });
    o.onEvent?.({ type: "answered", provider, serviceId: request.serviceId.toString(), user: request.user, requestHash, cycles: run.cycles, lied: !!o.lies });
    return { response, signature: responseSignature, provider };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (req.method === "OPTIONS") {
      res.writeHead(204, CORS(origin));
      res.end();
      return;
    }
    if (req.method === "GET" && path === "/lightbus/service/v1") return send(res, 200, { provider, chainId: o.chainId, registry: o.registry });
    if (req.method !== "POST" || path !== SERVICE_REQUEST_PATH)
      throw new RequestRejectedError({ status: 404, reason: `no route ${req.method} ${path.slice(0, 64)}` });
    const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
    if (type !== "application/json") throw new RequestRejectedError({ status: 415, reason: "content-type must be application/json" });
    const bytes = await readBody(req);
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch (e) {
      throw new MalformedInputError({ what: "service call", details: "body is not UTF-8 JSON", cause: e });
    }
    send(res, 200, await answer(parseServiceCall(json)));
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => fail(res, e));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port ?? 0, o.host ?? "127.0.0.1", () => resolve());
  });
  const url = `http://${o.host ?? "127.0.0.1"}:${(server.address() as AddressInfo).port}`;
  o.onEvent?.({ type: "listening", provider, url, lies: !!o.lies });
  return {
    url,
    address: provider,
    lies: !!o.lies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

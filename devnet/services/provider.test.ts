// Devnet service providers over HTTP (no chain): signed responses recover to the provider, the liar's output
// differs by one in its first word, and bad calls end in typed JSON errors.
import { type Hex, recoverTypedDataAddress } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVICE_REQUEST_TYPES, SERVICE_RESPONSE_TYPES, serviceRegistryDomain } from "../../src/jobs/typedData.ts";
import { getProgram } from "../../src/prover/zkvm/programs.ts";
import { bytesToWords, wordsToBytes } from "../../src/prover/zkvm/receiptEvm.ts";
import { devAccount } from "../accounts.ts";
import { SERVICE_REQUEST_PATH, startServiceProvider } from "./provider.ts";
import { serviceRequestHash } from "./typedData.ts";

const chainId = 31337;
const registry = "0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9" as Hex;
const domain = serviceRegistryDomain(chainId, registry);
const user = devAccount(9);
const fib = getProgram("fibonacci");
const servers: Awaited<ReturnType<typeof startServiceProvider>>[] = [];

beforeAll(async () => {
  const serviceProgram = async (id: bigint) => (id === 1n ? fib : undefined);
  servers.push(await startServiceProvider({ account: devAccount(4), chainId, registry, serviceProgram }));
  servers.push(await startServiceProvider({ account: devAccount(6), chainId, registry, serviceProgram, lies: true }));
});
afterAll(async () => {
  for (const s of servers) await s.close();
});

const signed = async (serviceId: bigint, input: number[], signer = user) => {
  const request = { serviceId, user: user.address, input: wordsToBytes(input), nonce: 7n };
  const signature = await signer.signTypedData({ domain, types: SERVICE_REQUEST_TYPES, primaryType: "Request", message: request });
  return { request: { ...request, serviceId: serviceId.toString(), nonce: "7" }, signature };
};
const post = (url: string, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
  fetch(`${url}${SERVICE_REQUEST_PATH}`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

describe("service providers", () => {
  it("answer a signed request with the program's journal, signed by the provider; the liar's first word is one more", async () => {
    const call = await signed(1n, fib.parseInput("20"));
    const answers = await Promise.all(servers.map(async (s) => ({ s, res: await post(s.url, call) })));
    const outputs: number[][] = [];
    for (const { s, res } of answers) {
      expect(res.status).toBe(200);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      const body = (await res.json()) as { response: { requestHash: Hex; output: Hex }; signature: Hex; provider: Hex };
      expect(body.provider).toBe(s.address);
      expect(body.response.requestHash).toBe(serviceRequestHash(chainId, registry, { ...call.request, serviceId: 1n, nonce: 7n } as never));
      const signer = await recoverTypedDataAddress({
        domain,
        types: SERVICE_RESPONSE_TYPES,
        primaryType: "Response",
        message: body.response,
        signature: body.signature,
      });
      expect(signer).toBe(s.address);
      outputs.push(bytesToWords(body.response.output));
    }
    expect(outputs[0]).toEqual(fib.reference(fib.parseInput("20")));
    expect(outputs[1]?.[0]).toBe(((outputs[0]?.[0] ?? 0) + 1) % 2013265921);
    expect(outputs[1]).not.toEqual(outputs[0]);
  });

  it("refuse bad calls with typed errors: another signer, unknown service, malformed, too large, not JSON; preflight allowed", async () => {
    const url = servers[0]?.url as string;
    const errorOf = async (res: Response) => ({ status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code });
    expect(await errorOf(await post(url, await signed(1n, [20], devAccount(8))))).toEqual({ status: 400, code: "MalformedInput" });
    expect(await errorOf(await post(url, await signed(99n, [20])))).toEqual({ status: 404, code: "RequestRejected" });
    const good = await signed(1n, [20]);
    expect(await errorOf(await post(url, { ...good, request: { ...good.request, input: "0x123" } }))).toEqual({ status: 400, code: "MalformedInput" });
    expect(await errorOf(await post(url, { ...good, request: { ...good.request, nonce: -1 } }))).toEqual({ status: 400, code: "MalformedInput" });
    expect(await errorOf(await post(url, { ...good, signature: "0x12" }))).toEqual({ status: 400, code: "MalformedInput" });
    expect(await errorOf(await post(url, "{not json"))).toEqual({ status: 400, code: "MalformedInput" });
    expect(await errorOf(await post(url, "x".repeat(65 << 10)))).toEqual({ status: 413, code: "InputTooLarge" });
    expect(await errorOf(await post(url, good, { "content-type": "text/plain" }))).toEqual({ status: 415, code: "RequestRejected" });
    expect(await errorOf(await fetch(`${url}/nope`))).toEqual({ status: 404, code: "RequestRejected" });
    const pre = await fetch(`${url}${SERVICE_REQUEST_PATH}`, { method: "OPTIONS" });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-headers")).toBe("content-type");
    // A program that fails on its input (fibonacci reads one word; none given) is a 400 with the VM error.
    expect(await errorOf(await post(url, await signed(1n, [])))).toMatchObject({ status: 400 });
  });
});

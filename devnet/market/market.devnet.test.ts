// The devnet market end to end (one devnet, ephemeral ports): an honest request is locked by an honest prover,
// proven on the libp2p prover network and fulfilled with a receipt the TypeScript verifier accepts; a cheap
// request is locked by the dishonest prover, whose tampered receipt reverts with the verifier's error, and after
// the deadline `slash` refunds the client; the service providers answer signed responses (the liar's differ).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestClient, createWalletClient, type Hex, http, keccak256, parseEther, recoverTypedDataAddress } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVICE_REQUEST_TYPES, SERVICE_RESPONSE_TYPES, serviceRegistryDomain } from "../../src/jobs/typedData.ts";
import { getProgram } from "../../src/prover/zkvm/programs.ts";
import { bytesToWords, decodeReceiptFromEvm, wordsToBytes } from "../../src/prover/zkvm/receiptEvm.ts";
import { verifyReceipt } from "../../src/prover/zkvm/verifyReceipt.ts";
import { devAccount } from "../accounts.ts";
import { devnetClients } from "../anvil.ts";
import { EventLog } from "../coordinator/testing.ts";
import { startDevnet } from "../run.ts";
import { SERVICE_REQUEST_PATH } from "../services/provider.ts";
import { proofMarketAbi, serviceRegistryAbi } from "./abi.ts";
import { PROOF_REQUEST_TYPES, type ProofRequest, proofMarketDomain } from "./requests.ts";
import { DISHONEST_PROVER_ACCOUNT } from "./start.ts";

type AnyEvent = { type: string; [k: string]: unknown };
const log = new EventLog<AnyEvent>();
let devnet: Awaited<ReturnType<typeof startDevnet>> | undefined;
const client = devAccount(8);
const fib = getProgram("fibonacci");

beforeAll(async () => {
  devnet = await startDevnet({
    anvilPort: 0,
    beaconPort: 0,
    coordinatorPort: 0,
    coordinatorHttpPort: 0,
    coordinatorStateDir: mkdtempSync(join(tmpdir(), "lightbus-market-coordinator-")),
    storage: false,
    quiet: true,
    dishonestProver: "bad-receipt",
    providerPorts: [0, 0, 0],
    marketPollMs: 500,
    onMarketEvent: (e) => log.push(e as AnyEvent),
    stateFile: join(mkdtempSync(join(tmpdir(), "lightbus-market-")), "devnet.json"),
  });
}, 120_000);
afterAll(async () => {
  await devnet?.stop();
});

const d = () => devnet as NonNullable<typeof devnet>;
const market = () => d().market?.proofMarket as Hex;
const clients = () => devnetClients(d().executionRpcUrl);

/** Signs and broadcasts a fibonacci request from the client (its value deposited with it); returns the request. */
async function submit(index: number, n: number, price: { min: bigint; max: bigint }, timing: { lockTimeout: number; timeout: number }): Promise<ProofRequest> {
  const { publicClient } = clients();
  const now = (await publicClient.getBlock()).timestamp;
  const request: ProofRequest = {
    id: (BigInt(client.address) << 32n) | BigInt(index),
    imageId: fib.imageId,
    inputUrl: "",
    input: wordsToBytes(fib.parseInput(String(n))),
    offer: { minPrice: price.min, maxPrice: price.max, rampUpStart: now, rampUpPeriod: 0, ...timing, lockCollateral: parseEther("0.01") },
  };
  const signature = await client.signTypedData({
    domain: proofMarketDomain(31337, market()),
    types: PROOF_REQUEST_TYPES,
    primaryType: "ProofRequest",
    message: request,
  });
  const wallet = createWalletClient({ account: client, transport: http(d().executionRpcUrl) });
  const hash = await wallet.writeContract({
    chain: null,
    address: market(),
    abi: proofMarketAbi,
    functionName: "submitRequest",
    args: [request, signature],
    value: price.max,
  });
  expect((await publicClient.waitForTransactionReceipt({ hash })).status).toBe("success");
  return request;
}
const eventOf = (type: string, requestId: bigint) => (es: AnyEvent[]) => es.some((e) => e.type === type && e.requestId === requestId.toString());

describe("devnet market provers", () => {
  it("lock an honest request, prove it on the prover network and fulfil it; the receipt verifies and the chain recorded it; the cheat's receipt reverts and it is slashed", async () => {
    const { publicClient } = clients();
    const honest = await submit(1, 200, { min: 2n * 10n ** 14n, max: 2n * 10n ** 14n }, { lockTimeout: 600, timeout: 900 });
    const cheap = await submit(2, 20, { min: 10n ** 13n, max: 5n * 10n ** 13n }, { lockTimeout: 600, timeout: 900 });

    await log.until(eventOf("fulfilled", honest.id));
    const locked = log.events.find((e) => e.type === "locked" && e.requestId === honest.id.toString());
    expect([devAccount(1).address, devAccount(2).address]).toContain(locked?.prover);
    // The lock was sent with the app's margin over the wallet's estimate (gasWithMargin), not a fixed limit.
    const lockTx = await publicClient.getTransaction({ hash: locked?.txHash as Hex });
    const lockReceipt = await publicClient.getTransactionReceipt({ hash: lockTx.hash });
    expect(lockTx.gas).not.toBe(1_000_000n);
    expect(lockTx.gas).toBeGreaterThanOrEqual((lockReceipt.gasUsed * 12n) / 10n);
    expect(lockTx.gas).toBeLessThan(lockReceipt.gasUsed * 2n);
    const status = await publicClient.readContract({ address: market(), abi: proofMarketAbi, functionName: "requestStatus", args: [honest.id] });
    expect(status.state).toBe(2);
    const [delivered] = await publicClient.getContractEvents({
      address: market(),
      abi: proofMarketAbi,
      eventName: "ProofDelivered",
      args: { requestId: honest.id },
      fromBlock: 0n,
    });
    const receipt = decodeReceiptFromEvm(delivered?.args.receipt as Hex);
    // fib(200): 1206 cycles, two segments of 2^10 rows (~38M gas on chain: the devnet's block gas limit allows it).
    expect(verifyReceipt(receipt).segments).toBe(2);
    expect(receipt.journal).toEqual(fib.reference(fib.parseInput("200")));
    expect(status.journalDigest).toBe(keccak256(wordsToBytes(receipt.journal)));
    expect(status.inputDigest).toBe(keccak256(honest.input));

    // The cheap request: only the dishonest prover takes it; its tampered receipt reverts on chain with the verifier's error.
    await log.until(eventOf("reverted", cheap.id));
    const reverted = log.events.find((e) => e.type === "reverted" && e.requestId === cheap.id.toString()) as AnyEvent;
    expect(reverted.prover).toBe(devAccount(DISHONEST_PROVER_ACCOUNT).address);
    expect(reverted.action).toBe("fulfill");
    // One of the verifier's errors (contracts/zkvm/ZkvmErrors.sol), named: InvalidMerkleOpening, InvalidFriProof, …
    expect(reverted.errorName).toMatch(/^(MalformedReceipt|InvalidReceipt|InvalidStarkProof|InvalidMerkleOpening|InvalidFriProof|InvalidProofOfWork)$/);
    expect((await publicClient.getTransactionReceipt({ hash: reverted.txHash as Hex })).status).toBe("reverted");
    const cheapStatus = await publicClient.readContract({ address: market(), abi: proofMarketAbi, functionName: "requestStatus", args: [cheap.id] });
    expect(cheapStatus.state).toBe(1);

    // After the deadline (the test jumps the chain's clock instead of waiting 15 minutes), the client slashes.
    const testClient = createTestClient({ mode: "anvil", transport: http(d().executionRpcUrl) });
    await testClient.increaseTime({ seconds: 901 });
    await testClient.mine({ blocks: 1 });
    const before = await publicClient.readContract({ address: market(), abi: proofMarketAbi, functionName: "balanceOf", args: [client.address] });
    const wallet = createWalletClient({ account: client, transport: http(d().executionRpcUrl) });
    const hash = await wallet.writeContract({ chain: null, address: market(), abi: proofMarketAbi, functionName: "slash", args: [cheap.id] });
    expect((await publicClient.waitForTransactionReceipt({ hash })).status).toBe("success");
    const after = await publicClient.readContract({ address: market(), abi: proofMarketAbi, functionName: "balanceOf", args: [client.address] });
    expect(after - before).toBe(cheapStatus.price + cheapStatus.collateral / 2n);
    const slashed = await publicClient.readContract({ address: market(), abi: proofMarketAbi, functionName: "requestStatus", args: [cheap.id] });
    expect(slashed).toMatchObject({ state: 3, slashed: true });
  }, 300_000);

  it("service providers are registered in both services and answer signed responses; the liar's output differs", async () => {
    const { publicClient } = clients();
    const registry = d().market?.serviceRegistry as Hex;
    const [providers, endpoints, stakes] = await publicClient.readContract({
      address: registry,
      abi: serviceRegistryAbi,
      functionName: "providersOf",
      args: [1n],
    });
    const expected = d().market?.providers ?? [];
    expect(providers.map((p) => p.toLowerCase()).sort()).toEqual(expected.map((p) => p.address.toLowerCase()).sort());
    expect([...endpoints].sort()).toEqual(expected.map((p) => p.url).sort());
    for (const s of stakes) expect(s).toBe(parseEther("1"));
    expect((await publicClient.readContract({ address: registry, abi: serviceRegistryAbi, functionName: "providersOf", args: [2n] }))[0]).toHaveLength(3);

    const user = devAccount(9);
    const domain = serviceRegistryDomain(31337, registry);
    const request = { serviceId: 1n, user: user.address, input: wordsToBytes(fib.parseInput("20")), nonce: 1n };
    const signature = await user.signTypedData({ domain, types: SERVICE_REQUEST_TYPES, primaryType: "Request", message: request });
    const body = JSON.stringify({ request: { ...request, serviceId: "1", nonce: "1" }, signature });
    const answers = await Promise.all(
      expected.map(async (p) => {
        const res = await fetch(`${p.url}${SERVICE_REQUEST_PATH}`, { method: "POST", headers: { "content-type": "application/json" }, body });
        expect(res.status).toBe(200);
        const a = (await res.json()) as { response: { requestHash: Hex; output: Hex }; signature: Hex; provider: Hex };
        expect(
          await recoverTypedDataAddress({ domain, types: SERVICE_RESPONSE_TYPES, primaryType: "Response", message: a.response, signature: a.signature }),
        ).toBe(p.address);
        return { lies: p.lies, output: bytesToWords(a.response.output) };
      }),
    );
    const truth = fib.reference(fib.parseInput("20"));
    for (const a of answers) expect(a.output).toEqual(a.lies ? [(truth[0] as number) + 1, ...truth.slice(1)] : truth);
    expect(answers.filter((a) => a.lies)).toHaveLength(1);
  });
});

// What a market prover checks before it locks (no chain): the client's EIP-712 signature, the program, the input;
// the price ramp; the tampered receipt of the dishonest mode.
import type { Hex } from "viem";
import { describe, expect, it } from "vitest";
import { getProgram } from "../../src/prover/zkvm/programs.ts";
import type { Receipt } from "../../src/prover/zkvm/receipt.ts";
import { wordsToBytes } from "../../src/prover/zkvm/receiptEvm.ts";
import { devAccount } from "../accounts.ts";
import { flipProofByte } from "./prover.ts";
import { checkRequest, clientOf, type Offer, PROOF_REQUEST_TYPES, type ProofRequest, priceAt, proofMarketDomain } from "./requests.ts";

const market = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512" as Hex;
const client = devAccount(8);
const fib = getProgram("fibonacci");
const offer: Offer = { minPrice: 100n, maxPrice: 200n, rampUpStart: 1000n, rampUpPeriod: 10, lockTimeout: 20, timeout: 30, lockCollateral: 5n };
const request: ProofRequest = { id: (BigInt(client.address) << 32n) | 3n, imageId: fib.imageId, inputUrl: "", input: wordsToBytes([20]), offer };
const sign = (r: ProofRequest, signer = client) =>
  signer.signTypedData({ domain: proofMarketDomain(31337, market), types: PROOF_REQUEST_TYPES, primaryType: "ProofRequest", message: r });

describe("market prover request checks", () => {
  it("accepts a request its client signed, with its program and input words", async () => {
    const r = await checkRequest(31337, market, request, await sign(request));
    expect(r).toMatchObject({ ok: true, checked: { client: client.address.toLowerCase(), input: [20] } });
    expect(r.ok && r.checked.program.name).toBe("fibonacci");
    expect(clientOf(request.id)).toBe(client.address.toLowerCase());
  });

  it("skips another signer, another chain, an unknown program, input that is not field words, an input by URL", async () => {
    const sig = await sign(request);
    const reason = async (r: ProofRequest, s: Hex = sig, chainId = 31337) => {
      const out = await checkRequest(chainId, market, r, s);
      return out.ok ? "ok" : out.reason;
    };
    expect(await reason(request, await sign(request, devAccount(9)))).toMatch(/signature/);
    expect(await reason(request, sig, 1)).toMatch(/signature/);
    expect(await reason(request, "0x1234")).toMatch(/signature/);
    const unknown = { ...request, imageId: `0x${"ab".repeat(32)}` as Hex };
    expect(await reason(unknown, await sign(unknown))).toMatch(/unknown program/);
    const notWords = { ...request, input: "0x0102" as Hex };
    expect(await reason(notWords, await sign(notWords))).toMatch(/multiple of 4|words/);
    const big = { ...request, input: "0xffffffff" as Hex };
    expect(await reason(big, await sign(big))).toMatch(/below p/);
    const byUrl = { ...request, input: "0x" as Hex, inputUrl: "https://example.com/input" };
    expect(await reason(byUrl, await sign(byUrl))).toMatch(/URL/);
  });

  it("prices like the contract: minPrice before the ramp, linear over it, maxPrice until the lock deadline, then 0", () => {
    expect(priceAt(offer, 900n)).toBe(100n);
    expect(priceAt(offer, 1000n)).toBe(100n);
    expect(priceAt(offer, 1005n)).toBe(150n);
    expect(priceAt(offer, 1010n)).toBe(200n);
    expect(priceAt(offer, 1020n)).toBe(200n);
    expect(priceAt(offer, 1021n)).toBe(0n);
  });

  it("the dishonest bad-receipt flips exactly one byte of segment 0's proof", () => {
    const seg = { proof: "0x00112233445566778899" as Hex } as Receipt["segments"][number];
    const r = { segments: [seg, seg] } as unknown as Receipt;
    const flipped = flipProofByte(r);
    const a = seg.proof.slice(2).match(/../g) ?? [];
    const b = flipped.segments[0]?.proof.slice(2).match(/../g) ?? [];
    expect(a.filter((x, i) => x !== b[i])).toHaveLength(1);
    expect(flipped.segments[1]).toBe(seg);
  });
});

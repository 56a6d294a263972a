// What a devnet market prover checks of a broadcast ProofRequest before it locks it: the client's EIP-712
// signature (ProofMarket domain "LightbusProofMarket" "1"), the program (a shipped one, by image id) and the
// input (u32 LE words). The app's copies of these types are src/jobs/ (typedData.ts, requestId.ts).
import { type Hex, recoverTypedDataAddress } from "viem";
import { BaseError } from "../../src/errors/base.ts";
import { PROOF_REQUEST_TYPES, proofMarketDomain } from "../../src/jobs/typedData.ts";
import type { Offer, ProofRequest } from "../../src/jobs/types.ts";
import { type ProgramEntry, programByImageId } from "../../src/prover/zkvm/programs.ts";
import { bytesToWords } from "../../src/prover/zkvm/receiptEvm.ts";

export type { Offer, ProofRequest };
export { PROOF_REQUEST_TYPES, proofMarketDomain };

/** Bit 192 of a request id: the client is a contract (ERC-1271), whose signature only the chain can check. */
const SMART_WALLET_BIT = 1n << 192n;

/** The client of a request id: its bits 32…191 as a lower-case address (no check of the other bits; the market did). */
export const clientOf = (id: bigint): Hex => `0x${((id >> 32n) & ((1n << 160n) - 1n)).toString(16).padStart(40, "0")}`;

// The price ramp: the app's own (src/jobs/priceRamp.ts), the same functions the UI uses.
export { deadline as deadlineOf, lockDeadline as lockDeadlineOf, priceAt } from "../../src/jobs/priceRamp.ts";

export type CheckedRequest = { request: ProofRequest; signature: Hex; client: Hex; program: ProgramEntry; input: number[] };

/**
 * Checks a broadcast request locally. Returns it with its client, program and input words, or the reason to skip it
 * (a bad signature, an unknown program, an input that is not u32 LE field words, an input only by URL).
 */
export async function checkRequest(
  chainId: number,
  market: Hex,
  request: ProofRequest,
  signature: Hex,
): Promise<{ ok: true; checked: CheckedRequest } | { ok: false; reason: string }> {
  const client = clientOf(request.id);
  if ((request.id & SMART_WALLET_BIT) === 0n) {
    const signer = await recoverTypedDataAddress({
      domain: proofMarketDomain(chainId, market),
      types: PROOF_REQUEST_TYPES,
      primaryType: "ProofRequest",
      message: request,
      signature,
    }).catch(() => null);
    if (signer?.toLowerCase() !== client.toLowerCase()) return { ok: false, reason: `client signature does not recover ${client}` };
  }
  const program = programByImageId(request.imageId);
  if (!program) return { ok: false, reason: `unknown program ${request.imageId}` };
  if (request.input === "0x" && request.inputUrl !== "") return { ok: false, reason: "input by URL only (this prover takes inputs by value)" };
  try {
    return { ok: true, checked: { request, signature, client, program, input: bytesToWords(request.input) } };
  } catch (e) {
    return { ok: false, reason: e instanceof BaseError ? `${e.shortMessage} ${e.details ?? ""}`.trim() : String(e) };
  }
}

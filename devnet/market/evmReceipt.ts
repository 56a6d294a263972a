// The EVM encoding of a composite receipt (src/prover/zkvm/receiptEvm.ts, helper A of issue 11), loaded when
// first used.
import type { Hex } from "viem";
import type { Receipt } from "../../src/prover/zkvm/receipt.ts";

const MODULE = "../../src/prover/zkvm/receiptEvm.ts";

/** `encodeReceiptForEvm(r)`: the bytes IReceiptVerifier.verify takes. */
export async function encodeReceiptForEvm(r: Receipt): Promise<Hex> {
  const m = (await import(/* @vite-ignore */ MODULE)) as { encodeReceiptForEvm(r: Receipt): Hex };
  return m.encodeReceiptForEvm(r);
}

/** `decodeReceiptFromEvm(data)`: the receipt a ProofDelivered event carries. */
export async function decodeReceiptFromEvm(data: Hex): Promise<Receipt> {
  const m = (await import(/* @vite-ignore */ MODULE)) as { decodeReceiptFromEvm(d: Hex): Receipt };
  return m.decodeReceiptFromEvm(data);
}

// u32 little-endian words ↔ bytes: a ProofRequest's `input`, a service Request's `input` and a Response's
// `output` are words so encoded (docs/proof-market.md). Local to the devnet agents (the app's copy is
// src/prover/zkvm/receiptEvm.ts `wordsToBytes` / `bytesToWords`).
import { bytesToHex, type Hex, hexToBytes } from "viem";
import { MalformedInputError } from "../../src/errors/base.ts";
import { P } from "../../src/prover/vm/field.ts";

/** Each word as 4 bytes, little-endian; 0x-hex of 4·n bytes. */
export function wordsToHex(words: readonly number[]): Hex {
  const bytes = new Uint8Array(4 * words.length);
  const view = new DataView(bytes.buffer);
  words.forEach((w, i) => {
    view.setUint32(4 * i, w, true);
  });
  return bytesToHex(bytes);
}

/**
 * The words of 0x-hex bytes (u32 LE each).
 * @throws {MalformedInputError} if it is not hex of whole words or a word is not a field element (< p).
 */
export function hexToWords(data: Hex, what = "input"): number[] {
  if (typeof data !== "string" || !/^0x([0-9a-fA-F]{8})*$/.test(data)) throw new MalformedInputError({ what, details: "expected 0x-hex of whole u32 words" });
  const bytes = hexToBytes(data);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i += 4) {
    const w = view.getUint32(i, true);
    if (w >= P) throw new MalformedInputError({ what, details: `word ${i / 4} = ${w} is not below p = ${P}` });
    out.push(w);
  }
  return out;
}

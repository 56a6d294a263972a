// Tampering for negative tests: each kind flips one byte (hex nibble) in one field of the recording.
import { DevnetStartError } from "../../src/errors/server.ts";
import type { Recording } from "./recording.ts";

export const TAMPER_KINDS = ["update-signature", "finality-signature", "block-transaction", "proof-node", "proof-other-account", "zk-result"] as const;

/** Flips the last hex digit of a 0x-hex string (one byte changes). */
export const flipHex = (hex: string): string => {
  const last = hex.at(-1);
  return hex.slice(0, -1) + (last === "0" ? "1" : "0");
};

/**
 * Tampers `recording` in place.
 * @param spec - `kind` or `kind:index` (`zk-result:<proof id>`), kind one of {@link TAMPER_KINDS}.
 * @throws {DevnetStartError} For an unknown kind, or an index / proof id the recording does not have.
 */
export function applyTamper(recording: Recording, spec: string): void {
  const [kind, indexText] = spec.split(":");
  const index = Number(indexText ?? 0);
  const fail = (details: string) => new DevnetStartError({ what: "replay server", details: `--tamper ${spec}: ${details}` });
  switch (kind) {
    case "update-signature": {
      const agg = recording.updates[index]?.data.sync_aggregate;
      if (!agg) throw fail(`no update ${index}`);
      agg.sync_committee_signature = flipHex(agg.sync_committee_signature);
      return;
    }
    case "finality-signature": {
      const agg = recording.finality.data.sync_aggregate;
      agg.sync_committee_signature = flipHex(agg.sync_committee_signature);
      return;
    }
    case "block-transaction": {
      for (const block of recording.blocks.values()) {
        const txs = block.data.message.body.execution_payload.transactions;
        if (txs.length > index) txs[index] = flipHex(txs[index]);
      }
      return;
    }
    case "proof-node": {
      for (const p of recording.proofs) if (p.accountProof.length > index) p.accountProof[index] = flipHex(p.accountProof[index]);
      return;
    }
    case "proof-other-account": {
      // A lying RPC: eth_getProof for the first recorded account is answered with another account's real,
      // valid proof (a question-swap, not a forged node): the verifier must reject it as answering something else.
      const asked = recording.proofs.find((p) => p.storageProof.length > 0) ?? recording.proofs[0];
      const other = recording.proofs.find((p) => p.address !== asked?.address);
      if (!asked || !other) throw fail("the recording needs proofs of two accounts");
      recording.proofs.unshift({ ...other, answersFor: asked.address });
      return;
    }
    case "zk-result": {
      // `zk-result:<proof id>`: flip one byte of what the proof commits to (journal / public values / a step root).
      const proof = recording.zkResults.get(indexText ?? "");
      if (!proof) throw fail(`no zk result ${indexText}`);
      const j = proof.json;
      if (j.journal) j.journal = flipHex(j.journal);
      else if (j.publicValues) j.publicValues = flipHex(j.publicValues);
      else if (j.step) j.step.executionStateRoot = flipHex(j.step.executionStateRoot);
      return;
    }
    default:
      throw fail(`unknown tamper kind; one of ${TAMPER_KINDS.join(", ")}`);
  }
}

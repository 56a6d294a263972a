// Tampering for negative tests: each kind flips one byte (hex nibble) in one field of the recording.
export const TAMPER_KINDS = ["update-signature", "finality-signature", "block-transaction", "proof-node", "zk-result"];

/** Flips the last hex digit of a 0x-hex string (one byte changes). */
export const flipHex = (hex) => {
  const last = hex.at(-1);
  return hex.slice(0, -1) + (last === "0" ? "1" : "0");
};

/**
 * @param {object} recording from loadRecording
 * @param {string} spec `kind` or `kind:index`
 */
export function applyTamper(recording, spec) {
  const [kind, indexText] = spec.split(":");
  const index = Number(indexText ?? 0);
  switch (kind) {
    case "update-signature": {
      const agg = recording.updates[index].data.sync_aggregate;
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
      for (const p of recording.proofs) p.accountProof[index] = flipHex(p.accountProof[index]);
      return;
    }
    case "zk-result": {
      // `zk-result:<proof id>`: flip one byte of what the proof commits to (journal / public values / a step root).
      const proof = recording.zkResults.get(indexText);
      if (!proof) throw new Error(`no zk result ${indexText}`);
      const j = proof.json;
      if (j.journal) j.journal = flipHex(j.journal);
      else if (j.publicValues) j.publicValues = flipHex(j.publicValues);
      else if (j.step) j.step.executionStateRoot = flipHex(j.step.executionStateRoot);
      return;
    }
    default:
      throw new Error(`unknown tamper kind ${kind}`);
  }
}

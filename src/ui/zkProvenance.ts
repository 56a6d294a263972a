import type { ZkRowStatus } from '../app/useZkResults.ts'
import type { Provenance, ProvenanceCheck } from '../bus/provenance.ts'
import type { FeedItem } from '../net/resultsFeed.ts'
import type { VerifiedZkResult } from '../verify/zk/verifyZkProof.ts'

const FAMILY_SOURCES: ReadonlyMap<string, string> = new Map([
  ['telepathy-step', 'Telepathy StepVerifier.sol (succinctlabs/telepathy-contracts)'],
  ['telepathy-rotate', 'Telepathy RotateVerifier.sol (succinctlabs/telepathy-contracts)'],
  ['telepathy-optimized-rotate', 'Telepathy OptimizedRotateVerifier.sol (succinctlabs/telepathy-contracts)'],
  ['risc0', 'RiscZeroGroth16Verifier.sol (risc0/risc0-ethereum)'],
  ['sp1', 'SP1VerifierGroth16.sol (succinctlabs/sp1-contracts)'],
  ['sp1-helios', 'SP1VerifierGroth16.sol (succinctlabs/sp1-contracts)'],
])

/** How the Results page names a proof's kind (`ZkKind`). */
export const KIND_LABELS: ReadonlyMap<string, string> = new Map([
  ['zkpos', 'zkPoS'],
  ['zkvm', 'zkVM'],
  ['unknown-program', 'unknown program'],
  ['proof-only', 'proof only'],
])

/** The provenance of a feed row: fetched → decoded → public inputs derived → Groth16 check. */
export function zkProvenance(item: FeedItem, status: ZkRowStatus): Provenance | null {
  const fetched: ProvenanceCheck = { label: 'Fetched from the results feed', detail: `${item.source} (the feed is not trusted: only the proof counts)` }
  switch (status.code) {
    case 'pending':
      return null
    case 'unsupported':
      return { status: 'unsupported', reason: status.error.shortMessage, checks: [fetched] }
    case 'failed':
      return { status: 'failed', error: status.error, checks: [fetched] }
    case 'proof-only': {
      return {
        status: 'proof-only',
        label: status.label,
        reason: status.reason,
        checks: [...proofChecks(fetched, status.result), { label: `Not proven: ${status.label.replace(/^proof valid, /, '')}`, detail: status.reason }],
      }
    }
    case 'verified': {
      const r = status.result
      const chain = status.chain
      return {
        status: 'verified',
        anchor: 'verifying-key',
        anchorDetail: `verifying key ${r.verifyingKeyId}, converted from ${FAMILY_SOURCES.get(r.family) ?? r.family} and shipped with Lightbus. It proves: ${r.statement}.`,
        checks: [
          ...proofChecks(fetched, r),
          ...(chain
            ? [
                {
                  label: `Sync committee of period ${chain.period} chained`,
                  detail: `its Poseidon commitment is the one the verified rotate proof ${chain.via} stores for period ${chain.period}`,
                },
              ]
            : []),
        ],
      }
    }
  }
}

/** Fetched → decoded → points → pairing, for a proof that verified. */
function proofChecks(fetched: ProvenanceCheck, r: VerifiedZkResult): ProvenanceCheck[] {
  return [
    fetched,
    {
      label: `Decoded ${r.family} proof (${r.version})`,
      detail: `${r.publicInputs.length} public input(s) derived from the application data, not taken from the prover`,
      ms: r.decodeMs,
    },
    { label: 'Proof points', detail: 'A, C on BN254 G1; B on the twist and in the order-r subgroup; none at infinity' },
    { label: `Groth16 pairing check (${r.backend})`, detail: `e(A,B) = e(α,β)·e(Σ inputs·IC, γ)·e(C,δ) with key ${r.verifyingKeyId}`, ms: r.verifyMs },
    // Embedded proofs the claim rests on (a Telepathy rotate's step), each checked the same way.
    ...r.checks.slice(1).map((c) => ({
      label: `Groth16 pairing check of the ${c.label} proof (${r.backend})`,
      detail: `${c.publicInputs.length} public input(s) derived from the application data, key ${c.verifyingKeyId}`,
    })),
    { label: 'What it proves', detail: r.statement },
  ]
}

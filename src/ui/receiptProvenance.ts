import type { ReceiptStatus } from '../app/useLocalReceipts.ts'
import type { Provenance, ProvenanceCheck } from '../bus/provenance.ts'
import type { StoredReceipt } from '../net/receiptStore.ts'

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

/**
 * The provenance of a local zkVM receipt: where it came from (not trusted) → parsed → image id, input
 * digest, parameters, segment continuity → each segment's STARK proof → what it proves.
 */
export function receiptProvenance(rec: Pick<StoredReceipt, 'source' | 'label'>, status: ReceiptStatus): Provenance | null {
  const from: ProvenanceCheck =
    rec.source === 'network'
      ? {
          label: 'Published by a prover-network coordinator',
          detail: `${rec.label}; fetched from its results feed, not trusted: verified here, only the proof counts`,
        }
      : {
          label: rec.source === 'proved' ? 'Proved in this tab' : 'Loaded from a file',
          detail: `${rec.label}; stored in this browser (IndexedDB) and verified again here: only the proof counts`,
        }
  if (status.code === 'pending') return null
  if (status.code === 'failed') return { status: 'failed', error: status.error, checks: [from] }
  const r = status.report
  const v = r.verified
  const p = r.params
  return {
    status: 'verified',
    anchor: 'verifying-key',
    anchorDetail: `the Lightbus STARK verifier shipped with Lightbus (zkVM AIR, blowup ${2 ** p.logBlowup}, ${p.numQueries} queries, ${p.powBits} grinding bits: ${r.securityBits} conjectured bits). It proves: program ${v.imageId} on input ${v.inputDigest} halted with exit code ${v.exitCode} and journal [${v.journal.slice(0, 8).join(', ')}${v.journal.length > 8 ? ', …' : ''}].`,
    checks: [
      from,
      { label: 'Parsed receipt (bounded, typed)', detail: `${v.segments} segment(s), ${kib(r.proofBytes)} of segment proofs`, ms: r.parseMs },
      { label: 'Image id', detail: `keccak-256(code ‖ entry) = ${v.imageId}${r.program ? ` (${r.program.name})` : ' (not a program shipped with Lightbus)'}` },
      { label: 'Input digest', detail: `keccak-256 of the ${r.inputLength} input words = ${v.inputDigest}` },
      {
        label: 'Parameters are Lightbus’s',
        detail: `blowup ${2 ** p.logBlowup}, ${p.numQueries} FRI queries, ${p.powBits} grinding bits, final degree < ${2 ** p.finalPolyLogDegree}: ${r.securityBits} conjectured bits`,
      },
      {
        label: 'Segments in order and continuous',
        detail: `segment 0 starts at the program's entry with zero registers and memory; each starts where the previous ended; the last halts (exit code ${v.exitCode}); ${v.cycles} cycles in all`,
      },
      ...r.segments.map((s) => ({
        label: `Segment ${s.index}: STARK proof verified`,
        detail: `${s.cycles} cycles, pc ${s.startPc} → ${s.endPc}${s.halted ? ' (halted)' : ''}, proof ${kib(s.proofBytes)}`,
        ms: s.verifyMs,
      })),
      { label: 'What it proves', detail: r.summary ?? `journal [${v.journal.slice(0, 8).join(', ')}] of an unknown program` },
    ],
  }
}

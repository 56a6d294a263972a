import type { HeaderSummary } from '../consensus/lightClientHeader.ts'

/** One compared value: what the zkPoS proof attests and what the light client verified itself. */
export type CrossCheckField = { name: string; zk: string; lightClient: string; equal: boolean }

/** Agreement between a zkPoS proof and the light client at a slot both attest. */
export type CrossCheck = { status: 'agree' | 'disagree' | 'no-overlap'; slot: number | null; fields: CrossCheckField[] }

/** The slot and roots a zkPoS claim attests (Telepathy step/rotate, SP1-Helios). */
export function zkPosAttestation(
  family: string,
  facts: Record<string, string | number>,
): { slot: number; headerRoot: string; executionStateRoot?: string } | null {
  if (family === 'telepathy-step') {
    return { slot: Number(facts.finalizedSlot), headerRoot: String(facts.finalizedHeaderRoot), executionStateRoot: String(facts.executionStateRoot) }
  }
  if (family === 'telepathy-rotate' || family === 'telepathy-optimized-rotate') {
    return { slot: Number(facts.finalizedSlot), headerRoot: String(facts.finalizedHeaderRoot) }
  }
  if (family === 'sp1-helios') return { slot: Number(facts.newHead), headerRoot: String(facts.newHeader), executionStateRoot: String(facts.executionStateRoot) }
  return null
}

/**
 * Compares a zkPoS claim with the light client's own verified headers: when one of them is at the slot
 * the proof attests, its block root and execution state root must equal the proof's.
 */
export function crossCheckZkPos(family: string, facts: Record<string, string | number>, headers: readonly (HeaderSummary | null)[]): CrossCheck {
  const a = zkPosAttestation(family, facts)
  if (!a) return { status: 'no-overlap', slot: null, fields: [] }
  const h = headers.find((x): x is HeaderSummary => x !== null && x.slot === a.slot)
  if (!h) return { status: 'no-overlap', slot: a.slot, fields: [] }
  const fields: CrossCheckField[] = [
    { name: 'finalized header root', zk: a.headerRoot.toLowerCase(), lightClient: h.blockRoot, equal: a.headerRoot.toLowerCase() === h.blockRoot },
  ]
  if (a.executionStateRoot && h.execution) {
    const zk = a.executionStateRoot.toLowerCase()
    fields.push({ name: 'execution state root', zk, lightClient: h.execution.stateRoot, equal: zk === h.execution.stateRoot })
  }
  return { status: fields.every((f) => f.equal) ? 'agree' : 'disagree', slot: a.slot, fields }
}

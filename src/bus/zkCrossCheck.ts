import type { HeaderSummary } from '../consensus/lightClientHeader.ts'
import { TELEPATHY_FINALITY_THRESHOLD } from '../verify/zk/telepathy.ts'
import type { VerifiedZkResult } from '../verify/zk/verifyZkProof.ts'

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
    // A rotate without its step proof attests no slot (`proof-only`).
    if (facts.finalizedSlot === undefined) return null
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

/**
 * Whether a verified Telepathy step's sync committee is chained: its Poseidon commitment comes from the proof
 * file (the contract reads it from storage that `rotate` writes), so the step is a proof of consensus only when
 * a verified rotate proof stores that commitment for the step's period — `rotate` at finalized slot s stores
 * period(s) + 1, and only when its own participation is above the finality threshold — and the step itself is
 * above that threshold (telepathy-contracts `src/lightclient/LightClient.sol` at
 * 2f2200f971c78eb79b4ed42c917549c886190e03: `step` reverts with "Not enough participants" otherwise).
 * Only a rotate of kind `zkpos` chains: its period and participation come from the step proof it embeds, verified
 * with it (`decodeTelepathy`); a `proof-only` rotate (no step proof) proves no period and never chains, and a
 * rotate whose step is signed by the committee of the period it stores (a step attested in period N finalizing
 * a slot of period N − 1) is circular and never chains. The rotate's own committee is taken as its file gives it
 * (one hop: nothing here anchors it to the light client).
 * @param verified - the feed's verified results, with their proof ids.
 * @returns null for anything but a Telepathy step.
 */
export function telepathyCommitteeChain(
  step: Pick<VerifiedZkResult, 'family' | 'kind' | 'committee'>,
  verified: readonly { proofId: string; result: Pick<VerifiedZkResult, 'family' | 'kind' | 'committee'> }[],
): CommitteeChain | null {
  if (step.family !== 'telepathy-step') return null
  const c = step.committee
  if (!c) return { status: 'not-chained', period: null, reason: 'the step names no sync committee' }
  if (!c.meetsFinalityThreshold) {
    return {
      status: 'not-chained',
      period: c.period,
      reason: `${c.participation}/512 signatures are not above Telepathy's finality threshold (${TELEPATHY_FINALITY_THRESHOLD})`,
    }
  }
  const via = verified.find(
    ({ result: r }) =>
      (r.family === 'telepathy-rotate' || r.family === 'telepathy-optimized-rotate') &&
      r.kind === 'zkpos' &&
      r.committee?.meetsFinalityThreshold === true &&
      // A rotate signed by the very committee it stores proves nothing about it (the contract's `processStep`
      // would read that commitment from storage first): only a rotate signed by another period's committee chains.
      r.committee.period !== r.committee.next?.period &&
      r.committee.next?.period === c.period &&
      r.committee.next.syncCommitteePoseidon === c.syncCommitteePoseidon,
  )
  if (via) return { status: 'chained', period: c.period, via: via.proofId }
  return {
    status: 'not-chained',
    period: c.period,
    reason: `no verified rotate proof stores period ${c.period}'s sync-committee commitment; the one used comes from the proof file`,
  }
}

/** See {@link telepathyCommitteeChain}. */
export type CommitteeChain = { status: 'chained'; period: number; via: string } | { status: 'not-chained'; period: number | null; reason: string }

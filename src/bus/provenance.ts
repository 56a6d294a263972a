import type { HeaderSummary } from '../consensus/lightClientHeader.ts'
import type { SyncStep } from '../consensus/lightClientSession.ts'
import type { SerializedError } from '../errors/serialize.ts'

/** One link of a value's chain of checks, from the checkpoint to the value. */
export type ProvenanceCheck = { label: string; detail?: string; ms?: number }

/**
 * Where a shown value comes from (DESIGN.md "trust chain"):
 * - `verified`: every check passed; `anchor` says what the chain ends in (the light client's
 *   checkpoint, or only a block hash that no verified header names);
 * - `trusted`: taken from `source` because it could not be proven (`reason`);
 * - `unsupported`: a proof Lightbus cannot check in the tab (`reason`); never shown as verified;
 * - `proof-only`: the proof is valid, but what it would prove rests on something it does not prove (`reason`,
 *   e.g. a Telepathy step whose sync-committee commitment is not chained); never shown as verified;
 * - `failed`: a check rejected it.
 */
export type Provenance =
  | { status: 'verified'; anchor: 'light-client' | 'block-hash' | 'verifying-key'; anchorDetail: string; checks: ProvenanceCheck[] }
  | { status: 'trusted'; source: string; reason: string; checks: ProvenanceCheck[] }
  | { status: 'unsupported'; reason: string; checks: ProvenanceCheck[] }
  | { status: 'proof-only'; label: string; reason: string; checks: ProvenanceCheck[] }
  | { status: 'failed'; error: SerializedError; checks: ProvenanceCheck[] }

const short = (h: string) => `${h.slice(0, 10)}…${h.slice(-6)}`

/** The light-client part of a chain: checkpoint → bootstrap → period updates → head updates. */
export function lightClientChecks(checkpointRoot: string, steps: SyncStep[]): ProvenanceCheck[] {
  const checks: ProvenanceCheck[] = [{ label: 'Trusted checkpoint', detail: `block root ${checkpointRoot}` }]
  for (const s of steps) {
    switch (s.kind) {
      case 'bootstrap':
        checks.push({
          label: `Bootstrap at slot ${s.slot}`,
          detail: `header hashes to the checkpoint; current sync committee (period ${s.period}) proven by Merkle branch`,
          ms: s.ms,
        })
        break
      case 'restore':
        checks.push({
          label: `Restored stored store at slot ${s.slot}`,
          detail: 'authenticated (HMAC) light-client store from an earlier visit; headers re-checked',
          ms: s.ms,
        })
        break
      case 'update':
        checks.push({
          label: `Period ${s.period} update`,
          detail: `${s.participants}/512 sync-committee signatures on slot ${s.slot}; next committee proven`,
          ms: s.ms,
        })
        break
      case 'finality':
        checks.push({
          label: `Finality update, finalized slot ${s.finalizedSlot}`,
          detail: `${s.participants}/512 signatures on slot ${s.slot}; finality branch`,
          ms: s.ms,
        })
        break
      case 'optimistic':
        checks.push({ label: `Optimistic update, slot ${s.slot}`, detail: `${s.participants}/512 signatures`, ms: s.ms })
        break
    }
  }
  return checks
}

/** Checks that tie a header's execution payload header to it. */
export function executionHeaderChecks(h: HeaderSummary, which: 'finalized' | 'optimistic'): ProvenanceCheck[] {
  return [
    { label: `${which === 'finalized' ? 'Finalized' : 'Optimistic'} beacon header, slot ${h.slot}`, detail: `block root ${short(h.blockRoot)}` },
    ...(h.execution
      ? [
          {
            label: `Execution payload header, block ${h.execution.blockNumber}`,
            detail: `proven under body_root by the execution branch (gindex 25); state root ${short(h.execution.stateRoot)}`,
          },
        ]
      : []),
  ]
}

import type { HeaderSummary } from '../consensus/lightClientHeader.ts'
import type { ForcedUpdateMark, SyncStep } from '../consensus/lightClientSession.ts'
import type { SerializedError } from '../errors/serialize.ts'

/** One link of a value's chain of checks, from the checkpoint to the value. */
export type ProvenanceCheck = { label: string; detail?: string; ms?: number }

/**
 * Where a shown value comes from (DESIGN.md "trust chain"):
 * - `verified`: every check passed; `anchor` says what the chain ends in (the light client's
 *   checkpoint, or only a block hash that no verified header names);
 * - `trusted`: taken from `source` because it could not be proven (`reason`); `forced` when it derives from a
 *   light-client forced update (consensus-specs `process_light_client_store_force_update`), shown as
 *   "trusted (forced update)";
 * - `unsupported`: a proof Lightbus cannot check in the tab (`reason`); never shown as verified;
 * - `proof-only`: the proof is valid, but what it would prove rests on something it does not prove (`reason`,
 *   e.g. a Telepathy step whose sync-committee commitment is not chained); never shown as verified;
 * - `failed`: a check rejected it.
 */
export type Provenance =
  | { status: 'verified'; anchor: 'light-client' | 'block-hash' | 'verifying-key'; anchorDetail: string; checks: ProvenanceCheck[] }
  | { status: 'trusted'; source: string; reason: string; checks: ProvenanceCheck[]; forced?: ForcedUpdateMark }
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
      case 'forced':
        checks.push({
          label: `Forced update, finalized slot ${s.finalizedSlot}`,
          detail: `NOT verified by a 2/3 supermajority: applied after ${UPDATE_TIMEOUT_SLOTS} slots without finality from the best update (${s.participants}/512 signatures on slot ${s.slot})`,
          ms: s.ms,
        })
        break
    }
  }
  return checks
}

/** consensus-specs altair light client `UPDATE_TIMEOUT` (mainnet preset), slots. */
const UPDATE_TIMEOUT_SLOTS = 8192

/**
 * The provenance of a value anchored in the light client's headers: `verified` down to the checkpoint, or
 * `trusted` (badge "trusted (forced update)") when the light client went through a forced update.
 * @param forced - The light client's forced-update mark (`SessionHeaderSummary.forced`), if any.
 */
export function lightClientProvenance(checkpointRoot: string, forced: ForcedUpdateMark | null | undefined, checks: ProvenanceCheck[]): Provenance {
  if (!forced) return { status: 'verified', anchor: 'light-client', anchorDetail: `Checkpoint ${checkpointRoot}.`, checks }
  return {
    status: 'trusted',
    source: `a forced light-client update (period ${forced.period}, finalized slot ${forced.atSlot})`,
    reason: `the light client applied an update signed by ${forced.participants}/512 (no 2/3 supermajority) after ${UPDATE_TIMEOUT_SLOTS} slots without finality; headers from then on are not verified down to checkpoint ${checkpointRoot}`,
    checks,
    forced,
  }
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

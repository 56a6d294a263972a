import type { LightClientSession } from '../consensus/lightClientSession.ts'

/**
 * True when a beacon-API finality/optimistic update JSON brings nothing newer than the store holds, so that it is
 * IGNOREd as the p2p spec's gossip validation does (consensus-specs altair/light-client/p2p-interface.md,
 * https://github.com/ethereum/consensus-specs/blob/v1.5.0/specs/altair/light-client/p2p-interface.md):
 * - a finality update whose `finalized_header.beacon.slot` is at or below the store's finalized slot (its finalized
 *   header cannot advance the store's, which a supermajority update or the checkpoint set; a newer attested header
 *   reaches the store through the optimistic update, checked next). DIFF FROM SPEC, stricter: the spec's
 *   `process_light_client_update` would still validate such an update and could take its attested header as the
 *   optimistic one or keep it as the best valid update; here nothing is taken from it. Once the store was ever forced
 *   (the mark is sticky), only one whose attested slot is at or below it, as before, so that its processing can still
 *   feed the best valid update;
 * - an optimistic update whose `attested_header.beacon.slot` is at or below the store's optimistic slot.
 * Slots are decimal strings. Anything malformed returns false: it goes on to full validation and fails there with a
 * typed error. Nothing is taken from an ignored update.
 */
export function isNotNewer(kind: 'finality' | 'optimistic', json: unknown, session: Pick<LightClientSession, 'forced' | 'finalized' | 'optimistic'>): boolean {
  const data = (json as { data?: { attested_header?: { beacon?: { slot?: unknown } }; finalized_header?: { beacon?: { slot?: unknown } } } } | null)?.data
  const slotOf = (v: unknown) => (typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : null)
  if (kind === 'optimistic') {
    const attested = slotOf(data?.attested_header?.beacon?.slot)
    return attested !== null && attested <= session.optimistic.beacon.slot
  }
  const held = session.finalized.beacon.slot
  const slot = session.forced ? slotOf(data?.attested_header?.beacon?.slot) : slotOf(data?.finalized_header?.beacon?.slot)
  return slot !== null && slot <= held
}

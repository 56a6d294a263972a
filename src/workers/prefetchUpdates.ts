import { computeSyncPeriodAtSlot } from '../consensus/specUtils.ts'
import { type LightClientTransport, MAX_REQUEST_LIGHT_CLIENT_UPDATES } from '../consensus/syncPeriods.ts'

/** The slot a bootstrap body claims (`data.header.beacon.slot`, decimal string) as a number, unchecked (NaN when absent). */
function claimedSlot(bootstrapJson: unknown): number {
  return Number((bootstrapJson as { data?: { header?: { beacon?: { slot?: unknown } } } } | null)?.data?.header?.beacon?.slot)
}

/**
 * Starts the first `getUpdates` request `syncPeriods` will make after this bootstrap, now, before the bootstrap is
 * verified: the request only needs the bootstrap's period (from its claimed slot) and the clock's period (over a
 * transport from {@link prefetchUpdatesFrom} that already sent the same request, that one is reused). Returns a
 * transport that answers that exact request (same start period and count) once from the prefetch and passes every
 * other call through. Nothing is trusted from the prefetch: a wrong claimed slot only means the prefetched request
 * is not the one asked for, and the updates are verified by `syncPeriods` whichever way they came.
 * @param currentSlot - The clock's slot, as given to `syncPeriods`.
 * @param signal - Aborts the early request (e.g. the light client's run ended before it was used).
 */
export function prefetchUpdates(transport: LightClientTransport, bootstrapJson: unknown, currentSlot: number, signal?: AbortSignal): LightClientTransport {
  return prefetchUpdatesFrom(transport, claimedSlot(bootstrapJson), currentSlot, signal)
}

/**
 * {@link prefetchUpdates} from a slot claimed by anything (the bootstrap body, or config.json's `checkpointSlot` before
 * the bootstrap is in); null, or anything but a non-negative safe integer, prefetches nothing. The same rules: only the
 * exact request is answered from it, once, and the updates are verified whichever way they came. Composes: a transport
 * from this answers an inner prefetch's request from that inner prefetch (no second request for the same batch).
 * @param slot - The checkpoint's claimed slot (a non-negative safe integer), or null.
 * @param currentSlot - The clock's slot, as given to `syncPeriods`.
 * @param signal - Aborts the early request (e.g. the light client's run ended before it was used); a later caller of
 * that request then gets its rejection (over the beacon API, an `HttpRequestError` whose cause is the abort's reason).
 * Requests passed through are not tied to it.
 */
export function prefetchUpdatesFrom(transport: LightClientTransport, slot: number | null, currentSlot: number, signal?: AbortSignal): LightClientTransport {
  if (slot === null || !Number.isSafeInteger(slot) || slot < 0) return transport
  const start = computeSyncPeriodAtSlot(slot)
  const to = computeSyncPeriodAtSlot(currentSlot)
  // A bootstrap's store knows only its current committee: syncPeriods asks for updates when the clock is past it.
  if (to <= start) return transport
  const count = Math.min(MAX_REQUEST_LIGHT_CLIENT_UPDATES, to - start + 1)
  let pending: Promise<unknown> | undefined = transport.getUpdates(start, count, signal ? { signal } : undefined)
  // Never an unhandled rejection when the prefetch is not used; a used one rejects to its caller as usual.
  pending.catch(() => {})
  return {
    getBootstrap: (root, init) => transport.getBootstrap(root, init),
    getFinalityUpdate: () => transport.getFinalityUpdate(),
    getOptimisticUpdate: () => transport.getOptimisticUpdate(),
    getUpdates(startPeriod, n, init) {
      if (pending && startPeriod === start && n === count) {
        const p = pending
        pending = undefined
        return p
      }
      return transport.getUpdates(startPeriod, n, init)
    },
  }
}

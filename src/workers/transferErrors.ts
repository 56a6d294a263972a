import * as Comlink from 'comlink'
import { deserializeError, type SerializedError, serializeError } from '../errors/serialize.ts'

let registered = false

/**
 * Replaces comlink's `throw` handler (which keeps only name/message/stack) so typed errors keep
 * `code`, `details`, `metaMessages` and `cause` across the worker boundary. Call on both sides.
 * Comlink does not export its throw marker, so the original handler's `canHandle` is reused.
 */
export function registerErrorTransfer(): void {
  if (registered) return
  const original = Comlink.transferHandlers.get('throw') as Comlink.TransferHandler<{ value: unknown }, unknown>
  Comlink.transferHandlers.set('throw', {
    canHandle: original.canHandle,
    serialize: ({ value }: { value: unknown }) => [{ error: serializeError(value) }, []],
    deserialize: (s: { error: SerializedError }) => {
      throw deserializeError(s.error)
    },
  } as Comlink.TransferHandler<unknown, unknown>)
  registered = true
}

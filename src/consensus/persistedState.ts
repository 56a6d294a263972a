import { StoredStateInvalidError } from '../errors/consensus.ts'
import { toHex } from '../verify/hex.ts'
import type { PersistedLightClientState } from './lightClientSession.ts'

/**
 * A persisted light-client store and its authentication tag: HMAC-SHA-256 (RFC 2104) over the UTF-8
 * bytes of `payload`, keyed by a non-extractable WebCrypto key that never leaves this browser profile.
 * Anything that edits the stored bytes without that key (disk corruption, a hand edit, another
 * origin's import) fails the tag and the state is discarded. The next signed update from the network
 * is then verified against the restored committee, which catches what the tag cannot.
 */
export type SealedState = { payload: string; tag: string }

/** Creates the HMAC key (non-extractable: it can sign and verify, never be read). */
export function generateSealingKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
}

export async function sealState(state: PersistedLightClientState, key: CryptoKey): Promise<SealedState> {
  const payload = JSON.stringify(state)
  const tag = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(payload))
  return { payload, tag: toHex(tag).slice(2) }
}

/**
 * Authenticates and parses a sealed state.
 * @throws {StoredStateInvalidError} When the record is malformed or its tag does not verify.
 */
export async function openSealedState(sealed: unknown, key: CryptoKey): Promise<PersistedLightClientState> {
  if (
    !sealed ||
    typeof sealed !== 'object' ||
    typeof (sealed as SealedState).payload !== 'string' ||
    typeof (sealed as SealedState).tag !== 'string' ||
    !/^[0-9a-f]{64}$/.test((sealed as SealedState).tag)
  ) {
    throw new StoredStateInvalidError({ reason: 'the record is malformed' })
  }
  const { payload, tag } = sealed as SealedState
  const tagBytes = new Uint8Array(tag.match(/../g)?.map((h) => Number.parseInt(h, 16)) ?? [])
  const ok = await crypto.subtle.verify('HMAC', key, tagBytes, new TextEncoder().encode(payload))
  if (!ok) throw new StoredStateInvalidError({ reason: 'its authentication tag does not match (tampered or corrupted)' })
  try {
    return JSON.parse(payload) as PersistedLightClientState
  } catch (cause) {
    throw new StoredStateInvalidError({ reason: 'its payload is not JSON', cause })
  }
}

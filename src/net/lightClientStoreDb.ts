import { type IDBPDatabase, openDB } from 'idb'
import { generateSealingKey, type SealedState } from '../consensus/persistedState.ts'

/**
 * IndexedDB persistence of the light-client store: one sealed record per network id, and the
 * profile's non-extractable HMAC key that seals them (see consensus/persistedState.ts).
 */
const DB_NAME = 'lightbus'
const DB_VERSION = 1

let db: Promise<IDBPDatabase> | undefined
const open = () =>
  (db ??= openDB(DB_NAME, DB_VERSION, {
    upgrade(d) {
      d.createObjectStore('keys')
      d.createObjectStore('lightClientStore')
    },
  }))

export async function getSealingKey(): Promise<CryptoKey> {
  const d = await open()
  const existing = (await d.get('keys', 'lightClientStore')) as CryptoKey | undefined
  if (existing) return existing
  const key = await generateSealingKey()
  await d.put('keys', key, 'lightClientStore')
  return key
}

export async function loadSealedState(networkId: string): Promise<unknown> {
  return (await open()).get('lightClientStore', networkId)
}

export async function saveSealedState(networkId: string, sealed: SealedState): Promise<void> {
  await (await open()).put('lightClientStore', sealed, networkId)
}

export async function deleteSealedState(networkId: string): Promise<void> {
  await (await open()).delete('lightClientStore', networkId)
}

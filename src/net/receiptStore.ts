import { type IDBPDatabase, openDB } from 'idb'

/**
 * IndexedDB store of the zkVM receipts this browser proved or was given (the Verified results page's
 * local items). Stored as the receipt's JSON text; nothing stored is trusted: every receipt is verified
 * again in the worker pool each time it is shown.
 */
export type StoredReceipt = {
  /** `zkvm-` + the first 16 hex digits of keccak-256 of the text. */
  readonly id: string
  /** `network`: a prover-network coordinator's results feed (never stored; shown with the same checks). */
  readonly source: 'proved' | 'file' | 'network'
  /** "proved in this tab (wasm backend, 2^10-cycle segments)" or the file's name. */
  readonly label: string
  readonly addedAtMs: number
  readonly text: string
  /** Proving wall time in the tab, for receipts proved here. */
  readonly proveMs?: number
}

const DB_NAME = 'lightbus-receipts'
const STORE = 'receipts'
let db: Promise<IDBPDatabase> | undefined
const open = () =>
  (db ??= openDB(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore(STORE, { keyPath: 'id' })
    },
  }))

/** Every stored receipt, oldest first. */
export async function listStoredReceipts(): Promise<StoredReceipt[]> {
  const all = (await (await open()).getAll(STORE)) as StoredReceipt[]
  return all.sort((a, b) => a.addedAtMs - b.addedAtMs)
}

export async function putStoredReceipt(r: StoredReceipt): Promise<void> {
  await (await open()).put(STORE, r)
}

export async function deleteStoredReceipt(id: string): Promise<void> {
  await (await open()).delete(STORE, id)
}

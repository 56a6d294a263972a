import { type IDBPDatabase, openDB } from 'idb'
import type { Hex } from 'viem'
import type { StoredProofRequest } from '../../jobs/actions/storedRequest.ts'
import type { JobState } from './marketApi.ts'

/**
 * "My jobs": the proof requests this browser signed, in IndexedDB (`lightbus-jobs`), keyed by network + client +
 * request id. A request and its signature are stored BEFORE its transaction is sent (`phase: 'signed'`), so a tab
 * that dies between signing and sending loses nothing: on the next visit the job is shown and tracking resumes
 * (a RequestSubmitted log on chain means it was sent after all). Nothing stored is trusted: every state shown is
 * read again from the chain.
 */
export type StoredJob = {
  /** `${networkId}|${client lowercase}|${requestId decimal}`. */
  readonly key: string
  readonly networkId: string
  /** The client address (lowercase 0x-hex, 20 bytes). */
  readonly client: Hex
  /** Request id, decimal. */
  readonly requestId: string
  /** The signed request (bigints as decimal strings). */
  readonly request: StoredProofRequest
  readonly signature: Hex
  /** Shipped program name, or null for a custom image id. */
  readonly program: string | null
  readonly inputText: string
  readonly createdAtMs: number
  /** signed: stored, not (known to be) sent; sent: submitRequest transaction sent; send-failed: the wallet or RPC refused it. */
  readonly phase: 'signed' | 'sent' | 'send-failed'
  readonly txHash?: Hex
  readonly sendError?: string
  /** The last state proven for it (for the list; re-proven when shown). */
  readonly lastProven?: { state: JobState; slashed: boolean; blockNumber: string }
}

export const jobKey = (networkId: string, client: Hex, requestId: bigint | string) => `${networkId}|${client.toLowerCase()}|${requestId.toString()}`

const DB_NAME = 'lightbus-jobs'
const JOBS = 'jobs'
/** Next request index per `${networkId}|${client}`: `{ key, next }`. */
const INDICES = 'indices'
let db: Promise<IDBPDatabase> | undefined
const open = () =>
  (db ??= openDB(DB_NAME, 1, {
    upgrade(d) {
      const jobs = d.createObjectStore(JOBS, { keyPath: 'key' })
      jobs.createIndex('owner', ['networkId', 'client'])
      d.createObjectStore(INDICES, { keyPath: 'key' })
    },
  }))

/** The jobs of `client` on `networkId` (every client's when `client` is null), newest first. */
export async function listJobs(networkId: string, client: Hex | null): Promise<StoredJob[]> {
  const d = await open()
  const all = (
    client ? await d.getAllFromIndex(JOBS, 'owner', [networkId, client.toLowerCase()]) : (await d.getAll(JOBS)).filter((j) => j.networkId === networkId)
  ) as StoredJob[]
  return all.sort((a, b) => b.createdAtMs - a.createdAtMs)
}

export async function getJob(key: string): Promise<StoredJob | undefined> {
  return (await (await open()).get(JOBS, key)) as StoredJob | undefined
}

/**
 * The next unused request index of `client` on `networkId`: one past the highest this browser used (stored per
 * client), never reused even after a job is deleted. Not reserved: {@link saveSignedJob} advances it.
 */
export async function nextRequestIndex(networkId: string, client: Hex): Promise<number> {
  const row = (await (await open()).get(INDICES, `${networkId}|${client.toLowerCase()}`)) as { next: number } | undefined
  return row?.next ?? 0
}

/** Stores a signed job (phase `signed`) and advances the client's next index past it, in one transaction. */
export async function saveSignedJob(job: StoredJob, index: number): Promise<void> {
  const d = await open()
  const tx = d.transaction([JOBS, INDICES], 'readwrite')
  const key = `${job.networkId}|${job.client.toLowerCase()}`
  const row = (await tx.objectStore(INDICES).get(key)) as { next: number } | undefined
  await tx.objectStore(INDICES).put({ key, next: Math.max(row?.next ?? 0, index + 1) })
  await tx.objectStore(JOBS).put(job)
  await tx.done
}

/** Updates fields of a stored job (no-op when it is gone). */
export async function updateJob(key: string, patch: Partial<Omit<StoredJob, 'key'>>): Promise<void> {
  const d = await open()
  const tx = d.transaction(JOBS, 'readwrite')
  const cur = (await tx.store.get(key)) as StoredJob | undefined
  if (cur) await tx.store.put({ ...cur, ...patch })
  await tx.done
}

export async function deleteJob(key: string): Promise<void> {
  await (await open()).delete(JOBS, key)
}

import { type IDBPDatabase, openDB } from 'idb'
import type { Hex } from 'viem'
import type { SerializedError } from '../errors/serialize.ts'
import type { StoredProofRequest } from '../jobs/actions/storedRequest.ts'
import type { ProviderSlot } from './compare.ts'

/**
 * A service request in flight, as the Services page keeps it in IndexedDB so a reload (or a crashed tab) resumes it:
 * the signed Request, the providers asked and what each answered, and the dispute's progress. bigints are decimal
 * strings. Nothing stored is trusted: answers are re-checked before use, the proof and the slash are read again by
 * verified calls, and the contract re-checks every signature in a dispute.
 */
export type StoredServiceSession = {
  /** The Request's EIP-712 digest (32 bytes, 0x-hex). */
  id: Hex
  networkId: string
  chainId: number
  registry: Hex
  createdAtMs: number
  service: { id: string; name: string; programId: Hex }
  request: { serviceId: string; user: Hex; input: Hex; nonce: string }
  inputText: string
  userSignature: Hex
  slots: ProviderSlot[]
  dispute?: StoredDispute
}

/** A ProofMarket request as stored (bigints as decimal strings). */
export type { StoredProofRequest } from '../jobs/actions/storedRequest.ts'

export type StoredDispute = {
  /** `proving`: proof request sent, waiting for its fulfilment proven at a verified block; `proven`: journal digest proven; `disputing`/`done`. */
  phase: 'proving' | 'proven' | 'disputing' | 'done' | 'failed'
  proofRequest: StoredProofRequest
  submitTx?: Hex
  journalDigest?: Hex
  provenAtBlock?: string
  disputes: StoredProviderDispute[]
  error?: SerializedError
}

export type StoredProviderDispute = {
  provider: Hex
  tx?: Hex
  /** `sent` (tx hash known), `settled` (receipt with DisputeSettled), `proven` (stake 0 and gone, proven at a verified block), `failed`. */
  status: 'sending' | 'sent' | 'settled' | 'proven' | 'failed'
  /** Wei slashed: the provider's whole stake in the service (from the DisputeSettled log of the receipt). */
  slashed?: string
  /** Wei of it burned (half, rounded up); the user got `slashed − burned`. */
  burned?: string
  blockNumber?: string
  error?: SerializedError
}

const DB_NAME = 'lightbus-services'
const STORE = 'sessions'
let db: Promise<IDBPDatabase> | undefined
const open = () =>
  (db ??= openDB(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore(STORE, { keyPath: 'id' })
    },
  }))

export async function putServiceSession(s: StoredServiceSession): Promise<void> {
  await (await open()).put(STORE, s)
}

/** The newest stored session of this network (and service, when given), or undefined. */
export async function latestServiceSession(networkId: string, serviceId?: string): Promise<StoredServiceSession | undefined> {
  const all = (await (await open()).getAll(STORE)) as StoredServiceSession[]
  return all
    .filter((s) => s.networkId === networkId && (serviceId === undefined || s.service.id === serviceId))
    .sort((a, b) => b.createdAtMs - a.createdAtMs)[0]
}

export async function deleteServiceSession(id: Hex): Promise<void> {
  await (await open()).delete(STORE, id)
}

import type { Hex } from 'viem'
import { toStoredProofRequest } from '../../jobs/actions/storedRequest.ts'
import { errorMessageOf } from './errorText.ts'
import { jobKey, type StoredJob } from './jobStore.ts'
import { type Offer, type ProofRequest, requestIdOf } from './marketApi.ts'
import { wordsToInputBytes } from './offerForm.ts'

/** What submitting needs: the wallet (sign, send), the market balance, and the My jobs store. */
export type SubmitDeps = {
  sign(request: ProofRequest): Promise<Hex>
  /** Sends submitRequest(request, signature) with `valueWei`; resolves with the transaction hash once sent. */
  send(request: ProofRequest, signature: Hex, valueWei: bigint): Promise<Hex>
  /** The client's balance in the market (wei). */
  balance(client: Hex): Promise<bigint>
  nextIndex(networkId: string, client: Hex): Promise<number>
  saveSigned(job: StoredJob, index: number): Promise<void>
  update(key: string, patch: Partial<Omit<StoredJob, 'key'>>): Promise<void>
}

export type SubmitParams = {
  networkId: string
  client: Hex
  imageId: Hex
  words: number[]
  program: string | null
  inputText: string
  offer: Offer
  nowMs: number
}

/**
 * Submits a job: the next unused request index of the client, the request signed (EIP-712), stored in My jobs as
 * `signed` BEFORE the transaction is asked for, then submitRequest sent (with value = maxPrice when the client's
 * market balance is below it) and the job marked `sent` (or `send-failed`, with the reason; it can be sent again).
 * A refused signature (UserRejectedError) stores nothing.
 * @throws Whatever `deps` throw (typed wallet errors), after recording a send failure.
 */
export async function submitJob(p: SubmitParams, deps: SubmitDeps): Promise<{ job: StoredJob; txHash: Hex }> {
  const client = p.client.toLowerCase() as Hex
  const index = await deps.nextIndex(p.networkId, client)
  const request: ProofRequest = { id: requestIdOf(client, index), imageId: p.imageId, inputUrl: '', input: wordsToInputBytes(p.words), offer: p.offer }
  const signature = await deps.sign(request)
  const job: StoredJob = {
    key: jobKey(p.networkId, client, request.id),
    networkId: p.networkId,
    client,
    requestId: request.id.toString(),
    request: toStoredProofRequest(request),
    signature,
    program: p.program,
    inputText: p.inputText,
    createdAtMs: p.nowMs,
    phase: 'signed',
  }
  await deps.saveSigned(job, index)
  return sendStoredJob(job, request, deps)
}

/** Sends (again) a stored signed job's submitRequest and records the outcome. @throws The send's typed error. */
export async function sendStoredJob(job: StoredJob, request: ProofRequest, deps: Pick<SubmitDeps, 'send' | 'balance' | 'update'>) {
  try {
    const balance = await deps.balance(job.client)
    const valueWei = balance < request.offer.maxPrice ? request.offer.maxPrice : 0n
    const txHash = await deps.send(request, job.signature, valueWei)
    await deps.update(job.key, { phase: 'sent', txHash })
    return { job: { ...job, phase: 'sent' as const, txHash }, txHash }
  } catch (e) {
    await deps.update(job.key, { phase: 'send-failed', sendError: errorMessageOf(e) })
    throw e
  }
}

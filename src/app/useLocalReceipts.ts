import { type QueryClient, queryOptions, useQueries, useQuery } from '@tanstack/react-query'
import { useSyncExternalStore } from 'react'
import { keccak256, stringToBytes } from 'viem'
import { type SerializedError, serializeError } from '../errors/serialize.ts'
import { listStoredReceipts, putStoredReceipt, type StoredReceipt } from '../net/receiptStore.ts'
import type { ReceiptReport } from '../prover/zkvm/receiptReport.ts'
import { getVerifierPool } from '../workers/verifierPool.ts'

/** A local receipt's status: verified only once the worker pool's verifyReceipt returned. */
export type ReceiptStatus = { code: 'pending' } | { code: 'verified'; report: ReceiptReport; wallMs: number } | { code: 'failed'; error: SerializedError }

export type ReceiptVerification = { report: ReceiptReport; wallMs: number }

/** Id of a receipt text: `zkvm-` + 16 hex digits of its keccak-256. */
export const receiptIdOf = (text: string) => `zkvm-${keccak256(stringToBytes(text)).slice(2, 18)}`

// Per-receipt verification progress (segments verified so far), shared by every view of it.
const progress = new Map<string, { done: number; total: number }>()
const listeners = new Set<() => void>()
const setProgress = (id: string, done: number, total: number) => {
  progress.set(id, { done, total })
  for (const l of listeners) l()
}
const subscribe = (l: () => void) => {
  listeners.add(l)
  return () => listeners.delete(l)
}

/** Segments verified so far of a receipt being verified (null before the first one). */
export function useReceiptVerifyProgress(id: string): { done: number; total: number } | null {
  return useSyncExternalStore(
    subscribe,
    () => progress.get(id) ?? null,
    () => null,
  )
}

/** Verifies a receipt text in the worker pool. @throws the verifier's typed error. */
export async function verifyReceiptInPool(id: string, text: string, signal?: AbortSignal): Promise<ReceiptVerification> {
  const t0 = performance.now()
  const report = await getVerifierPool().verifyReceipt(text, { signal, onSegment: (i, n) => setProgress(id, i + 1, n) })
  return { report, wallMs: performance.now() - t0 }
}

export const localReceiptsQueryOptions = () => queryOptions({ queryKey: ['localReceipts'], queryFn: listStoredReceipts, staleTime: Number.POSITIVE_INFINITY })

export const receiptQueryOptions = (r: Pick<StoredReceipt, 'id' | 'text'>) =>
  queryOptions({
    queryKey: ['zkReceipt', r.id],
    queryFn: ({ signal }) => verifyReceiptInPool(r.id, r.text, signal),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  })

/**
 * Stores a receipt and lists it. `verification`, when the caller already verified this very text in the
 * pool (the upload control), is kept as its status instead of verifying it twice.
 */
export async function addLocalReceipt(queryClient: QueryClient, r: StoredReceipt, verification?: ReceiptVerification): Promise<void> {
  await putStoredReceipt(r)
  if (verification) queryClient.setQueryData(receiptQueryOptions(r).queryKey, verification)
  await queryClient.invalidateQueries({ queryKey: ['localReceipts'] })
}

/** The stored receipts and each one's verification status (verified in the worker pool, once per id). */
export function useLocalReceipts() {
  const list = useQuery(localReceiptsQueryOptions())
  const receipts = list.data ?? []
  const statusById = useQueries({
    queries: receipts.map((r) => receiptQueryOptions(r)),
    combine: (results) => {
      const m = new Map<string, ReceiptStatus>()
      receipts.forEach((r, i) => {
        const q = results[i]
        if (!q || q.isPending) m.set(r.id, { code: 'pending' })
        else if (q.isError) m.set(r.id, { code: 'failed', error: serializeError(q.error) })
        else m.set(r.id, { code: 'verified', report: q.data.report, wallMs: q.data.wallMs })
      })
      return m
    },
  })
  return { list, receipts, statusById }
}

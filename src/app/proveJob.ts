import type { QueryClient } from '@tanstack/react-query'
import { useSyncExternalStore } from 'react'
import { type SerializedError, serializeError } from '../errors/serialize.ts'
import type { BackendName } from '../prover/backend/index.ts'
import type { ProgramName } from '../prover/zkvm/programs.ts'
import { proveInWorker } from '../workers/proverClient.ts'
import { addLocalReceipt, receiptIdOf } from './useLocalReceipts.ts'

export type ProveParams = { program: ProgramName; inputText: string; input: number[]; po2: number; backend: BackendName }

/**
 * The page's one proving job (kept outside React so it survives leaving the Prove page):
 * `executing` until the run is cut into segments, then `proving` with N segments, then `done`
 * (the receipt stored locally; it is verified in the worker pool like any other), `failed` or `cancelled`.
 */
export type ProveJobState =
  | { phase: 'idle' }
  | {
      phase: 'executing' | 'proving' | 'done' | 'failed' | 'cancelled'
      params: ProveParams
      startedAtMs: number
      finishedAtMs: number | null
      /** Segment count, known once execution finished. */
      segments: number | null
      cycles: number | null
      /** Wall milliseconds of each proven segment, in order. */
      segmentMs: number[]
      receipt: { id: string; text: string; segments: number; cycles: number; journal: readonly number[]; imageId: string } | null
      error: SerializedError | null
    }

let state: ProveJobState = { phase: 'idle' }
let controller: AbortController | null = null
const listeners = new Set<() => void>()
const set = (s: ProveJobState) => {
  state = s
  for (const l of listeners) l()
}
const subscribe = (l: () => void) => {
  listeners.add(l)
  return () => listeners.delete(l)
}

export function useProveJob(): ProveJobState {
  return useSyncExternalStore(subscribe, () => state)
}

/** Starts proving in a fresh prover worker (cancelling any running job). */
export function startProveJob(params: ProveParams, queryClient: QueryClient): void {
  controller?.abort()
  const c = new AbortController()
  controller = c
  const startedAtMs = Date.now()
  const base = { params, startedAtMs, finishedAtMs: null, segments: null, cycles: null, segmentMs: [] as number[], receipt: null, error: null }
  set({ phase: 'executing', ...base })
  let lastMs = 0
  const update = (patch: Partial<Extract<ProveJobState, { params: ProveParams }>>) => {
    if (controller !== c || state.phase === 'idle') return
    set({ ...state, ...patch })
  }
  proveInWorker({
    ...params,
    signal: c.signal,
    onProgress: (p) => {
      if (controller !== c || state.phase === 'idle') return
      const segmentMs = p.index === null ? [] : [...state.segmentMs, p.elapsedMs - lastMs]
      lastMs = p.elapsedMs
      update({ phase: 'proving', segments: p.segments, cycles: p.cycles, segmentMs })
    },
  })
    .then(
      async (receipt) => {
        const text = JSON.stringify(receipt)
        const id = receiptIdOf(text)
        const proveMs = Date.now() - startedAtMs
        await addLocalReceipt(queryClient, {
          id,
          source: 'proved',
          label: `proved in this tab (${params.backend} backend, 2^${params.po2}-cycle segments)`,
          addedAtMs: Date.now(),
          text,
          proveMs,
        })
        update({
          phase: 'done',
          finishedAtMs: Date.now(),
          receipt: { id, text, segments: receipt.segments.length, cycles: receipt.cycles, journal: receipt.journal, imageId: receipt.imageId },
        })
      },
      (e) => {
        const error = serializeError(e)
        update({ phase: error.code === 'ProvingCancelled' ? 'cancelled' : 'failed', finishedAtMs: Date.now(), error })
      },
    )
    .catch((e: unknown) => update({ phase: 'failed', finishedAtMs: Date.now(), error: serializeError(e) }))
}

/** Cancels the running job (terminates its worker). */
export function cancelProveJob(): void {
  controller?.abort()
}

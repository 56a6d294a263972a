import { queryOptions } from '@tanstack/react-query'
import { loadAppConfig, type StateProofPreset } from '../net/networkConfig.ts'
import { getLightClientWorker } from '../workers/lightClientClient.ts'
import { takeBootConfig } from './boot.ts'

/** config.json; the first fetch is the one the early boot started (src/app/handover.ts). */
export const appConfigQueryOptions = () =>
  queryOptions({ queryKey: ['config'], queryFn: () => takeBootConfig() ?? loadAppConfig(), staleTime: Number.POSITIVE_INFINITY })

/**
 * The finalized block's transactions at `slot`, proven against the verified header at that slot. Verified results
 * never go stale; when the light client has moved on, the worker fails with `StaleHeaderError` and the page asks
 * again under the new slot's key.
 */
export const finalizedBlockQueryOptions = (networkId: string, slot: number) =>
  queryOptions({
    queryKey: ['finalizedBlock', { networkId, slot }],
    queryFn: async () => (await getLightClientWorker()).verifyFinalizedBlock(slot),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  })

/** An account/storage proof verified while the light client's finalized header is at `finalizedSlot` (else `StaleHeaderError`). */
export const stateProofQueryOptions = (networkId: string, finalizedSlot: number, preset: StateProofPreset) =>
  queryOptions({
    queryKey: ['stateProof', { networkId, finalizedSlot, ...preset }],
    queryFn: async () => (await getLightClientWorker()).verifyStateProof(preset, finalizedSlot),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  })

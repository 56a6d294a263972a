import { queryOptions } from '@tanstack/react-query'
import { loadAppConfig, type StateProofPreset } from '../net/networkConfig.ts'
import { getLightClientWorker } from '../workers/lightClientClient.ts'

export const appConfigQueryOptions = () => queryOptions({ queryKey: ['config'], queryFn: () => loadAppConfig(), staleTime: Number.POSITIVE_INFINITY })

/** The finalized block's transactions, proven against the verified header. Verified results never go stale. */
export const finalizedBlockQueryOptions = (networkId: string, slot: number) =>
  queryOptions({
    queryKey: ['finalizedBlock', { networkId, slot }],
    queryFn: async () => (await getLightClientWorker()).verifyFinalizedBlock(),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  })

export const stateProofQueryOptions = (networkId: string, finalizedSlot: number, preset: StateProofPreset) =>
  queryOptions({
    queryKey: ['stateProof', { networkId, finalizedSlot, ...preset }],
    queryFn: async () => (await getLightClientWorker()).verifyStateProof(preset),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  })

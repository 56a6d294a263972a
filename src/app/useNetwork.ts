import { useQuery } from '@tanstack/react-query'
import { useSearchParams } from 'react-router'
import { fetchCheckpoint } from '../net/networkConfig.ts'
import { appConfigQueryOptions } from './queries.ts'
import { selectNetwork } from './selectNetwork.ts'

/** The network and checkpoint this page shows: `?network=` and `?checkpoint=` override config.json. */
export function useNetwork() {
  const config = useQuery(appConfigQueryOptions())
  const [params] = useSearchParams()
  const networks = config.data?.networks ?? []
  const { id, network, fromParam, badCheckpoint } = selectNetwork(config.data, params)
  const published = useQuery({
    queryKey: ['devnetCheckpoint', network?.checkpointUrl],
    queryFn: () => fetchCheckpoint(network?.chain ?? 'mainnet', network?.checkpointUrl as string),
    // Only a devnet publishes its checkpoint (parseAppConfig rejects checkpointUrl elsewhere; checked again here).
    enabled: Boolean(!fromParam && !network?.checkpointRoot && network?.checkpointUrl && network.kind === 'devnet' && network.chain === 'devnet'),
    staleTime: Number.POSITIVE_INFINITY,
    retry: 30,
    retryDelay: 1_000,
  })
  const checkpointRoot = fromParam ?? network?.checkpointRoot ?? published.data ?? null
  return {
    config,
    networks,
    network,
    unknownNetwork: config.data && !network ? id : undefined,
    checkpointRoot,
    /** Where the checkpoint came from, for the UI to say so. */
    checkpointSource: fromParam ? 'url' : network?.checkpointRoot ? 'config' : published.data ? 'devnet' : null,
    checkpointPending: published.isFetching && !published.data,
    badCheckpoint,
  }
}

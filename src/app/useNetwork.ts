import { useQuery } from '@tanstack/react-query'
import { useSearchParams } from 'react-router'
import type { NetworkConfig } from '../net/networkConfig.ts'
import { appConfigQueryOptions } from './queries.ts'

/** The network and checkpoint this page shows: `?network=` and `?checkpoint=` override config.json. */
export function useNetwork() {
  const config = useQuery(appConfigQueryOptions())
  const [params] = useSearchParams()
  const networks = config.data?.networks ?? []
  const id = params.get('network') ?? config.data?.defaultNetwork
  const network: NetworkConfig | undefined = networks.find((n) => n.id === id)
  const checkpointParam = params.get('checkpoint')
  const checkpointRoot = checkpointParam && /^0x[0-9a-fA-F]{64}$/.test(checkpointParam) ? checkpointParam.toLowerCase() : (network?.checkpointRoot ?? null)
  return {
    config,
    networks,
    network,
    unknownNetwork: config.data && !network ? id : undefined,
    checkpointRoot,
    badCheckpoint: checkpointParam !== null && checkpointRoot !== checkpointParam?.toLowerCase(),
  }
}

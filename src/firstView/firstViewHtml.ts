import { selectNetwork } from '../app/selectNetwork.ts'
import type { LightClientSnapshot } from '../bus/lightClientStatus.ts'
import type { AppConfig } from '../net/networkConfig.ts'
import { overviewHtml } from './overviewHtml.ts'
import { shellHtml } from './shellHtml.ts'

export type FirstViewInput = {
  config: AppConfig
  /** The page's path and query. */
  pathname: string
  params: URLSearchParams
  /** The light-client worker's latest snapshot, or null before its first. */
  snapshot: LightClientSnapshot | null
  dark: boolean
}

/**
 * The HTML React renders first for the Consensus page (`/`: AppShell around Overview) with this config and snapshot,
 * or null where the first view leaves the page to React: another path, a network or checkpoint the URL and config.json
 * do not name (React shows the error or the checkpoint form), a snapshot of another network, a failed light client.
 */
export function firstViewHtml({ config, pathname, params, snapshot, dark }: FirstViewInput): string | null {
  if (pathname !== '/') return null
  const { network, fromParam, checkpointRoot } = selectNetwork(config, params)
  if (!network || !checkpointRoot) return null
  if (snapshot && (snapshot.networkId !== network.id || snapshot.status.code === 'failed')) return null
  const search = params.toString() ? `?${params.toString()}` : ''
  const main = overviewHtml({ network, checkpointRoot, checkpointSource: fromParam ? 'url' : 'config', current: snapshot, search })
  return shellHtml({ networks: config.networks, networkId: network.id, pathname, search, status: snapshot?.status ?? null, dark }, main)
}

import type { AppConfig, NetworkConfig } from '../net/networkConfig.ts'
import { isHex32 } from '../verify/hex.ts'

/** What a page URL selects from config.json. */
export type NetworkSelection = {
  /** `?network=`, else config.json's default. */
  id: string | undefined
  network: NetworkConfig | undefined
  /** `?checkpoint=` when it is 32 bytes of 0x-hex (lower-cased), else null. */
  fromParam: string | null
  /** True when `?checkpoint=` is present but not 32 bytes of 0x-hex. */
  badCheckpoint: boolean
  /**
   * The trusted checkpoint: the user's `?checkpoint=`, else the network's `checkpointRoot` from config.json; null
   * when neither (a devnet's published checkpoint is fetched by `useNetwork`). Never from the beacon endpoint.
   */
  checkpointRoot: string | null
}

/** The network and checkpoint a URL's `?network=` and `?checkpoint=` select from config.json (`useNetwork`, the early boot). */
export function selectNetwork(config: AppConfig | undefined, params: URLSearchParams): NetworkSelection {
  const id = params.get('network') ?? config?.defaultNetwork
  const network = config?.networks.find((n) => n.id === id)
  const checkpointParam = params.get('checkpoint')
  const fromParam = isHex32(checkpointParam) ? checkpointParam.toLowerCase() : null
  return { id, network, fromParam, badCheckpoint: checkpointParam !== null && fromParam === null, checkpointRoot: fromParam ?? network?.checkpointRoot ?? null }
}

import { selectNetwork } from '../app/selectNetwork.ts'
import { type AppConfig, type NetworkConfig, parseAppConfig } from '../net/networkConfig.ts'
import { bootParams, earlyConfigJson } from './lightClientEarly.ts'
import { mark } from './perfMarks.ts'

// config.json was requested by the worker's first module (lightClientEarly.ts), while the rest of the worker loaded.
const earlyConfig = earlyConfigJson?.then(parseAppConfig) ?? null
earlyConfig?.catch(() => {}) // Reported by the page, which loads config.json itself.

/**
 * In a worker created by the preboot script: {@link prebootLightClient} with the page's query and the config.json
 * requested at the worker's start. Otherwise nothing.
 */
export function prebootFromLocation(service: Parameters<typeof prebootLightClient>[0]): Promise<{ network: NetworkConfig; checkpointRoot: string } | null> {
  if (!bootParams || !earlyConfig) return Promise.resolve(null)
  return prebootLightClient(service, bootParams, () => earlyConfig)
}

/**
 * Starts the light client from inside its worker at boot, before the page has loaded its bundle, exactly as the page
 * would (src/app/boot.ts): the network and trusted checkpoint that `selectNetwork` reads from the page's query
 * (`?network=`, `?checkpoint=`) and config.json, never from the beacon endpoint. The page's own `start` for the same
 * network and checkpoint then attaches to it (LightClientService.start). Any failure (config.json missing, no
 * checkpoint) leaves it to the page, which reports it.
 * @param loadConfig - config.json, parsed (in the worker: the request its first module made, lightClientEarly.ts).
 * @returns What it started, or null.
 */
export async function prebootLightClient(
  service: { startIfIdle(n: NetworkConfig, checkpointRoot: string): boolean },
  params: URLSearchParams,
  loadConfig: () => Promise<AppConfig>,
): Promise<{ network: NetworkConfig; checkpointRoot: string } | null> {
  try {
    const { network, checkpointRoot } = selectNetwork(await loadConfig(), params)
    if (!network || !checkpointRoot) return null
    // Only when the page has not started anything yet (its start, for any network, wins); the page attaches to this one
    // with its listener and gets the latest snapshot then.
    if (!service.startIfIdle(network, checkpointRoot)) return null
    mark('preboot')
    return { network, checkpointRoot }
  } catch {
    return null
  }
}

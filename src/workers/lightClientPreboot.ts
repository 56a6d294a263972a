import { selectNetwork } from '../app/selectNetwork.ts'
import type { LightClientSnapshot } from '../bus/lightClientStatus.ts'
import { FIRST_VIEW_MESSAGE, type FirstViewMessage } from '../firstView/message.ts'
import { type AppConfig, type NetworkConfig, parseAppConfig } from '../net/networkConfig.ts'
import { bootParams, earlyConfigJson } from './lightClientEarly.ts'
import { mark } from './perfMarks.ts'

// config.json was requested by the worker's first module (lightClientEarly.ts), while the rest of the worker loaded.
const earlyConfig = earlyConfigJson?.then(parseAppConfig) ?? null
earlyConfig?.catch(() => {}) // Reported by the page, which loads config.json itself.

/** What the preboot needs of the light-client service (LightClientService.startIfIdle). */
type PrebootService = { startIfIdle(n: NetworkConfig, checkpointRoot: string, onSnapshot: (s: LightClientSnapshot) => void): boolean }

/**
 * In a worker created by the preboot script: {@link prebootLightClient} with the page's query and the config.json
 * requested at the worker's start. Otherwise nothing.
 */
export function prebootFromLocation(
  service: Parameters<typeof prebootLightClient>[0],
  post: (m: FirstViewMessage) => void,
): Promise<{ network: NetworkConfig; checkpointRoot: string } | null> {
  if (!bootParams || !earlyConfig) return Promise.resolve(null)
  return prebootLightClient(service, bootParams, () => earlyConfig, post)
}

/**
 * Starts the light client from inside its worker at boot, before the page has loaded its bundle, exactly as the page
 * would (src/app/boot.ts): the network and trusted checkpoint that `selectNetwork` reads from the page's query
 * (`?network=`, `?checkpoint=`) and config.json, never from the beacon endpoint. The page's own `start` for the same
 * network and checkpoint then attaches to it (LightClientService.start). Any failure (config.json missing, no
 * checkpoint) leaves it to the page, which reports it.
 * @param loadConfig - config.json, parsed (in the worker: the request its first module made, lightClientEarly.ts).
 * @param post - Where the first view's messages go (the page, `self.postMessage`): config.json and every snapshot of
 *   the light client it started, until the page attaches its own listener; `{ none: true }` when it started nothing.
 * @returns What it started, or null.
 */
export async function prebootLightClient(
  service: PrebootService,
  params: URLSearchParams,
  loadConfig: () => Promise<AppConfig>,
  post: (m: FirstViewMessage) => void = () => {},
): Promise<{ network: NetworkConfig; checkpointRoot: string } | null> {
  const started = await startFromConfig(service, params, loadConfig, post)
  if (!started) post({ type: FIRST_VIEW_MESSAGE, none: true })
  return started
}

async function startFromConfig(
  service: PrebootService,
  params: URLSearchParams,
  loadConfig: () => Promise<AppConfig>,
  post: (m: FirstViewMessage) => void,
): Promise<{ network: NetworkConfig; checkpointRoot: string } | null> {
  try {
    const config = await loadConfig()
    const { network, checkpointRoot } = selectNetwork(config, params)
    if (!network || !checkpointRoot) return null
    // Only when the page has not started anything yet (its start, for any network, wins); the page attaches to this one
    // with its listener and gets the latest snapshot then. Until it does, each snapshot goes to the first view.
    if (!service.startIfIdle(network, checkpointRoot, (snapshot) => post({ type: FIRST_VIEW_MESSAGE, config, snapshot }))) return null
    mark('preboot')
    return { network, checkpointRoot }
  } catch {
    return null
  }
}

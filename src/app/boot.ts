import type { NetworkConfig } from '../net/networkConfig.ts'
import { type AppConfig, loadAppConfig } from '../net/networkConfig.ts'
import { getLightClientWorker } from '../workers/lightClientClient.ts'
import { mark } from '../workers/perfMarks.ts'
import { startLightClient } from './lightClientState.ts'
import { selectNetwork } from './selectNetwork.ts'

let bootConfig: Promise<AppConfig> | undefined

/** The config.json fetch the boot started, once (the app's config query takes it instead of fetching again). */
export function takeBootConfig(): Promise<AppConfig> | undefined {
  const p = bootConfig
  bootConfig = undefined
  return p
}

/**
 * Early boot: creates the light-client worker (its module and BLS load while config.json is fetched) and, when the
 * URL and config.json name a network and a trusted checkpoint, starts its light client. Failures are left to the
 * app, which fetches config.json again and shows the error.
 * @param start - How to start it (the app's `startLightClient`; tests pass a spy).
 * @returns The selection it started, or null when config.json did not load or named no checkpoint.
 */
export async function bootLightClient(
  params: URLSearchParams,
  {
    loadConfig = loadAppConfig,
    start = startLightClient,
    warmWorker = () => void getLightClientWorker().catch(() => {}),
  }: { loadConfig?: () => Promise<AppConfig>; start?: (n: NetworkConfig, checkpointRoot: string) => void; warmWorker?: () => void } = {},
): Promise<{ network: NetworkConfig; checkpointRoot: string } | null> {
  mark('boot')
  const config = loadConfig()
  bootConfig = config
  warmWorker()
  try {
    const { network, checkpointRoot } = selectNetwork(await config, params)
    if (!network || !checkpointRoot) return null
    start(network, checkpointRoot)
    return { network, checkpointRoot }
  } catch {
    return null
  }
}

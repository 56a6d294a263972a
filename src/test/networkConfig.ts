// NetworkConfig fixtures for tests of the boot path and the light-client service.
import type { NetworkConfig } from '../net/networkConfig.ts'

/** The recorded mainnet's checkpoint in public/config.json (the recording's bootstrap block root). */
export const RECORDED_CHECKPOINT = '0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275'

/** A `recorded` mainnet network at `beaconApiUrl` (JSON-RPC at `<url>/rpc`), with `checkpointRoot` and any overrides. */
export function recordedNetwork(
  id: string,
  beaconApiUrl: string,
  checkpointRoot: string | null = RECORDED_CHECKPOINT,
  extra: Partial<NetworkConfig> = {},
): NetworkConfig {
  return { id, name: id, kind: 'recorded', chain: 'mainnet', beaconApiUrl, executionRpcUrl: `${beaconApiUrl}/rpc`, checkpointRoot, ...extra }
}

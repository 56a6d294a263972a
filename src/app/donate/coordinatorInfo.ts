import { MalformedInputError } from '../../errors/base.ts'
import { fetchJson } from '../../net/fetchJson.ts'
import type { NetworkConfig } from '../../net/networkConfig.ts'

/** A network's prover network (config.json `proverNetwork`): where its coordinator says how to reach it. */
export type ProverNetworkConfig = { coordinatorInfoUrl: string }

/** The coordinator's `GET /lightbus/prover-network` answer: its peer id, listen multiaddrs and job topic. */
export type CoordinatorInfo = { peerId: string; multiaddrs: string[]; topic: string }

/** The network's prover network, or undefined when it has none. */
export function proverNetworkOf(network: NetworkConfig | undefined): ProverNetworkConfig | undefined {
  const p = (network as { proverNetwork?: unknown } | undefined)?.proverNetwork as Partial<ProverNetworkConfig> | null | undefined
  return p && typeof p.coordinatorInfoUrl === 'string' ? { coordinatorInfoUrl: p.coordinatorInfoUrl } : undefined
}

/**
 * Fetches and checks the coordinator's info.
 * @throws {HttpRequestError} when it cannot be reached; {MalformedInputError} for an answer of another shape.
 */
export async function fetchCoordinatorInfo(url: string, signal?: AbortSignal): Promise<CoordinatorInfo> {
  const json = (await fetchJson(url, signal ? { signal } : {})) as Partial<CoordinatorInfo> | null
  const ok =
    json !== null &&
    typeof json === 'object' &&
    typeof json.peerId === 'string' &&
    typeof json.topic === 'string' &&
    Array.isArray(json.multiaddrs) &&
    json.multiaddrs.length > 0 &&
    json.multiaddrs.every((m) => typeof m === 'string')
  if (!ok) throw new MalformedInputError({ what: 'coordinator info', details: `${url} did not answer { peerId, multiaddrs, topic }` })
  return { peerId: json.peerId as string, multiaddrs: json.multiaddrs as string[], topic: json.topic as string }
}

import { type ChainName, isChainName } from '../consensus/chainName.ts'
import { MalformedInputError } from '../errors/base.ts'
import { isHex32, isHexString } from '../verify/hex.ts'
import { fetchJson } from './fetchJson.ts'

/** A state proof the app offers as an example on a network. */
export type StateProofPreset = {
  label: string
  /** 20-byte address, 0x-hex. */
  address: string
  /** 32-byte storage slots, 0x-hex. */
  storageKeys: string[]
  /** Block number to prove at; omitted = the light client's finalized execution block. */
  blockNumber?: number
}

/** One network of `public/config.json`. */
export type NetworkConfig = {
  /** Stable id used in URLs (`?network=`) and as the IndexedDB key of its light-client store. */
  id: string
  name: string
  /** `recorded`: real recordings served by the replay server; `live`: public endpoints; `devnet`: local stack. */
  kind: 'recorded' | 'live' | 'devnet'
  /** Consensus chain config (fork schedule, domains) shipped with Lodestar. */
  chain: ChainName
  /** Beacon API base URL (light-client routes, events, blocks). */
  beaconApiUrl: string
  /** Execution JSON-RPC URL (`eth_getProof`, `eth_getBlockByNumber`). */
  executionRpcUrl: string
  /** Feed of computation results and zkPoS proofs (`{ data: FeedItem[] }`; proofs at `…/proofs/{id}`); null = none. */
  resultsFeedUrl?: string | null
  /** Trusted checkpoint: a finalized beacon block root, 32 bytes hex; null = the user must supply one. */
  checkpointRoot: string | null
  /**
   * The slot of the `checkpointRoot` block, optional. Used for speed only: the light client's first period-updates
   * request (which needs the checkpoint's sync-committee period) goes out with the bootstrap's instead of after it.
   * Nothing is trusted from it: the bootstrap is checked against `checkpointRoot` as always, and a wrong slot only
   * means that prefetched request is not the one the store needs (it is then made again).
   */
  checkpointSlot?: number
  /**
   * Devnet only: where the devnet runner publishes its first block root (`{ data: { root } }`), used as the
   * checkpoint when `checkpointRoot` is null. Trusted because the user runs that devnet; the UI says so.
   */
  checkpointUrl?: string
  /** Slots without a new verified head after which the client is `stalled` (default 32, one epoch). */
  stallAfterSlots?: number
  /**
   * Let the light client apply consensus-specs `process_light_client_store_force_update` when sync is stuck
   * (UPDATE_TIMEOUT, 8192 slots, without a finalized supermajority update). Default false. Everything
   * derived from a forced update is shown as "trusted (forced update)", never as verified.
   */
  allowForcedUpdates?: boolean
  /**
   * The prover network (docs/prover-network.md) a Donate tab joins: `coordinatorInfoUrl` answers
   * `{ peerId, multiaddrs, topic }` (a coordinator's GET /lightbus/prover-network); `bootstrap` are
   * coordinator multiaddrs dialled directly. null or absent = no prover network.
   */
  proverNetwork?: ProverNetworkConfig | null
  /**
   * The storage network (docs/storage-devnet.md): a storage node's JSON-RPC URL (`es_getBlob`,
   * `lightbus_getBlob`) and the KVStorage contract (20-byte address) whose metas the app proves. Absent = none.
   */
  storage?: StorageConfig
  /**
   * The proof market and service registry (docs/proof-market.md, docs/prover-network.md "Devnet provers and
   * providers"): both contracts (20-byte addresses), the coordinator's HTTP base URL (job progress at
   * `GET {coordinatorHttpUrl}/lightbus/jobs`) and the devnet provers' ask in wei (decimal string). Absent = none.
   */
  market?: MarketConfig
  /** Shown under the network name, e.g. what a recording replays. */
  description?: string
  stateProofs?: StateProofPreset[]
}

export type ProverNetworkConfig = { coordinatorInfoUrl?: string; bootstrap?: string[] }

export type StorageConfig = { nodeUrl: string; kvStorage: string }

export type MarketConfig = { proofMarket: string; serviceRegistry: string; coordinatorHttpUrl: string; proverAskWei: string }

const MARKET_KEYS = ['proofMarket', 'serviceRegistry', 'coordinatorHttpUrl', 'proverAskWei']

/** Exactly `{ proofMarket, serviceRegistry: 20-byte 0x-hex, coordinatorHttpUrl: http(s) URL ≤ 512 chars, proverAskWei: decimal ≤ 78 digits }`. */
const isMarketConfig = (m: unknown): boolean => {
  const x = m as Partial<MarketConfig> | null
  return (
    !!x &&
    typeof x === 'object' &&
    !Array.isArray(x) &&
    Object.keys(x).every((k) => MARKET_KEYS.includes(k)) &&
    isHexString(x.proofMarket, 20) &&
    isHexString(x.serviceRegistry, 20) &&
    typeof x.coordinatorHttpUrl === 'string' &&
    x.coordinatorHttpUrl.length <= 512 &&
    /^https?:\/\/[^\s]+$/.test(x.coordinatorHttpUrl) &&
    typeof x.proverAskWei === 'string' &&
    /^(0|[1-9][0-9]{0,77})$/.test(x.proverAskWei)
  )
}

/** Exactly `{ nodeUrl: http(s) URL ≤ 512 chars, kvStorage: 20-byte 0x-hex }`, no other keys. */
const isStorageConfig = (s: unknown): boolean => {
  const x = s as Partial<StorageConfig> | null
  return (
    !!x &&
    typeof x === 'object' &&
    !Array.isArray(x) &&
    Object.keys(x).every((k) => k === 'nodeUrl' || k === 'kvStorage') &&
    typeof x.nodeUrl === 'string' &&
    x.nodeUrl.length <= 512 &&
    /^https?:\/\/[^\s]+$/.test(x.nodeUrl) &&
    isHexString(x.kvStorage, 20)
  )
}

/** At least one of an http(s) info URL and 1–16 multiaddr strings (starting with `/`). */
const isProverNetwork = (p: unknown): boolean => {
  if (p === null) return true
  const x = p as ProverNetworkConfig | undefined
  if (!x || typeof x !== 'object' || Array.isArray(x)) return false
  const url = x.coordinatorInfoUrl === undefined || (typeof x.coordinatorInfoUrl === 'string' && /^https?:\/\//.test(x.coordinatorInfoUrl))
  const boot =
    x.bootstrap === undefined ||
    (Array.isArray(x.bootstrap) && x.bootstrap.length <= 16 && x.bootstrap.every((a) => typeof a === 'string' && a.startsWith('/') && a.length <= 512))
  return url && boot && (x.coordinatorInfoUrl !== undefined || (x.bootstrap?.length ?? 0) > 0)
}

export type AppConfig = { defaultNetwork: string; networks: NetworkConfig[] }

/** A well-formed preset: a 20-byte address, at most 1024 storage keys of at most 32 bytes, an optional block number. */
const isStateProofPreset = (p: unknown): boolean => {
  const x = p as Partial<StateProofPreset> | null
  return (
    !!x &&
    typeof x === 'object' &&
    typeof x.label === 'string' &&
    isHexString(x.address, 20) &&
    Array.isArray(x.storageKeys) &&
    x.storageKeys.length <= 1024 &&
    x.storageKeys.every((k) => typeof k === 'string' && /^0x[0-9a-fA-F]{1,64}$/.test(k)) &&
    (x.blockNumber === undefined || (Number.isSafeInteger(x.blockNumber) && x.blockNumber >= 0))
  )
}

/**
 * Validates a parsed config.json.
 * @throws {MalformedInputError} With the first problem found.
 */
export function parseAppConfig(json: unknown): AppConfig {
  const c = json as Partial<AppConfig> | null
  if (!c || !Array.isArray(c.networks) || c.networks.length === 0) {
    throw new MalformedInputError({ what: 'config.json', details: 'expected { defaultNetwork, networks: [...] }' })
  }
  for (const n of c.networks) {
    const problems = [
      typeof n.id !== 'string' && 'id',
      !['recorded', 'live', 'devnet'].includes(n.kind) && 'kind',
      !isChainName(n.chain) && 'chain',
      typeof n.beaconApiUrl !== 'string' && 'beaconApiUrl',
      typeof n.executionRpcUrl !== 'string' && 'executionRpcUrl',
      n.checkpointRoot !== null && !isHex32(n.checkpointRoot) && 'checkpointRoot',
      n.checkpointSlot !== undefined && !(Number.isSafeInteger(n.checkpointSlot) && n.checkpointSlot >= 0 && n.checkpointRoot !== null) && 'checkpointSlot',
      // A public chain's checkpoint never comes from the endpoint being checked: only a devnet publishes its own.
      n.checkpointUrl !== undefined && (n.kind !== 'devnet' || n.chain !== 'devnet') && 'checkpointUrl (only a devnet may publish its checkpoint)',
      n.allowForcedUpdates !== undefined && typeof n.allowForcedUpdates !== 'boolean' && 'allowForcedUpdates',
      n.stateProofs !== undefined && !(Array.isArray(n.stateProofs) && n.stateProofs.every(isStateProofPreset)) && 'stateProofs',
      n.proverNetwork !== undefined && !isProverNetwork(n.proverNetwork) && 'proverNetwork',
      n.storage !== undefined && !isStorageConfig(n.storage) && 'storage',
      n.market !== undefined && !isMarketConfig(n.market) && 'market',
    ].filter(Boolean)
    if (problems.length) {
      throw new MalformedInputError({ what: `config.json network ${String(n.id)}`, details: `bad ${problems.join(', ')}` })
    }
  }
  const defaultNetwork = typeof c.defaultNetwork === 'string' ? c.defaultNetwork : (c.networks[0] as NetworkConfig).id
  return { defaultNetwork, networks: c.networks as NetworkConfig[] }
}

/**
 * Fetches a devnet's published checkpoint. Refuses any chain but the devnet: a public chain's checkpoint
 * comes from the user or the app's config, never from the endpoint being checked.
 * @param chain - The chain the checkpoint is for; must be `devnet`.
 * @throws {MalformedInputError | HttpRequestError | TimeoutError}
 */
export async function fetchCheckpoint(chain: ChainName, url: string): Promise<string> {
  if (chain !== 'devnet') {
    throw new MalformedInputError({ what: 'checkpoint source', details: `only a devnet may publish its own checkpoint, not ${chain}` })
  }
  const body = (await fetchJson(url, { timeoutMs: 5_000 })) as { data?: { root?: unknown } }
  const root = body?.data?.root
  if (!isHex32(root)) throw new MalformedInputError({ what: 'devnet checkpoint', details: 'expected { data: { root } }' })
  return root.toLowerCase()
}

/** Loads `config.json` from the app's origin. @throws as {@link fetchJson} and {@link parseAppConfig}. */
export async function loadAppConfig(url = '/config.json'): Promise<AppConfig> {
  return parseAppConfig(await fetchJson(url))
}

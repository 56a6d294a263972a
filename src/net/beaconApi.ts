import type { LightClientTransport } from '../consensus/syncPeriods.ts'
import { MalformedInputError } from '../errors/base.ts'
import { fetchJson } from './fetchJson.ts'

/** Genesis as served by `/eth/v1/beacon/genesis`. Time in unix seconds. */
export type BeaconGenesis = { genesisTimeSec: number; genesisValidatorsRoot: string }

/** Beacon-API client for what Lightbus reads; returns bodies unverified (checks live in consensus/ and verify/). */
export type BeaconApi = LightClientTransport & {
  baseUrl: string
  getGenesis(): Promise<BeaconGenesis>
  /** GET /eth/v2/beacon/blocks/{slot}: a versioned `SignedBeaconBlock`. */
  getBlock(slot: number): Promise<unknown>
}

const trim = (url: string) => url.replace(/\/+$/, '')

export function createBeaconApi(baseUrl: string, { timeoutMs }: { timeoutMs?: number } = {}): BeaconApi {
  const base = trim(baseUrl)
  const get = (path: string, signal?: AbortSignal) => fetchJson(`${base}${path}`, { ...(timeoutMs ? { timeoutMs } : {}), ...(signal ? { signal } : {}) })
  return {
    baseUrl: base,
    async getGenesis() {
      const body = (await get('/eth/v1/beacon/genesis')) as { data?: { genesis_time?: string; genesis_validators_root?: string } }
      const t = Number(body?.data?.genesis_time)
      const root = body?.data?.genesis_validators_root
      if (!Number.isSafeInteger(t) || typeof root !== 'string') {
        throw new MalformedInputError({ what: 'beacon genesis', details: JSON.stringify(body).slice(0, 200) })
      }
      return { genesisTimeSec: t, genesisValidatorsRoot: root }
    },
    getBootstrap: (root, init) => get(`/eth/v1/beacon/light_client/bootstrap/${root}`, init?.signal),
    getUpdates: (startPeriod, count, init) => get(`/eth/v1/beacon/light_client/updates?start_period=${startPeriod}&count=${count}`, init?.signal),
    getFinalityUpdate: () => get('/eth/v1/beacon/light_client/finality_update'),
    getOptimisticUpdate: () => get('/eth/v1/beacon/light_client/optimistic_update'),
    getBlock: (slot) => get(`/eth/v2/beacon/blocks/${slot}`),
  }
}

export type HeadEvent = { kind: 'finality' | 'optimistic'; json: unknown }

/**
 * Follows `light_client_finality_update` and `light_client_optimistic_update` through SSE
 * (`/eth/v1/events`), falling back to polling the two routes when EventSource is missing or the
 * stream fails before its first event. Returns a stop function and reports the mode in use.
 */
export function followHead(
  api: BeaconApi,
  onEvent: (e: HeadEvent) => void,
  { pollIntervalMs = 12_000, onMode }: { pollIntervalMs?: number; onMode?: (mode: 'sse' | 'polling') => void } = {},
): () => void {
  let stopped = false
  let timer: ReturnType<typeof setInterval> | undefined
  let source: EventSource | undefined
  const last = { finality: '', optimistic: '' }

  const startPolling = () => {
    if (stopped || timer) return
    onMode?.('polling')
    const tick = async () => {
      for (const kind of ['finality', 'optimistic'] as const) {
        if (stopped) return
        try {
          const json = kind === 'finality' ? await api.getFinalityUpdate() : await api.getOptimisticUpdate()
          const key = JSON.stringify((json as { data?: { attested_header?: unknown } })?.data?.attested_header ?? json)
          if (key !== last[kind] && !stopped) {
            last[kind] = key
            onEvent({ kind, json })
          }
        } catch {
          // A failed poll is retried on the next tick; the status layer reports staleness.
        }
      }
    }
    void tick()
    timer = setInterval(tick, pollIntervalMs)
  }

  if (typeof EventSource === 'undefined') {
    startPolling()
  } else {
    let gotEvent = false
    source = new EventSource(`${api.baseUrl}/eth/v1/events?topics=light_client_finality_update&topics=light_client_optimistic_update`)
    onMode?.('sse')
    const handler = (kind: 'finality' | 'optimistic') => (ev: MessageEvent) => {
      gotEvent = true
      try {
        onEvent({ kind, json: JSON.parse(ev.data) })
      } catch {
        onEvent({ kind, json: ev.data })
      }
    }
    source.addEventListener('light_client_finality_update', handler('finality') as EventListener)
    source.addEventListener('light_client_optimistic_update', handler('optimistic') as EventListener)
    source.onerror = () => {
      if (!gotEvent) {
        source?.close()
        startPolling()
      }
    }
  }
  return () => {
    stopped = true
    source?.close()
    if (timer) clearInterval(timer)
  }
}

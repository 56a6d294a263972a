// The light client's boot path (LightClientService.start: every request at once, BLS meanwhile, updates prefetched
// from the bootstrap's claimed period) against the real mainnet recording on a replay server (port 0): it still ends
// at the recording's finalized header, and a beacon that lies still fails it.
import { afterEach, describe, expect, it } from 'vitest'
import { startReplayServer } from '../../devnet/replay/server.ts'
import updates from '../../fixtures/mainnet-lc/updates.json'
import type { LightClientSnapshot } from '../bus/lightClientStatus.ts'
import type { NetworkConfig } from '../net/networkConfig.ts'
import { RECORDED_CHECKPOINT, recordedNetwork } from '../test/networkConfig.ts'
import { LightClientService } from './lightClientService.ts'

const CHECKPOINT = RECORDED_CHECKPOINT
let close: (() => Promise<void>) | undefined
const services: LightClientService[] = []
afterEach(async () => {
  for (const s of services.splice(0)) s.stop()
  await close?.()
  close = undefined
})

async function boot(
  tamper: string[] = [],
  checkpoint = CHECKPOINT,
  firstFinality?: unknown,
  { extra = {}, holdBootstrap }: { extra?: Partial<NetworkConfig>; holdBootstrap?: Promise<void> } = {},
) {
  const replay = await startReplayServer({ port: 0, quiet: true, tamper, sse: false })
  close = () => replay.close()
  const requests: string[] = []
  const realFetch = globalThis.fetch
  const network = recordedNetwork('recorded-mainnet-test', replay.url, CHECKPOINT, extra)
  const service = new LightClientService()
  services.push(service)
  // The requests made up to the first synced/failed snapshot (head following, which polls next, is not the boot's).
  let atSettle: string[] = []
  const settled = new Promise<LightClientSnapshot>((resolve) => {
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input))
      const path = url.pathname
      // Only this test's replay server: a service of an earlier test, stopped, may still finish a poll it had begun.
      if (url.origin === new URL(replay.url).origin) requests.push(path + url.search)
      if (holdBootstrap && path.includes('/light_client/bootstrap/')) return holdBootstrap.then(() => realFetch(input, init))
      if (firstFinality !== undefined && path.endsWith('/finality_update') && requests.filter((r) => r.endsWith('/finality_update')).length === 1) {
        return Promise.resolve(Response.json(firstFinality))
      }
      return realFetch(input, init)
    }) as typeof fetch
    void service.start(network, checkpoint, (s) => {
      if ((s.status.code === 'synced' || s.status.code === 'failed') && atSettle.length === 0) {
        atSettle = [...requests]
        resolve(s)
      }
    })
  })
  try {
    return { snapshot: await settled, requests: atSettle }
  } finally {
    globalThis.fetch = realFetch
  }
}

/** A request that never answers: only its signal (the run's end) can end it. */
const heldForever = (init?: RequestInit) =>
  new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)))

/**
 * Starts a service on `network`, waits until `asked`, checks that the held requests' `signals` are live, stops the
 * service, and checks that they are aborted and that the ended run settles quietly: the aborted requests' errors are
 * not the page's (no failed status, nothing reported after stop).
 */
async function stopOnceAsked(network: NetworkConfig, asked: Promise<void>, signals: () => (AbortSignal | undefined)[]) {
  const service = new LightClientService()
  services.push(service)
  const statuses: string[] = []
  const done = service.start(network, CHECKPOINT, (s) => statuses.push(s.status.code))
  await asked
  expect(signals().map((s) => s?.aborted)).toEqual(signals().map(() => false))
  const before = statuses.length
  service.stop()
  expect(signals().map((s) => s?.aborted)).toEqual(signals().map(() => true))
  await done
  expect(statuses.slice(before)).toEqual([])
  expect(statuses).not.toContain('failed')
}

describe('LightClientService.start (parallel boot)', () => {
  it('syncs the recording to its finalized header with one updates request, made for the bootstrap’s period', async () => {
    const { snapshot, requests } = await boot()
    expect(snapshot.status.code).toBe('synced')
    expect(snapshot.finalized?.slot).toBe(7109344)
    expect(snapshot.finalized?.execution?.blockNumber).toBe(17923026)
    expect(snapshot.steps.filter((s) => s.kind === 'update').map((s) => s.period)).toEqual([862, 863, 864, 865, 866, 867])
    // The checkpoint comes from the caller (config or user): the bootstrap asked for is that root.
    expect(requests).toContain(`/eth/v1/beacon/light_client/bootstrap/${CHECKPOINT}`)
    expect(requests.filter((r) => r.startsWith('/eth/v1/beacon/light_client/updates'))).toEqual([
      '/eth/v1/beacon/light_client/updates?start_period=862&count=6',
    ])
  }, 120_000)

  it('with config.json’s checkpointSlot, requests the period updates before the bootstrap has answered, once', async () => {
    // The bootstrap is held until the updates are asked for (or 10 s): only a request made from the slot in config.json
    // can come first.
    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
      setTimeout(resolve, 10_000)
    })
    const realFetch = globalThis.fetch
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).includes('/light_client/updates?')) release()
      return realFetch(input, init)
    }) as typeof fetch
    const at = Date.now()
    try {
      const { snapshot, requests } = await boot([], CHECKPOINT, undefined, { extra: { checkpointSlot: 7069376 }, holdBootstrap: held })
      expect(Date.now() - at).toBeLessThan(10_000)
      expect(snapshot.status.code).toBe('synced')
      expect(snapshot.finalized?.slot).toBe(7109344)
      expect(requests.filter((r) => r.startsWith('/eth/v1/beacon/light_client/updates'))).toEqual([
        '/eth/v1/beacon/light_client/updates?start_period=862&count=6',
      ])
    } finally {
      globalThis.fetch = realFetch
    }
  }, 120_000)

  it('stopped while the bootstrap is pending, it cancels the bootstrap and the early updates request', async () => {
    const replay = await startReplayServer({ port: 0, quiet: true, sse: false })
    close = () => replay.close()
    const signals = new Map<string, AbortSignal | undefined>()
    const realFetch = globalThis.fetch
    let updatesAsked = () => {}
    const asked = new Promise<void>((resolve) => {
      updatesAsked = resolve
    })
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input))
      const path = url.pathname
      // Only this test's replay server (a stopped service of an earlier test may still send a request).
      if (url.origin !== new URL(replay.url).origin) return realFetch(input, init)
      // The bootstrap never answers: only stop() can end its request.
      if (path.includes('/light_client/bootstrap/')) {
        signals.set('bootstrap', init?.signal ?? undefined)
        return heldForever(init)
      }
      if (path.endsWith('/light_client/updates')) {
        signals.set('updates', init?.signal ?? undefined)
        updatesAsked()
      }
      return realFetch(input, init)
    }) as typeof fetch
    try {
      await stopOnceAsked(recordedNetwork('recorded-mainnet-test', replay.url, CHECKPOINT, { checkpointSlot: 7069376 }), asked, () => [
        signals.get('updates'),
        signals.get('bootstrap'),
      ])
    } finally {
      globalThis.fetch = realFetch
    }
  }, 60_000)

  it('stopped during a later batch of period updates (the server answered fewer than asked), it cancels that batch', async () => {
    const replay = await startReplayServer({ port: 0, quiet: true, sse: false })
    close = () => replay.close()
    const realFetch = globalThis.fetch
    let laterBatch: AbortSignal | undefined
    let laterStart: string | null = null
    let laterAsked = () => {}
    const asked = new Promise<void>((resolve) => {
      laterAsked = resolve
    })
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input))
      if (url.origin !== new URL(replay.url).origin || !url.pathname.endsWith('/light_client/updates')) return realFetch(input, init)
      // The first batch is answered with its first three updates (a server may answer fewer than asked); the next batch
      // (from period 864, the store's period after the update of 864) never answers: only the end of the run can end it.
      if (url.searchParams.get('start_period') === '862') {
        url.searchParams.set('count', '3')
        return realFetch(url, init)
      }
      laterBatch = init?.signal ?? undefined
      laterStart = url.searchParams.get('start_period')
      laterAsked()
      return heldForever(init)
    }) as typeof fetch
    try {
      await stopOnceAsked(recordedNetwork('recorded-mainnet-test', replay.url, CHECKPOINT), asked, () => [laterBatch])
      // The held request is syncPeriods' second batch (not the prefetch, which carries the run's signal anyway).
      expect(laterStart).toBe('864')
    } finally {
      globalThis.fetch = realFetch
    }
  }, 60_000)

  it('a wrong checkpointSlot in config.json costs one updates request more and changes nothing else', async () => {
    const { snapshot, requests } = await boot([], CHECKPOINT, undefined, { extra: { checkpointSlot: 860 * 8192 } })
    expect(snapshot.status.code).toBe('synced')
    expect(snapshot.finalized?.slot).toBe(7109344)
    expect(snapshot.steps.filter((s) => s.kind === 'update').map((s) => s.period)).toEqual([862, 863, 864, 865, 866, 867])
    expect(requests.filter((r) => r.startsWith('/eth/v1/beacon/light_client/updates')).sort()).toEqual([
      '/eth/v1/beacon/light_client/updates?start_period=860&count=8',
      '/eth/v1/beacon/light_client/updates?start_period=862&count=6',
    ])
  }, 120_000)

  it('fails on a period update whose signature was tampered with (prefetched updates are verified as any)', async () => {
    const { snapshot } = await boot(['update-signature:2'])
    expect(snapshot.status.code).toBe('failed')
    expect(snapshot.status.code === 'failed' && snapshot.status.error.code).toBe('InvalidSyncCommitteeSignature')
  }, 120_000)

  it('fails on a finality update whose signature was tampered with (fetched at start, applied after the periods)', async () => {
    const { snapshot } = await boot(['finality-signature'])
    expect(snapshot.status.code).toBe('failed')
    expect(snapshot.status.code === 'failed' && snapshot.status.error.code).toBe('InvalidSyncCommitteeSignature')
  }, 120_000)

  it('fails when the beacon does not serve the bootstrap of the checkpoint it is given', async () => {
    const { snapshot, requests } = await boot([], `0x${'11'.repeat(32)}`)
    expect(snapshot.status.code).toBe('failed')
    expect(requests).toContain(`/eth/v1/beacon/light_client/bootstrap/0x${'11'.repeat(32)}`)
    expect(requests.some((r) => r.includes(CHECKPOINT))).toBe(false)
  }, 120_000)

  it('a finality update that the period sync overtook (served before it) is replaced by the latest one, not a failure', async () => {
    // A real, older finality update: the period-866 update without its next committee (attested in period 866,
    // below what the period-867 update finalizes).
    const { data } = (updates as { version: string; data: Record<string, unknown> }[])[4] as { version: string; data: Record<string, unknown> }
    const { next_sync_committee: _c, next_sync_committee_branch: _b, ...rest } = data
    const { snapshot, requests } = await boot([], CHECKPOINT, { version: 'capella', data: rest })
    expect(snapshot.status.code).toBe('synced')
    expect(snapshot.finalized?.slot).toBe(7109344)
    expect(requests.filter((r) => r.endsWith('/finality_update'))).toHaveLength(2)
  }, 120_000)
})

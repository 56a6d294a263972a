// LightClientService.start twice for the same network and checkpoint (the worker's own boot start, then the page's)
// attaches instead of starting over; following the head ignores updates that are not newer than the store's.
// Real mainnet recording on a replay server (port 0), head followed by polling (no EventSource in Node).
import { afterEach, describe, expect, it } from 'vitest'
import { startReplayServer } from '../../devnet/replay/server.ts'
import updates from '../../fixtures/mainnet-lc/updates.json'
import type { LightClientSnapshot } from '../bus/lightClientStatus.ts'
import { RECORDED_CHECKPOINT, recordedNetwork } from '../test/networkConfig.ts'
import { LightClientService } from './lightClientService.ts'

const CHECKPOINT = RECORDED_CHECKPOINT
const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c()
})

/** A replay server and a fetch that records each path and lets a test wait for the n-th request of a path. */
async function setUp(respond: (path: string, n: number) => unknown = () => undefined) {
  const replay = await startReplayServer({ port: 0, quiet: true, sse: false })
  cleanup.push(() => replay.close())
  const requests: string[] = []
  const waiters: { path: string; n: number; resolve: () => void }[] = []
  const realFetch = globalThis.fetch
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input))
    const path = url.pathname
    // Requests to an earlier test's server (a stopped service finishing a poll it had begun) are passed through.
    if (url.origin !== new URL(replay.url).origin) return realFetch(input, init)
    requests.push(path)
    const n = requests.filter((r) => r === path).length
    for (const w of waiters) if (w.path === path && n >= w.n) w.resolve()
    const body = respond(path, n)
    return body === undefined ? realFetch(input, init) : Promise.resolve(Response.json(body))
  }) as typeof fetch
  cleanup.push(() => {
    globalThis.fetch = realFetch
  })
  const nthRequest = (path: string, n: number) => new Promise<void>((resolve) => waiters.push({ path, n, resolve }))
  const network = recordedNetwork('recorded-mainnet-test', replay.url)
  const service = new LightClientService()
  cleanup.push(() => service.stop())
  return { service, network, requests, nthRequest }
}

const recorder = () => {
  const seen: LightClientSnapshot[] = []
  let onSynced: () => void = () => {}
  const synced = new Promise<void>((r) => {
    onSynced = r
  })
  return {
    seen,
    synced,
    listen: (s: LightClientSnapshot) => {
      seen.push(s)
      if (s.status.code === 'synced') onSynced()
    },
  }
}

describe('LightClientService.start for a light client already running', () => {
  it('attaches a second caller for the same network and checkpoint: one bootstrap, its snapshots go to the new listener', async () => {
    const { service, network, requests } = await setUp()
    const first = recorder()
    const second = recorder()
    const a = service.start(network, CHECKPOINT, first.listen)
    const b = service.start({ ...network }, CHECKPOINT, second.listen)
    await Promise.all([a, b, second.synced])
    expect(requests.filter((r) => r.includes('/light_client/bootstrap/'))).toHaveLength(1)
    expect(requests.filter((r) => r.includes('/light_client/updates'))).toHaveLength(1)
    // The second listener got the state at attach time and everything after; the first nothing after the attach.
    expect(second.seen.at(-1)?.finalized?.slot).toBe(7109344)
    expect(first.seen.some((s) => s.status.code === 'synced')).toBe(false)
  }, 120_000)

  it('starts over for another checkpoint, and after stop()', async () => {
    const { service, network, requests } = await setUp()
    const first = recorder()
    await Promise.all([service.start(network, CHECKPOINT, first.listen), first.synced])
    service.stop()
    const again = recorder()
    await Promise.all([service.start(network, CHECKPOINT, again.listen), again.synced])
    expect(requests.filter((r) => r.endsWith('/light_client/finality_update')).length).toBeGreaterThanOrEqual(2)
    const other = recorder()
    const failed = new Promise<LightClientSnapshot>((resolve) =>
      service.start(network, `0x${'11'.repeat(32)}`, (s) => {
        other.listen(s)
        if (s.status.code === 'failed') resolve(s)
      }),
    )
    expect((await failed).status.code).toBe('failed')
    expect(requests).toContain(`/eth/v1/beacon/light_client/bootstrap/0x${'11'.repeat(32)}`)
  }, 120_000)
})

describe('a run that another start replaced', () => {
  it('changes nothing once replaced: its late finality update sets no status or header on the next run', async () => {
    const { service, network } = await setUp()
    // Hold the first finality update until the next run has started and failed.
    const inner = globalThis.fetch
    let release: () => void = () => {}
    const held = new Promise<void>((r) => {
      release = r
    })
    let heldResponse: Promise<Response> | undefined
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      if (!heldResponse && new URL(String(input)).pathname.endsWith('/light_client/finality_update')) {
        heldResponse = held.then(() => inner(input, init))
        return heldResponse
      }
      return inner(input, init)
    }) as typeof fetch
    cleanup.push(() => {
      globalThis.fetch = inner
    })
    const waitingForFinality = new Promise<void>((resolve) => {
      void service.start(network, CHECKPOINT, (s) => {
        if (s.status.code === 'syncing' && s.status.phase === 'head') resolve()
      })
    })
    await waitingForFinality
    const next: LightClientSnapshot[] = []
    const failed = new Promise<void>((resolve) =>
      service.start(network, `0x${'11'.repeat(32)}`, (s) => {
        next.push(s)
        if (s.status.code === 'failed') resolve()
      }),
    )
    await failed
    const before = next.length
    release()
    await heldResponse
    // Let the replaced run take the response (its body is read and parsed over a few turns of the event loop).
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r))
    expect(next.slice(before)).toEqual([])
    expect(next.every((s) => s.status.code !== 'synced' && !s.finalized)).toBe(true)
  }, 120_000)
})

describe('LightClientService.startIfIdle (the preboot’s start)', () => {
  it('does nothing once anything was started: a page that chose another checkpoint first keeps it', async () => {
    const { service, network, requests } = await setUp()
    const page = recorder()
    const other = `0x${'11'.repeat(32)}`
    const failed = new Promise<LightClientSnapshot>((resolve) =>
      service.start(network, other, (s) => {
        page.listen(s)
        if (s.status.code === 'failed') resolve(s)
      }),
    )
    expect(service.startIfIdle(network, CHECKPOINT)).toBe(false)
    expect((await failed).checkpointRoot).toBe(other)
    expect(requests.some((r) => r.includes(CHECKPOINT))).toBe(false)
  }, 120_000)

  it('starts when idle, and the page’s start for the same network and checkpoint then attaches', async () => {
    const { service, network, requests } = await setUp()
    expect(service.startIfIdle(network, CHECKPOINT)).toBe(true)
    const page = recorder()
    await Promise.all([service.start(network, CHECKPOINT, page.listen), page.synced])
    expect(requests.filter((r) => r.includes('/light_client/bootstrap/'))).toHaveLength(1)
    expect(page.seen.at(-1)?.finalized?.slot).toBe(7109344)
  }, 120_000)
})

describe('following the head', () => {
  it('ignores a finality update older than its finalized header (a late event) and stays synced', async () => {
    // A real, older finality update: the period-866 update without its next committee (attested in period 866, below
    // what the period-867 update finalizes), served to the first poll.
    const { data } = (updates as { version: string; data: Record<string, unknown> }[])[4] as { version: string; data: Record<string, unknown> }
    const { next_sync_committee: _c, next_sync_committee_branch: _b, ...older } = data
    const { service, network, nthRequest } = await setUp((path, n) =>
      path.endsWith('/finality_update') && n === 2 ? { version: 'capella', data: older } : undefined,
    )
    const r = recorder()
    // Start: one finality and one optimistic request; the first poll of followHead asks for both again, and sends
    // the optimistic request only after the finality event was handled.
    const polled = nthRequest('/eth/v1/beacon/light_client/optimistic_update', 2)
    await Promise.all([service.start(network, CHECKPOINT, r.listen), r.synced, polled])
    expect(r.seen.filter((s) => s.status.code === 'failed')).toEqual([])
    expect(r.seen.at(-1)?.status.code).toBe('synced')
  }, 120_000)
})

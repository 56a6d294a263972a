// A reload resumes from the sealed store (IndexedDB, here fake-indexeddb) and verifies only what is newer than it: a
// finality update whose finalized header is not newer than the restored one is IGNOREd (consensus-specs p2p gossip
// rule) and nothing is taken from it; a newer one is verified as always. Real mainnet recording on a replay server.
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { startReplayServer } from '../../devnet/replay/server.ts'
import finality from '../../fixtures/mainnet-lc/finality.json'
import type { LightClientSnapshot } from '../bus/lightClientStatus.ts'
import { loadSealedState } from '../net/lightClientStoreDb.ts'
import { RECORDED_CHECKPOINT, recordedNetwork } from '../test/networkConfig.ts'
import { LightClientService } from './lightClientService.ts'

const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c()
})

type Respond = (path: string) => Response | undefined

/**
 * One page load: a new service on `networkId` whose requests go through `respond` (for its whole life: head following
 * polls too), until its first synced or failed snapshot. `stop()` ends it.
 */
async function load(replayUrl: string, networkId: string, respond: Respond = () => undefined) {
  const realFetch = globalThis.fetch
  const requests: string[] = []
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(input)).pathname
    requests.push(path)
    return Promise.resolve(respond(path) ?? realFetch(input, init))
  }) as typeof fetch
  const service = new LightClientService()
  const stop = () => {
    service.stop()
    globalThis.fetch = realFetch
  }
  cleanup.push(stop)
  const snapshot = await new Promise<LightClientSnapshot>((resolve) => {
    void service.start(recordedNetwork(networkId, replayUrl), RECORDED_CHECKPOINT, (s) => {
      if (s.status.code === 'synced' || s.status.code === 'failed') resolve(s)
    })
  })
  return { snapshot, requests: [...requests], stop }
}

/** The next `lb:persisted` mark (src/workers/perfMarks.ts): the service saved its store. Call before the load. */
function nextPersist(): Promise<void> {
  return new Promise((resolve) => {
    const observer = new PerformanceObserver((list) => {
      if (list.getEntries().some((e) => e.name === 'lb:persisted')) {
        observer.disconnect()
        resolve()
      }
    })
    observer.observe({ entryTypes: ['mark'] })
  })
}

/** Waits for the store of `networkId` to be saved (a `lb:persisted` mark, then the record), then stops that load. */
async function persisted(saved: Promise<void>, networkId: string, stop: () => void) {
  await saved
  // A service stopped by an earlier test may still finish its last save: wait for one that wrote this network's.
  while ((await loadSealedState(networkId)) === undefined) await nextPersist()
  stop()
}

async function replay() {
  const server = await startReplayServer({ port: 0, quiet: true, sse: false })
  cleanup.push(() => server.close())
  return server.url
}

const stepsAfterRestore = (s: LightClientSnapshot) => {
  const kinds = s.steps.map((x) => x.kind)
  return kinds.slice(kinds.lastIndexOf('restore') + 1)
}

const notFound = () => new Response('{"code":404,"message":"no finality update"}', { status: 404, headers: { 'content-type': 'application/json' } })

describe('LightClientService resuming from the stored light-client store', () => {
  it('a reload within the same finality is synced from the store: the finality update it already applied is not verified again', async () => {
    const url = await replay()
    const saved = nextPersist()
    const first = await load(url, 'resume-same')
    expect(first.snapshot.status.code).toBe('synced')
    expect(first.snapshot.finalized?.slot).toBe(7109344)
    await persisted(saved, 'resume-same', first.stop)

    const again = await load(url, 'resume-same')
    expect(again.snapshot.status.code).toBe('synced')
    expect(again.snapshot.restored).toBe(true)
    expect(again.snapshot.finalized?.slot).toBe(7109344)
    expect(again.snapshot.finalized?.forced).toBeUndefined()
    // Asked the beacon for its latest finality (nothing newer), verified nothing, fetched no period update.
    expect(again.requests.filter((p) => p.endsWith('/light_client/finality_update'))).toHaveLength(1)
    expect(again.requests.some((p) => p.includes('/light_client/updates'))).toBe(false)
    expect(stepsAfterRestore(again.snapshot)).toEqual([])
  }, 120_000)

  it('a restored store behind the chain verifies the newer finality update, and a forged "newer" one fails it', async () => {
    const url = await replay()
    // First visit: the beacon has no finality update yet, so the store ends at the period-867 update's finalized header.
    const saved = nextPersist()
    const first = await load(url, 'resume-behind', (p) => (p.endsWith('/finality_update') ? notFound() : undefined))
    expect(first.snapshot.status.code).toBe('synced')
    expect(first.snapshot.finalized?.slot).toBe(7104096)
    await persisted(saved, 'resume-behind', first.stop)

    // A forged update claiming a newer finalized header is verified, not ignored: it fails with a typed error.
    const forged = structuredClone(finality) as { data: { finalized_header: { beacon: { slot: string } } } }
    forged.data.finalized_header.beacon.slot = String(7109344 + 32)
    const lied = await load(url, 'resume-behind', (p) => (p.endsWith('/finality_update') ? Response.json(forged) : undefined))
    expect(lied.snapshot.status.code).toBe('failed')
    expect(lied.snapshot.finalized?.slot).toBe(7104096)
    lied.stop()

    const real = await load(url, 'resume-behind')
    expect(real.snapshot.status.code).toBe('synced')
    expect(real.snapshot.restored).toBe(true)
    expect(real.snapshot.finalized?.slot).toBe(7109344)
    expect(stepsAfterRestore(real.snapshot)).toEqual(['finality'])
    real.stop()
  }, 120_000)

  it('a finality update not newer than the restored store is not verified and nothing is taken from it', async () => {
    const url = await replay()
    const saved = nextPersist()
    const first = await load(url, 'resume-stale')
    await persisted(saved, 'resume-stale', first.stop)
    // The same finalized header with a broken signature and another attested header: not newer, so ignored.
    const stale = structuredClone(finality) as { data: { attested_header: { beacon: { slot: string } }; sync_aggregate: { sync_committee_signature: string } } }
    stale.data.attested_header.beacon.slot = String(7109430 + 5)
    stale.data.sync_aggregate.sync_committee_signature = `0x${'00'.repeat(96)}`
    const again = await load(url, 'resume-stale', (p) => (p.endsWith('/finality_update') ? Response.json(stale) : undefined))
    expect(again.snapshot.status.code).toBe('synced')
    expect(again.snapshot.finalized?.slot).toBe(7109344)
    expect(stepsAfterRestore(again.snapshot)).toEqual([])
    again.stop()
  }, 120_000)
})

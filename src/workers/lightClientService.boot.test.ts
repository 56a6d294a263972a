// The light client's boot path (LightClientService.start: every request at once, BLS meanwhile, updates prefetched
// from the bootstrap's claimed period) against the real mainnet recording on a replay server (port 0): it still ends
// at the recording's finalized header, and a beacon that lies still fails it.
import { afterEach, describe, expect, it } from 'vitest'
import { startReplayServer } from '../../devnet/replay/server.ts'
import type { LightClientSnapshot } from '../bus/lightClientStatus.ts'
import type { NetworkConfig } from '../net/networkConfig.ts'
import { LightClientService } from './lightClientService.ts'

const CHECKPOINT = '0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275'
let close: (() => Promise<void>) | undefined
const services: LightClientService[] = []
afterEach(async () => {
  for (const s of services.splice(0)) s.stop()
  await close?.()
  close = undefined
})

async function boot(tamper: string[] = [], checkpoint = CHECKPOINT) {
  const replay = await startReplayServer({ port: 0, quiet: true, tamper, sse: false })
  close = () => replay.close()
  const requests: string[] = []
  const realFetch = globalThis.fetch
  const network: NetworkConfig = {
    id: 'recorded-mainnet-test',
    name: 'test',
    kind: 'recorded',
    chain: 'mainnet',
    beaconApiUrl: replay.url,
    executionRpcUrl: `${replay.url}/rpc`,
    checkpointRoot: CHECKPOINT,
  }
  const service = new LightClientService()
  services.push(service)
  const settled = new Promise<LightClientSnapshot>((resolve) => {
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(new URL(String(input)).pathname + new URL(String(input)).search)
      return realFetch(input, init)
    }) as typeof fetch
    void service.start(network, checkpoint, (s) => {
      if (s.status.code === 'synced' || s.status.code === 'failed') resolve(s)
    })
  })
  try {
    return { snapshot: await settled, requests }
  } finally {
    globalThis.fetch = realFetch
  }
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
})

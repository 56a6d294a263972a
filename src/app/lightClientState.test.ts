// The page's light-client mirror when the app takes over from the first view: the seeded snapshot is what hydration
// renders and stays shown when the same light client is started (attached), never replaced by an empty state.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { emptySnapshot, type LightClientSnapshot } from '../bus/lightClientStatus.ts'
import type { NetworkConfig } from '../net/networkConfig.ts'
import { recordedNetwork } from '../test/networkConfig.ts'

const started: { network: NetworkConfig; checkpointRoot: string; listener: (s: LightClientSnapshot) => void }[] = []
vi.mock('../workers/lightClientClient.ts', () => ({
  getLightClientWorker: async () => ({
    start: async (network: NetworkConfig, checkpointRoot: string, listener: (s: LightClientSnapshot) => void) => {
      started.push({ network, checkpointRoot, listener })
    },
  }),
}))

const { endHydration, seedLightClientSnapshot, startLightClient, useLightClient } = await import('./lightClientState.ts')
const { createElement: h } = await import('react')
const { renderToString } = await import('react-dom/server')

const CHECKPOINT = `0x${'5a'.repeat(32)}`
const network = (id: string) => recordedNetwork(id, 'http://127.0.0.1:1', CHECKPOINT)
const snap = (id: string, phase: 'starting' | 'updates') => emptySnapshot(id, CHECKPOINT, { code: 'syncing', phase })

/** What a component reading the mirror renders on the server, i.e. while hydrating (getServerSnapshot). */
function Probe() {
  const lc = useLightClient()
  return h('p', null, lc ? `${lc.networkId}:${lc.status.code === 'syncing' ? lc.status.phase : lc.status.code}` : 'none')
}
const view = () => renderToString(h(Probe))

afterEach(() => {
  started.length = 0
})

// Each test starts its own network: the mirror starts a network and checkpoint once per page.
describe('lightClientState after the first view', () => {
  it('hydration renders the seeded snapshot even after a newer one arrived; the live one after', async () => {
    seedLightClientSnapshot(snap('a', 'starting'))
    startLightClient(network('a'), CHECKPOINT) // the app's boot: attaches to the worker's light client
    await vi.waitFor(() => expect(started).toHaveLength(1))
    started[0]?.listener(snap('a', 'updates')) // the worker's latest, through the attached listener
    expect(view()).toBe('<p>a:starting</p>') // what the markup shows
    endHydration()
    expect(view()).toBe('<p>a:updates</p>')
  })

  it('the seeded snapshot stays shown when its light client is started, until the worker answers', () => {
    seedLightClientSnapshot(snap('b', 'starting'))
    endHydration()
    startLightClient(network('b'), CHECKPOINT)
    expect(view()).toBe('<p>b:starting</p>')
  })

  it('a light client other than the seeded one starts from nothing', () => {
    seedLightClientSnapshot(snap('c', 'updates'))
    endHydration()
    startLightClient(network('d'), CHECKPOINT)
    expect(view()).toBe('<p>none</p>')
  })
})

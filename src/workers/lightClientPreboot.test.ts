import { describe, expect, it } from 'vitest'
import { emptySnapshot, type LightClientSnapshot } from '../bus/lightClientStatus.ts'
import { FIRST_VIEW_MESSAGE, type FirstViewMessage } from '../firstView/message.ts'
import type { AppConfig, NetworkConfig } from '../net/networkConfig.ts'
import { recordedNetwork } from '../test/networkConfig.ts'
import { prebootParams } from './lightClientEarly.ts'
import { prebootLightClient } from './lightClientPreboot.ts'

const CHECKPOINT = `0x${'5a'.repeat(32)}`
const network = (id: string, checkpointRoot: string | null): NetworkConfig => recordedNetwork(id, 'http://127.0.0.1:1', checkpointRoot)
const config = { defaultNetwork: 'a', networks: [network('a', CHECKPOINT), network('b', null)] } as unknown as AppConfig

function spyService(idle = true) {
  const calls: { network: NetworkConfig; checkpointRoot: string }[] = []
  return {
    calls,
    startIfIdle: (n: NetworkConfig, checkpointRoot: string) => {
      if (!idle) return false
      calls.push({ network: n, checkpointRoot })
      return true
    },
  }
}

describe('prebootParams', () => {
  it('reads the page query from the worker name’s #boot= and nothing else', () => {
    expect(prebootParams(`light-client#boot=${encodeURIComponent('?network=b&checkpoint=0x12')}`)?.get('network')).toBe('b')
    expect(prebootParams(`light-client#boot=${encodeURIComponent('?network=b&checkpoint=0x12')}`)?.get('checkpoint')).toBe('0x12')
    expect(prebootParams('light-client#boot=')?.toString()).toBe('')
    expect(prebootParams('light-client')).toBeNull()
    expect(prebootParams('')).toBeNull()
    expect(prebootParams('light-client#other=1')).toBeNull()
  })
})

describe('prebootLightClient', () => {
  it('returns null when the page has started a light client already (its choice stands)', async () => {
    const s = spyService(false)
    expect(await prebootLightClient(s, new URLSearchParams(''), async () => config)).toBeNull()
  })

  it('starts the default network at config.json’s checkpoint', async () => {
    const s = spyService()
    expect(await prebootLightClient(s, new URLSearchParams(''), async () => config)).toEqual({ network: config.networks[0], checkpointRoot: CHECKPOINT })
    expect(s.calls).toEqual([{ network: config.networks[0], checkpointRoot: CHECKPOINT }])
  })

  it('takes the user’s ?checkpoint= over config.json (lower-cased), as the page does', async () => {
    const s = spyService()
    const mine = `0x${'AB'.repeat(32)}`
    await prebootLightClient(s, new URLSearchParams(`checkpoint=${mine}`), async () => config)
    expect(s.calls[0]?.checkpointRoot).toBe(mine.toLowerCase())
  })

  it('starts nothing for a network without a trusted checkpoint, a bad ?checkpoint= on it, or no config.json', async () => {
    const s = spyService()
    expect(await prebootLightClient(s, new URLSearchParams('network=b'), async () => config)).toBeNull()
    expect(await prebootLightClient(s, new URLSearchParams('network=b&checkpoint=0x12'), async () => config)).toBeNull()
    expect(await prebootLightClient(s, new URLSearchParams('network=nope'), async () => config)).toBeNull()
    expect(
      await prebootLightClient(s, new URLSearchParams(''), async () => {
        throw new Error('404')
      }),
    ).toBeNull()
    expect(s.calls).toEqual([])
  })

  it('posts config.json and each snapshot of the light client it started to the first view, and none when it started nothing', async () => {
    const posted: FirstViewMessage[] = []
    let listener: ((s: LightClientSnapshot) => void) | undefined
    const service = {
      startIfIdle: (_n: NetworkConfig, _c: string, onSnapshot: (s: LightClientSnapshot) => void) => {
        listener = onSnapshot
        return true
      },
    }
    await prebootLightClient(
      service,
      new URLSearchParams(''),
      async () => config,
      (m) => posted.push(m),
    )
    expect(posted).toEqual([])
    const snap = emptySnapshot('a', CHECKPOINT, { code: 'syncing', phase: 'starting' })
    listener?.(snap)
    expect(posted).toEqual([{ type: FIRST_VIEW_MESSAGE, config, snapshot: snap }])

    const none: FirstViewMessage[] = []
    await prebootLightClient(
      service,
      new URLSearchParams('network=b'),
      async () => config,
      (m) => none.push(m),
    )
    await prebootLightClient(
      spyService(false),
      new URLSearchParams(''),
      async () => config,
      (m) => none.push(m),
    )
    expect(none).toEqual([
      { type: FIRST_VIEW_MESSAGE, none: true },
      { type: FIRST_VIEW_MESSAGE, none: true },
    ])
  })
})

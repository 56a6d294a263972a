import { describe, expect, it } from 'vitest'
import { MalformedInputError } from '../errors/base.ts'
import { fetchCheckpoint, parseAppConfig } from './networkConfig.ts'

const network = (o: Record<string, unknown>) => ({
  id: 'x',
  name: 'x',
  kind: 'live',
  chain: 'mainnet',
  beaconApiUrl: 'http://127.0.0.1:1',
  executionRpcUrl: 'http://127.0.0.1:1',
  checkpointRoot: null,
  ...o,
})

describe('a public chain’s checkpoint never comes from the endpoint', () => {
  it('config.json may give checkpointUrl only to a devnet network of the devnet chain', () => {
    for (const o of [{ kind: 'live' }, { kind: 'recorded' }, { kind: 'devnet', chain: 'mainnet' }]) {
      expect(() => parseAppConfig({ networks: [network({ ...o, checkpointUrl: 'http://127.0.0.1:1/lightbus/checkpoint' })] })).toThrow(MalformedInputError)
    }
    expect(parseAppConfig({ networks: [network({ kind: 'devnet', chain: 'devnet', checkpointUrl: 'http://127.0.0.1:1/c' })] }).networks).toHaveLength(1)
  })
  it('fetchCheckpoint refuses every chain but the devnet before any request', async () => {
    for (const chain of ['mainnet', 'sepolia', 'hoodi'] as const) {
      await expect(fetchCheckpoint(chain, 'http://127.0.0.1:1/lightbus/checkpoint')).rejects.toThrow(MalformedInputError)
    }
  })
  it('the shipped config.json keeps live networks without a checkpoint (the app asks the user)', async () => {
    const { readFileSync } = await import('node:fs')
    const config = parseAppConfig(JSON.parse(readFileSync(new URL('../../public/config.json', import.meta.url), 'utf8')))
    for (const n of config.networks.filter((x) => x.kind === 'live')) expect([n.checkpointRoot, n.checkpointUrl]).toEqual([null, undefined])
  })
})

describe('config.json checkpointSlot (a speed hint for the first updates request)', () => {
  const root = `0x${'ab'.repeat(32)}`
  it('accepts a non-negative integer slot next to a checkpoint root, or nothing; rejects anything else', () => {
    for (const o of [{ checkpointRoot: root, checkpointSlot: 7069376 }, { checkpointRoot: root, checkpointSlot: 0 }, { checkpointRoot: root }])
      expect(parseAppConfig({ networks: [network(o)] }).networks).toHaveLength(1)
    for (const o of [
      { checkpointRoot: root, checkpointSlot: -1 },
      { checkpointRoot: root, checkpointSlot: '7069376' },
      { checkpointRoot: root, checkpointSlot: 1.5 },
      { checkpointRoot: root, checkpointSlot: 2 ** 53 },
      { checkpointRoot: null, checkpointSlot: 7069376 },
    ])
      expect(() => parseAppConfig({ networks: [network(o)] })).toThrow(/checkpointSlot/)
  })
  it('the shipped recorded network names its checkpoint block’s slot (the recording’s bootstrap header)', async () => {
    const { readFileSync } = await import('node:fs')
    const config = parseAppConfig(JSON.parse(readFileSync(new URL('../../public/config.json', import.meta.url), 'utf8')))
    const bootstrap = JSON.parse(readFileSync(new URL('../../fixtures/mainnet-lc/bootstrap.json', import.meta.url), 'utf8'))
    const recorded = config.networks.find((n) => n.id === 'recorded-mainnet')
    expect(recorded?.checkpointSlot).toBe(Number(bootstrap.data.header.beacon.slot))
  })
})

describe('config.json state-proof presets', () => {
  it('rejects malformed presets instead of failing later with an untyped error', () => {
    for (const stateProofs of [
      'x',
      [{ label: 'a', address: '0x12', storageKeys: [] }],
      [{ label: 'a', address: `0x${'11'.repeat(20)}`, storageKeys: 'x' }],
      [{ label: 'a', address: `0x${'11'.repeat(20)}`, storageKeys: [`0x${'1'.repeat(65)}`] }],
      [{ label: 'a', address: `0x${'11'.repeat(20)}`, storageKeys: [], blockNumber: -1 }],
    ]) {
      expect(() => parseAppConfig({ networks: [network({ stateProofs })] })).toThrow(MalformedInputError)
    }
    expect(
      parseAppConfig({ networks: [network({ stateProofs: [{ label: 'a', address: `0x${'11'.repeat(20)}`, storageKeys: ['0x0'] }] })] }).networks,
    ).toHaveLength(1)
  })
})

describe('config.json proverNetwork', () => {
  it('accepts an info URL or bootstrap multiaddrs, null, or nothing; rejects anything else', () => {
    for (const proverNetwork of [
      null,
      { coordinatorInfoUrl: 'http://127.0.0.1:18548/lightbus/prover-network' },
      { bootstrap: ['/ip4/127.0.0.1/tcp/18547/ws/p2p/12D3KooW'] },
    ])
      expect(parseAppConfig({ networks: [network({ proverNetwork })] }).networks).toHaveLength(1)
    for (const proverNetwork of [
      'x',
      {},
      [],
      { coordinatorInfoUrl: 'ftp://x' },
      { bootstrap: ['ip4/x'] },
      { bootstrap: [] },
      { bootstrap: Array(17).fill('/x') },
    ])
      expect(() => parseAppConfig({ networks: [network({ proverNetwork })] })).toThrow(MalformedInputError)
  })
  it('the shipped devnet network names the devnet coordinator and takes its results feed', async () => {
    const { readFileSync } = await import('node:fs')
    const config = parseAppConfig(JSON.parse(readFileSync(new URL('../../public/config.json', import.meta.url), 'utf8')))
    const devnet = config.networks.find((n) => n.id === 'devnet')
    expect(devnet?.proverNetwork).toEqual({ coordinatorInfoUrl: 'http://127.0.0.1:18548/lightbus/prover-network' })
    expect(devnet?.resultsFeedUrl).toBe('http://127.0.0.1:18548/lightbus/results')
  })
})

describe('config.json storage', () => {
  const kvStorage = '0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0'
  it('accepts { nodeUrl, kvStorage } or nothing; rejects anything else', () => {
    expect(parseAppConfig({ networks: [network({ storage: { nodeUrl: 'http://127.0.0.1:18549', kvStorage } })] }).networks[0]?.storage?.kvStorage).toBe(
      kvStorage,
    )
    expect(parseAppConfig({ networks: [network({})] }).networks[0]?.storage).toBeUndefined()
    for (const storage of [
      null,
      'x',
      [],
      {},
      { nodeUrl: 'http://127.0.0.1:18549' },
      { kvStorage },
      { nodeUrl: 'ftp://x', kvStorage },
      { nodeUrl: 'http://a b', kvStorage },
      { nodeUrl: `http://${'a'.repeat(520)}`, kvStorage },
      { nodeUrl: 'http://127.0.0.1:18549', kvStorage: '0x1234' },
      { nodeUrl: 'http://127.0.0.1:18549', kvStorage, extra: 1 },
    ])
      expect(() => parseAppConfig({ networks: [network({ storage })] })).toThrow(MalformedInputError)
  })
  it('the shipped devnet network names the devnet storage node and KVStorage', async () => {
    const { readFileSync } = await import('node:fs')
    const config = parseAppConfig(JSON.parse(readFileSync(new URL('../../public/config.json', import.meta.url), 'utf8')))
    expect(config.networks.find((n) => n.id === 'devnet')?.storage).toEqual({ nodeUrl: 'http://127.0.0.1:18549', kvStorage })
  })
})

describe('config.json market', () => {
  const market = {
    proofMarket: '0xe7f1725e7734ce288f8367e1bb143e90bb3f0512',
    serviceRegistry: '0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9',
    coordinatorHttpUrl: 'http://127.0.0.1:18548',
    proverAskWei: '100000000000000',
  }
  it('accepts { proofMarket, serviceRegistry, coordinatorHttpUrl, proverAskWei } or nothing; rejects anything else', () => {
    expect(parseAppConfig({ networks: [network({ market })] }).networks[0]?.market).toEqual(market)
    expect(parseAppConfig({ networks: [network({})] }).networks[0]?.market).toBeUndefined()
    for (const bad of [
      null,
      'x',
      [],
      {},
      { ...market, proofMarket: '0x1234' },
      { ...market, serviceRegistry: undefined },
      { ...market, coordinatorHttpUrl: 'ftp://x' },
      { ...market, coordinatorHttpUrl: `http://${'a'.repeat(520)}` },
      { ...market, proverAskWei: 100 },
      { ...market, proverAskWei: '-1' },
      { ...market, proverAskWei: '01' },
      { ...market, proverAskWei: '1'.repeat(79) },
      { ...market, extra: 1 },
    ])
      expect(() => parseAppConfig({ networks: [network({ market: bad })] })).toThrow(MalformedInputError)
  })
  it('the shipped devnet network names the devnet market', async () => {
    const { readFileSync } = await import('node:fs')
    const config = parseAppConfig(JSON.parse(readFileSync(new URL('../../public/config.json', import.meta.url), 'utf8')))
    expect(config.networks.find((n) => n.id === 'devnet')?.market).toEqual(market)
  })
})

import { describe, expect, it, vi } from 'vitest'
import type { AppConfig, NetworkConfig } from '../net/networkConfig.ts'
import { recordedNetwork } from '../test/networkConfig.ts'
import { bootLightClient, takeBootConfig } from './boot.ts'

const CONFIG_ROOT = `0x${'5a'.repeat(32)}`
const USER_ROOT = `0x${'ab'.repeat(32)}`
const net = (id: string, checkpointRoot: string | null, extra: Partial<NetworkConfig> = {}): NetworkConfig =>
  recordedNetwork(id, 'http://127.0.0.1:1', checkpointRoot, extra)
const config: AppConfig = {
  defaultNetwork: 'recorded-mainnet',
  networks: [net('recorded-mainnet', CONFIG_ROOT), net('devnet', null, { kind: 'devnet', chain: 'devnet', checkpointUrl: 'http://127.0.0.1:1/cp' })],
}

async function boot(search: string, loadConfig: () => Promise<AppConfig> = async () => config) {
  const start = vi.fn()
  const warmWorker = vi.fn()
  const result = await bootLightClient(new URLSearchParams(search), { loadConfig, start, warmWorker })
  return { start, warmWorker, result }
}

describe('bootLightClient (the early boot before React)', () => {
  it('starts the default network from config.json’s checkpoint, and warms the worker at once', async () => {
    const { start, warmWorker } = await boot('')
    expect(warmWorker).toHaveBeenCalledOnce()
    expect(start).toHaveBeenCalledOnce()
    expect(start.mock.calls[0]?.[0].id).toBe('recorded-mainnet')
    expect(start.mock.calls[0]?.[1]).toBe(CONFIG_ROOT)
  })

  it('uses the user’s ?checkpoint= (lower-cased) over config.json, and ignores a malformed one', async () => {
    expect((await boot(`?checkpoint=${USER_ROOT.toUpperCase().replace('0X', '0x')}`)).start.mock.calls[0]?.[1]).toBe(USER_ROOT)
    expect((await boot('?checkpoint=0x1234')).start.mock.calls[0]?.[1]).toBe(CONFIG_ROOT)
  })

  it('does not start a network without a trusted checkpoint (a devnet publishes its own; the app fetches it)', async () => {
    const { start, result } = await boot('?network=devnet')
    expect(start).not.toHaveBeenCalled()
    expect(result).toBeNull()
    expect((await boot('?network=nope')).start).not.toHaveBeenCalled()
  })

  it('leaves a failed config.json to the app, and hands its fetch to the app’s config query once', async () => {
    const failing = () => Promise.reject(new Error('offline'))
    const { start, result } = await boot('', failing)
    expect(start).not.toHaveBeenCalled()
    expect(result).toBeNull()
    await expect(takeBootConfig()).rejects.toThrow('offline')
    expect(takeBootConfig()).toBeUndefined()
  })
})

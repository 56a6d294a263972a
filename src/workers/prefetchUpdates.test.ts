import { describe, expect, it } from 'vitest'
import type { LightClientTransport } from '../consensus/syncPeriods.ts'
import { prefetchUpdates } from './prefetchUpdates.ts'

const SLOTS_PER_PERIOD = 8192
const bootstrapAt = (slot: unknown) => ({ version: 'capella', data: { header: { beacon: { slot } } } })

function recording() {
  const calls: string[] = []
  const log = <T>(call: string, value: T) => {
    calls.push(call)
    return Promise.resolve(value)
  }
  const transport: LightClientTransport = {
    getBootstrap: (root) => log(`bootstrap ${root}`, {}),
    getUpdates: (start, count) => log(`updates ${start} ${count}`, [`${start}/${count}`]),
    getFinalityUpdate: () => log('finality', {}),
    getOptimisticUpdate: () => log('optimistic', {}),
  }
  return { calls, transport }
}

describe('prefetchUpdates', () => {
  it('requests the first batch at once and answers that exact request once from it', async () => {
    const { calls, transport } = recording()
    const t = prefetchUpdates(transport, bootstrapAt(String(862 * SLOTS_PER_PERIOD + 5)), 867 * SLOTS_PER_PERIOD + 1)
    expect(calls).toEqual(['updates 862 6'])
    expect(await t.getUpdates(862, 6)).toEqual(['862/6'])
    expect(calls).toEqual(['updates 862 6'])
    // Asked again (or for another batch): fetched as usual.
    await t.getUpdates(862, 6)
    await t.getUpdates(866, 2)
    expect(calls).toEqual(['updates 862 6', 'updates 862 6', 'updates 866 2'])
  })

  it('prefetches nothing when the bootstrap names no usable slot or the clock is in its period', () => {
    for (const body of [null, {}, bootstrapAt('x'), bootstrapAt(-1), bootstrapAt('1e400')]) {
      const { calls, transport } = recording()
      expect(prefetchUpdates(transport, body, 867 * SLOTS_PER_PERIOD)).toBe(transport)
      expect(calls).toEqual([])
    }
    const { calls, transport } = recording()
    expect(prefetchUpdates(transport, bootstrapAt(String(867 * SLOTS_PER_PERIOD)), 867 * SLOTS_PER_PERIOD + 100)).toBe(transport)
    expect(calls).toEqual([])
  })

  it('caps the batch at MAX_REQUEST_LIGHT_CLIENT_UPDATES and never leaves an unhandled rejection', async () => {
    const { calls, transport } = recording()
    prefetchUpdates(transport, bootstrapAt('0'), 500 * SLOTS_PER_PERIOD)
    expect(calls).toEqual(['updates 0 128'])
    const failing: LightClientTransport = { ...transport, getUpdates: () => Promise.reject(new Error('down')) }
    const t = prefetchUpdates(failing, bootstrapAt('0'), 2 * SLOTS_PER_PERIOD)
    await expect(t.getUpdates(0, 3)).rejects.toThrow('down')
  })
})

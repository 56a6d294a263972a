import { describe, expect, it } from 'vitest'
import type { LightClientTransport } from '../consensus/syncPeriods.ts'
import { prefetchUpdates, prefetchUpdatesFrom } from './prefetchUpdates.ts'

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

describe('prefetchUpdatesFrom (a slot from config.json before the bootstrap)', () => {
  it('composes with the bootstrap’s prefetch: the same batch is requested once, and answered once', async () => {
    const { calls, transport } = recording()
    const hinted = prefetchUpdatesFrom(transport, 862 * SLOTS_PER_PERIOD, 867 * SLOTS_PER_PERIOD + 1)
    expect(calls).toEqual(['updates 862 6'])
    const t = prefetchUpdates(hinted, bootstrapAt(String(862 * SLOTS_PER_PERIOD + 5)), 867 * SLOTS_PER_PERIOD + 1)
    expect(calls).toEqual(['updates 862 6'])
    expect(await t.getUpdates(862, 6)).toEqual(['862/6'])
    expect(calls).toEqual(['updates 862 6'])
  })

  it('a wrong slot costs one request more, never a wrong answer: the bootstrap’s batch is requested for itself', async () => {
    const { calls, transport } = recording()
    const hinted = prefetchUpdatesFrom(transport, 860 * SLOTS_PER_PERIOD, 867 * SLOTS_PER_PERIOD + 1)
    const t = prefetchUpdates(hinted, bootstrapAt(String(862 * SLOTS_PER_PERIOD)), 867 * SLOTS_PER_PERIOD + 1)
    expect(await t.getUpdates(862, 6)).toEqual(['862/6'])
    expect(calls).toEqual(['updates 860 8', 'updates 862 6'])
  })

  it('the signal goes with the early request only: aborting it rejects that request, later ones pass their own', async () => {
    const signals: (AbortSignal | undefined)[] = []
    const transport: LightClientTransport = {
      ...recording().transport,
      getUpdates: (_start, _count, init) => {
        signals.push(init?.signal)
        return new Promise((resolve, reject) => {
          if (!init?.signal) return resolve([])
          init.signal.addEventListener('abort', () => reject(init.signal?.reason))
        })
      },
    }
    const run = new AbortController()
    const hinted = prefetchUpdatesFrom(transport, 862 * SLOTS_PER_PERIOD, 867 * SLOTS_PER_PERIOD + 1, run.signal)
    const t = prefetchUpdates(hinted, bootstrapAt(String(860 * SLOTS_PER_PERIOD)), 867 * SLOTS_PER_PERIOD + 1)
    expect(signals).toEqual([run.signal, undefined]) // the config slot's request, then the bootstrap's (no signal given)
    // The bootstrap's prefetch carries the signal it is given, too.
    const run2 = new AbortController()
    const t2 = prefetchUpdates(transport, bootstrapAt(String(864 * SLOTS_PER_PERIOD)), 867 * SLOTS_PER_PERIOD + 1, run2.signal)
    expect(signals.at(-1)).toBe(run2.signal)
    run2.abort(new Error('run 2 ended'))
    await expect(t2.getUpdates(864, 4)).rejects.toThrow('run 2 ended')
    await expect(t.getUpdates(860, 8)).resolves.toEqual([])
    run.abort(new Error('run ended'))
    await expect(t.getUpdates(862, 6)).rejects.toThrow('run ended')
    const other = new AbortController()
    const passed = t.getUpdates(866, 2, { signal: other.signal })
    expect(signals.at(-1)).toBe(other.signal)
    other.abort(new Error('other'))
    await expect(passed).rejects.toThrow('other')
  })

  it('prefetches nothing without a usable slot', () => {
    for (const slot of [null, -1, 1.5, Number.NaN, 2 ** 53]) {
      const { calls, transport } = recording()
      expect(prefetchUpdatesFrom(transport, slot, 867 * SLOTS_PER_PERIOD)).toBe(transport)
      expect(calls).toEqual([])
    }
  })
})

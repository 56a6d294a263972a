import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSnapshotThrottle } from './snapshotThrottle.ts'

type V = { code: 'syncing' | 'synced' | 'failed'; n: number }

/** The throttle under vitest's fake timers (setTimeout and performance.now), publishing `<code><n>@<ms since setup>`. */
function setup() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
  const t0 = performance.now()
  const published: string[] = []
  const throttle = createSnapshotThrottle<V>(
    (v) => published.push(`${v.code}${v.n}@${performance.now() - t0}`),
    (v) => v.code === 'syncing',
    250,
  )
  return { published, throttle }
}

describe('createSnapshotThrottle', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('publishes the first syncing value at once, then the latest at most every interval', () => {
    const { published, throttle } = setup()
    throttle.push({ code: 'syncing', n: 1 })
    vi.advanceTimersByTime(10)
    throttle.push({ code: 'syncing', n: 2 })
    vi.advanceTimersByTime(10)
    throttle.push({ code: 'syncing', n: 3 })
    expect(published).toEqual(['syncing1@0'])
    vi.advanceTimersByTime(230)
    expect(published).toEqual(['syncing1@0', 'syncing3@250'])
    vi.advanceTimersByTime(300) // nothing new: nothing published
    expect(published).toEqual(['syncing1@0', 'syncing3@250'])
    throttle.push({ code: 'syncing', n: 4 }) // the interval since the last publish has passed: at once
    expect(published.at(-1)).toBe('syncing4@550')
    expect(vi.getTimerCount()).toBe(0)
  })

  it('publishes a synced or failed value at once, superseding a pending syncing one', () => {
    const { published, throttle } = setup()
    throttle.push({ code: 'syncing', n: 1 })
    vi.advanceTimersByTime(5)
    throttle.push({ code: 'syncing', n: 2 })
    vi.advanceTimersByTime(5)
    throttle.push({ code: 'synced', n: 3 })
    expect(published).toEqual(['syncing1@0', 'synced3@10'])
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(1000)
    expect(published).toEqual(['syncing1@0', 'synced3@10'])
    throttle.push({ code: 'failed', n: 4 })
    expect(published.at(-1)).toBe('failed4@1010')
  })

  it('reset drops a pending value and publishes the next first value at once', () => {
    const { published, throttle } = setup()
    throttle.push({ code: 'syncing', n: 1 })
    vi.advanceTimersByTime(5)
    throttle.push({ code: 'syncing', n: 2 })
    throttle.reset()
    vi.advanceTimersByTime(1000)
    expect(published).toEqual(['syncing1@0'])
    throttle.push({ code: 'syncing', n: 3 })
    expect(published).toEqual(['syncing1@0', 'syncing3@1005'])
  })
})

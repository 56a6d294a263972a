import { describe, expect, it } from 'vitest'
import { createSnapshotThrottle } from './snapshotThrottle.ts'

type V = { code: 'syncing' | 'synced' | 'failed'; n: number }

/** A fake clock and timer queue: `advance(ms)` runs the timers due. */
function fakeTimers() {
  let t = 0
  let nextId = 1
  const queue = new Map<number, { at: number; f: () => void }>()
  return {
    timers: {
      set: (f: () => void, ms: number) => {
        const id = nextId++
        queue.set(id, { at: t + ms, f })
        return id
      },
      clear: (h: unknown) => {
        queue.delete(h as number)
      },
      now: () => t,
    },
    advance(ms: number) {
      const end = t + ms
      for (;;) {
        const due = [...queue.entries()].filter(([, q]) => q.at <= end).sort((a, b) => a[1].at - b[1].at)[0]
        if (!due) break
        queue.delete(due[0])
        t = due[1].at
        due[1].f()
      }
      t = end
    },
    pending: () => queue.size,
  }
}

function setup() {
  const clock = fakeTimers()
  const published: string[] = []
  const throttle = createSnapshotThrottle<V>(
    (v) => published.push(`${v.code}${v.n}@${clock.timers.now()}`),
    (v) => v.code === 'syncing',
    250,
    clock.timers,
  )
  return { clock, published, throttle }
}

describe('createSnapshotThrottle', () => {
  it('publishes the first syncing value at once, then the latest at most every interval', () => {
    const { clock, published, throttle } = setup()
    throttle.push({ code: 'syncing', n: 1 })
    clock.advance(10)
    throttle.push({ code: 'syncing', n: 2 })
    clock.advance(10)
    throttle.push({ code: 'syncing', n: 3 })
    expect(published).toEqual(['syncing1@0'])
    clock.advance(230)
    expect(published).toEqual(['syncing1@0', 'syncing3@250'])
    clock.advance(300) // nothing new: nothing published
    expect(published).toEqual(['syncing1@0', 'syncing3@250'])
    throttle.push({ code: 'syncing', n: 4 }) // the interval since the last publish has passed: at once
    expect(published.at(-1)).toBe('syncing4@550')
    expect(clock.pending()).toBe(0)
  })

  it('publishes a synced or failed value at once, superseding a pending syncing one', () => {
    const { clock, published, throttle } = setup()
    throttle.push({ code: 'syncing', n: 1 })
    clock.advance(5)
    throttle.push({ code: 'syncing', n: 2 })
    clock.advance(5)
    throttle.push({ code: 'synced', n: 3 })
    expect(published).toEqual(['syncing1@0', 'synced3@10'])
    expect(clock.pending()).toBe(0)
    clock.advance(1000)
    expect(published).toEqual(['syncing1@0', 'synced3@10'])
    throttle.push({ code: 'failed', n: 4 })
    expect(published.at(-1)).toBe('failed4@1010')
  })

  it('reset drops a pending value and publishes the next first value at once', () => {
    const { clock, published, throttle } = setup()
    throttle.push({ code: 'syncing', n: 1 })
    clock.advance(5)
    throttle.push({ code: 'syncing', n: 2 })
    throttle.reset()
    clock.advance(1000)
    expect(published).toEqual(['syncing1@0'])
    throttle.push({ code: 'syncing', n: 3 })
    expect(published).toEqual(['syncing1@0', 'syncing3@1005'])
  })
})

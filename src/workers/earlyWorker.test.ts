import { describe, expect, it } from 'vitest'
import { type EarlyWorker, takeEarlyWorker } from './earlyWorker.ts'

/** A Worker stand-in: an EventTarget that records terminate(). */
function fakeWorker() {
  const target = new EventTarget() as EventTarget & { terminated: boolean; terminate(): void }
  target.terminated = false
  target.terminate = () => {
    target.terminated = true
  }
  return target
}

describe('takeEarlyWorker', () => {
  it('hands the preboot worker over once and re-dispatches its early messages in order, after the caller listens', async () => {
    const worker = fakeWorker()
    let stopped = 0
    const scope: { __lightbusEarlyWorker?: EarlyWorker } = {
      __lightbusEarlyWorker: { worker: worker as unknown as Worker, messages: ['a', { type: 'lightbus-worker-ready' }], failed: false, stop: () => stopped++ },
    }
    const taken = takeEarlyWorker(scope)
    expect(taken).toBe(worker)
    expect(stopped).toBe(1)
    const seen: unknown[] = []
    taken?.addEventListener('message', (e) => seen.push((e as MessageEvent).data))
    expect(seen).toEqual([])
    await Promise.resolve()
    expect(seen).toEqual(['a', { type: 'lightbus-worker-ready' }])
    expect(takeEarlyWorker(scope)).toBeUndefined()
  })

  it('terminates and does not return a worker whose script failed (error event before the app loaded)', () => {
    const worker = fakeWorker()
    const scope: { __lightbusEarlyWorker?: EarlyWorker } = {
      __lightbusEarlyWorker: { worker: worker as unknown as Worker, messages: [], failed: true, stop: () => {} },
    }
    expect(takeEarlyWorker(scope)).toBeUndefined()
    expect(worker.terminated).toBe(true)
  })

  it('returns undefined when there is no preboot worker (dev server, tests)', () => {
    expect(takeEarlyWorker({})).toBeUndefined()
  })
})

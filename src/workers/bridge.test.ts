import * as Comlink from 'comlink'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { WorkerStartError } from '../errors/net.ts'
import { ProvingCancelledError } from '../errors/zk.ts'
import { WorkerBridge, type WorkerLike } from './bridge.ts'

type Behaviour = 'ready' | 'error' | 'silent'
type Api = { add(a: number, b: number): number; hang(): Promise<never>; ping(): string }

/**
 * A Worker made of a MessageChannel: port1 is the page's side (relayed as this EventTarget's message
 * events, as a DOM Worker dispatches them), port2 the "worker" that exposes `Api` and says ready.
 */
class FakeWorker extends EventTarget implements WorkerLike {
  static all: FakeWorker[] = []
  terminated = false
  private readonly channel = new MessageChannel()
  constructor(behaviour: Behaviour) {
    super()
    FakeWorker.all.push(this)
    this.channel.port1.onmessage = (e) => {
      if (!this.terminated) this.dispatchEvent(new MessageEvent('message', { data: e.data }))
    }
    const inside = this.channel.port2
    if (behaviour === 'ready') {
      Comlink.expose({ add: (a: number, b: number) => a + b, hang: () => new Promise(() => {}), ping: () => 'pong' } satisfies Api, inside)
      inside.postMessage({ type: 'lightbus-worker-ready' })
    } else if (behaviour === 'error') {
      queueMicrotask(() => this.dispatchEvent(Object.assign(new Event('error'), { message: 'module failed to load' })))
    }
  }
  postMessage(message: unknown, transfer?: Transferable[]) {
    this.channel.port1.postMessage(message, (transfer ?? []) as never)
  }
  terminate() {
    this.terminated = true
    this.channel.port1.close()
    this.channel.port2.close()
  }
}

/** A bridge whose n-th created worker behaves as `plan[n]` (the last entry repeats). */
function bridgeWith(plan: Behaviour[], options: { idleTimeoutMs?: number; retries?: number; startTimeoutMs?: number } = {}) {
  let n = 0
  return new WorkerBridge<Api>({
    name: 'test',
    create: () => new FakeWorker(plan[Math.min(n++, plan.length - 1)] as Behaviour),
    startTimeoutMs: options.startTimeoutMs ?? 200,
    retries: options.retries ?? 2,
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
  })
}

afterEach(() => {
  for (const w of FakeWorker.all) w.terminate()
  FakeWorker.all = []
  vi.useRealTimers()
})

describe('WorkerBridge', () => {
  it('waits for the ready message, then calls through comlink on one worker', async () => {
    const bridge = bridgeWith(['ready'])
    expect(bridge.alive).toBe(false)
    await expect(bridge.call((api) => api.add(2, 3))).resolves.toBe(5)
    await expect(bridge.call((api) => api.ping())).resolves.toBe('pong')
    expect(bridge.startedCount).toBe(1)
    expect(bridge.alive).toBe(true)
  })

  it('evicts a worker that fails to start (error event, then timeout) and retries with a fresh one', async () => {
    const bridge = bridgeWith(['error', 'silent', 'ready'], { startTimeoutMs: 100 })
    await expect(bridge.call((api) => api.add(1, 1))).resolves.toBe(2)
    expect(bridge.startedCount).toBe(3)
    expect(FakeWorker.all.map((w) => w.terminated)).toEqual([true, true, false])
  })

  it('gives up with a WorkerStartError after 1 + retries failed starts, and tries again on the next call', async () => {
    const bridge = bridgeWith(['error', 'error', 'ready'], { retries: 1 })
    const failure = bridge.call((api) => api.add(1, 1))
    await expect(failure).rejects.toBeInstanceOf(WorkerStartError)
    await expect(failure).rejects.toMatchObject({ code: 'WorkerStart', metaMessages: ['attempts: 2'] })
    expect(bridge.startedCount).toBe(2)
    expect(FakeWorker.all.every((w) => w.terminated)).toBe(true)
    expect(bridge.alive).toBe(false)
    await expect(bridge.call((api) => api.add(1, 2))).resolves.toBe(3)
    expect(bridge.startedCount).toBe(3)
  })

  it('terminates an idle worker after idleTimeoutMs and restarts it lazily on the next call', async () => {
    const bridge = bridgeWith(['ready'], { idleTimeoutMs: 50 })
    await expect(bridge.call((api) => api.add(1, 1))).resolves.toBe(2)
    const first = FakeWorker.all[0] as FakeWorker
    expect(first.terminated).toBe(false)
    await vi.waitFor(() => expect(first.terminated).toBe(true), { timeout: 2_000, interval: 10 })
    expect(bridge.alive).toBe(false)
    await expect(bridge.call((api) => api.add(2, 2))).resolves.toBe(4)
    expect(bridge.startedCount).toBe(2)
    expect((FakeWorker.all[1] as FakeWorker).terminated).toBe(false)
  })

  it('keeps a worker with a call in flight past the idle timeout', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const bridge = bridgeWith(['ready'], { idleTimeoutMs: 50 })
    await bridge.remote()
    const hanging = bridge.call((api) => api.hang())
    hanging.catch(() => {})
    await vi.advanceTimersByTimeAsync(500)
    expect((FakeWorker.all[0] as FakeWorker).terminated).toBe(false)
    bridge.terminate(new ProvingCancelledError())
    await expect(hanging).rejects.toBeInstanceOf(ProvingCancelledError)
  })

  it('without idleTimeoutMs the worker is kept', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const bridge = bridgeWith(['ready'])
    await bridge.call((api) => api.ping())
    await vi.advanceTimersByTimeAsync(3_600_000)
    expect((FakeWorker.all[0] as FakeWorker).terminated).toBe(false)
  })

  it('abort terminates the worker and rejects the call with the caller’s cancellation error', async () => {
    const bridge = bridgeWith(['ready'])
    const controller = new AbortController()
    const call = bridge.call((api) => api.hang(), { signal: controller.signal, cancelError: () => new ProvingCancelledError() })
    await bridge.remote()
    controller.abort()
    await expect(call).rejects.toBeInstanceOf(ProvingCancelledError)
    expect((FakeWorker.all[0] as FakeWorker).terminated).toBe(true)
    expect(bridge.alive).toBe(false)
    // An already aborted signal rejects at once without starting a worker.
    await expect(bridge.call((api) => api.ping(), { signal: controller.signal, cancelError: () => new ProvingCancelledError() })).rejects.toBeInstanceOf(
      ProvingCancelledError,
    )
    expect(bridge.startedCount).toBe(1)
    // The next call gets a fresh worker.
    await expect(bridge.call((api) => api.ping())).resolves.toBe('pong')
    expect(bridge.startedCount).toBe(2)
  })

  it('abort while the worker is still starting terminates it too', async () => {
    const bridge = bridgeWith(['silent'], { startTimeoutMs: 10_000 })
    const controller = new AbortController()
    const call = bridge.call((api) => api.ping(), { signal: controller.signal, cancelError: () => new ProvingCancelledError() })
    controller.abort()
    await expect(call).rejects.toBeInstanceOf(ProvingCancelledError)
    await vi.waitFor(() => expect(FakeWorker.all.map((w) => w.terminated)).toEqual([true]), { timeout: 2_000, interval: 10 })
    expect(bridge.alive).toBe(false)
    expect(bridge.startedCount).toBe(1)
  })
})

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { emptySnapshot, type LightClientSnapshot } from '../bus/lightClientStatus.ts'
import { publicConfig as config, defaultCheckpoint, defaultNetwork, syncedSnapshot as synced } from '../test/lightClientSnapshots.ts'
import type { EarlyWorker } from '../workers/earlyWorker.ts'
import { FIRST_VIEW_MAX_MS, type FirstViewEnv, showAppLoadError, startFirstView, takeFirstView } from './firstView.ts'
import { FIRST_VIEW_MESSAGE } from './message.ts'

const syncing = (phase: 'starting' | 'updates') => emptySnapshot(defaultNetwork.id, defaultCheckpoint, { code: 'syncing', phase })
const msg = (snapshot: LightClientSnapshot) => ({ type: FIRST_VIEW_MESSAGE, config, snapshot })

/** A page with an early worker whose messages the test sends; document listeners and timers recorded. */
function fakePage(opts: { pathname?: string; buffered?: unknown[]; early?: boolean; failed?: boolean } = {}) {
  const worker = new EventTarget()
  const listeners = new Map<string, (e: Event) => void>()
  const root = { innerHTML: '' }
  const early = { worker: worker as unknown as Worker, messages: opts.buffered ?? [], failed: opts.failed ?? false, stop() {} } satisfies EarlyWorker
  const env: FirstViewEnv = {
    early: opts.early === false ? undefined : early,
    root,
    pathname: opts.pathname ?? '/',
    search: '',
    isDark: () => false,
    listen: (type, l) => listeners.set(type, l),
    setTimeout: (f, ms) => void setTimeout(f, ms),
    navigate: vi.fn(),
  }
  const loadApp = vi.fn()
  const post = (data: unknown) => worker.dispatchEvent(new MessageEvent('message', { data }))
  return { env, root, loadApp, post, worker, listeners }
}

beforeEach(() => {
  // Timers only: the marks are User Timing's own (performance stays real).
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  performance.clearMarks()
})
afterEach(() => {
  takeFirstView()
  vi.useRealTimers()
})

describe('startFirstView', () => {
  it('renders the worker’s snapshots, marks the first verified value and loads the app then, once', () => {
    const p = fakePage({ buffered: [{ type: 'lightbus-worker-ready' }, msg(syncing('starting'))] })
    startFirstView(p.loadApp, p.env)
    expect(p.root.innerHTML).toContain('data-status="syncing"')
    expect(p.loadApp).not.toHaveBeenCalled()
    p.post(msg(synced))
    expect(p.root.innerHTML).toContain('data-testid="finalized-block-number" data-verified="true">17923026<')
    expect(performance.getEntriesByName('lb:first-verified')).toHaveLength(1)
    expect(p.loadApp).toHaveBeenCalledOnce()
    // The app is loading: the markup stays as it is for the app to hydrate.
    const shown = p.root.innerHTML
    p.post(msg({ ...synced, status: { code: 'synced', headMode: 'sse' } }))
    vi.advanceTimersByTime(FIRST_VIEW_MAX_MS)
    expect(p.root.innerHTML).toBe(shown)
    expect(p.loadApp).toHaveBeenCalledOnce()
    expect(performance.getEntriesByName('lb:first-verified')).toHaveLength(1)
    const h = takeFirstView()
    expect(h?.snapshot).toEqual(synced)
    expect(h?.config).toBe(config)
  })

  it('renders syncing snapshots at most every 250 ms, the latest one then; a synced one at once', () => {
    const p = fakePage()
    startFirstView(p.loadApp, p.env)
    p.post(msg(syncing('starting')))
    expect(p.root.innerHTML).toContain('Starting…')
    p.post(msg(syncing('updates')))
    expect(p.root.innerHTML).toContain('Starting…')
    vi.advanceTimersByTime(250)
    expect(p.root.innerHTML).toContain('Verifying sync-committee period updates…')
    p.post(msg(syncing('updates')))
    p.post(msg(synced))
    expect(p.root.innerHTML).toContain('data-status="synced"')
  })

  it('loads the app at once elsewhere than /, without a worker from the head script, or when that worker failed', () => {
    for (const opts of [{ pathname: '/block' }, { early: false }, { failed: true }]) {
      const p = fakePage(opts)
      startFirstView(p.loadApp, p.env)
      expect(p.loadApp).toHaveBeenCalledOnce()
      expect(p.root.innerHTML).toBe('')
      expect(takeFirstView()).toBeUndefined()
    }
  })

  it('loads the app and removes what it showed when the worker started nothing, its light client failed, its network is not the page’s, or it died', () => {
    const failed = { ...synced, status: { code: 'failed', error: { name: 'E', code: 'C', message: 'm', shortMessage: 's' } } } as unknown as LightClientSnapshot
    const ends: ((p: ReturnType<typeof fakePage>) => void)[] = [
      (p) => p.post({ type: FIRST_VIEW_MESSAGE, none: true }),
      (p) => p.post(msg(failed)),
      (p) => p.post(msg({ ...synced, networkId: 'devnet' })),
      (p) => p.worker.dispatchEvent(new Event('error')),
    ]
    for (const end of ends) {
      const p = fakePage()
      startFirstView(p.loadApp, p.env)
      p.post(msg(syncing('starting')))
      expect(p.root.innerHTML).toContain('data-status="syncing"')
      end(p)
      expect(p.loadApp).toHaveBeenCalledOnce()
      expect(p.root.innerHTML).toBe('')
      expect(takeFirstView()).toBeUndefined()
    }
  })

  it('a stale verified header is removed when the light client fails after it was shown', () => {
    const p = fakePage()
    startFirstView(p.loadApp, p.env)
    p.post(msg(synced))
    expect(p.root.innerHTML).toContain('data-verified="true"')
    p.post(msg({ ...synced, status: { code: 'failed', error: { name: 'E', code: 'C', message: 'm', shortMessage: 's' } } } as unknown as LightClientSnapshot))
    expect(p.root.innerHTML).toBe('')
    expect(takeFirstView()).toBeUndefined()
  })

  it('neither marks nor loads for a synced header without an execution block or from a forced update', () => {
    const forced = { ...synced, finalized: { ...synced.finalized, forced: { atSlot: 1, period: 1, attestedSlot: 2, participants: 300 } } }
    const noExecution = { ...synced, finalized: { ...synced.finalized, execution: null } }
    for (const snap of [forced, noExecution] as unknown as LightClientSnapshot[]) {
      const p = fakePage()
      startFirstView(p.loadApp, p.env)
      p.post(msg(snap))
      expect(p.root.innerHTML).toContain('data-status="synced"')
      expect(p.loadApp).not.toHaveBeenCalled()
      expect(performance.getEntriesByName('lb:first-verified')).toHaveLength(0)
      takeFirstView()
    }
  })

  it('loads the app on the first interaction (pointer, key, focus, click) and then keeps the markup as the user sees it', () => {
    for (const type of ['pointerdown', 'keydown', 'focusin', 'click']) {
      const p = fakePage()
      startFirstView(p.loadApp, p.env)
      p.post(msg(syncing('starting')))
      p.listeners.get(type)?.({ target: null } as unknown as Event)
      expect(p.loadApp).toHaveBeenCalledOnce()
      const shown = p.root.innerHTML
      p.post(msg(synced))
      expect(p.root.innerHTML).toBe(shown)
      expect(takeFirstView()?.snapshot.status.code).toBe('syncing')
    }
  })

  it('goes to the page of a network picked before the app loaded', () => {
    const p = fakePage()
    startFirstView(p.loadApp, p.env)
    p.post(msg(synced))
    const select = { value: 'a b' }
    p.listeners.get('change')?.({ target: { closest: (sel: string) => (sel === '#root select' ? select : null) } } as unknown as Event)
    expect(p.env.navigate).toHaveBeenCalledWith('/?network=a%20b')
  })

  it('loads the app after FIRST_VIEW_MAX_MS when no value is shown, and shows the value if it comes before the app', () => {
    const p = fakePage()
    startFirstView(p.loadApp, p.env)
    p.post(msg(syncing('starting')))
    vi.advanceTimersByTime(FIRST_VIEW_MAX_MS - 1)
    expect(p.loadApp).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(p.loadApp).toHaveBeenCalledOnce()
    p.post(msg(synced))
    expect(p.root.innerHTML).toContain('data-verified="true"')
    expect(performance.getEntriesByName('lb:first-verified')).toHaveLength(1)
    expect(p.loadApp).toHaveBeenCalledOnce()
  })

  it('renders nothing more once the app has taken over', () => {
    const p = fakePage()
    startFirstView(p.loadApp, p.env)
    p.post(msg(syncing('starting')))
    p.post(msg(syncing('updates')))
    expect(takeFirstView()).toBeDefined()
    vi.advanceTimersByTime(1_000)
    p.post(msg(synced))
    expect(p.root.innerHTML).toContain('Starting…')
    expect(performance.getEntriesByName('lb:first-verified')).toHaveLength(0)
    expect(takeFirstView()).toBeUndefined()
  })

  it('presses again, after the take-over, a button pressed before it', () => {
    const p = fakePage()
    startFirstView(p.loadApp, p.env)
    p.post(msg(synced))
    const button = { click: vi.fn(), isConnected: true }
    const target = { closest: (sel: string) => (sel === '#root button' ? button : null) }
    p.listeners.get('click')?.({ target } as unknown as Event)
    const h = takeFirstView()
    expect(button.click).not.toHaveBeenCalled()
    h?.replayClick()
    expect(button.click).toHaveBeenCalledOnce()
  })

  it('does not press a button that has left the page, nor one pressed after the take-over', () => {
    const p = fakePage()
    startFirstView(p.loadApp, p.env)
    p.post(msg(synced))
    const gone = { click: vi.fn(), isConnected: false }
    p.listeners.get('click')?.({ target: { closest: () => gone } } as unknown as Event)
    takeFirstView()?.replayClick()
    expect(gone.click).not.toHaveBeenCalled()
    const late = { click: vi.fn(), isConnected: true }
    p.listeners.get('click')?.({ target: { closest: () => late } } as unknown as Event)
    expect(takeFirstView()).toBeUndefined()
    expect(late.click).not.toHaveBeenCalled()
  })

  it('an app that did not load is said so, and nothing renders over that or brings back removed markup', () => {
    const p = fakePage()
    startFirstView(p.loadApp, p.env)
    p.post(msg(syncing('starting')))
    vi.advanceTimersByTime(FIRST_VIEW_MAX_MS)
    expect(p.loadApp).toHaveBeenCalledOnce()
    let html = p.root.innerHTML
    showAppLoadError(new Error('<chunk> 404'), {
      insertAdjacentHTML: (_w, h) => {
        html = h + html
      },
    })
    p.root.innerHTML = html
    expect(html).toContain('role="alert"')
    expect(html).toContain('&lt;chunk&gt; 404')
    p.post(msg(synced))
    p.worker.dispatchEvent(new Event('error'))
    vi.advanceTimersByTime(1_000)
    expect(p.root.innerHTML).toBe(html)
  })

  it('once it gave up, a later snapshot does not put its markup back', () => {
    const p = fakePage()
    startFirstView(p.loadApp, p.env)
    p.post(msg(syncing('starting')))
    p.post(msg(syncing('updates'))) // pending in the throttle
    p.worker.dispatchEvent(new Event('error'))
    expect(p.root.innerHTML).toBe('')
    vi.advanceTimersByTime(1_000)
    p.post(msg(synced))
    expect(p.root.innerHTML).toBe('')
    expect(performance.getEntriesByName('lb:first-verified')).toHaveLength(0)
  })
})

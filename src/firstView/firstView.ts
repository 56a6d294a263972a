// The first view: the Consensus page (`/`) shown before React has loaded, from the light-client worker's own
// snapshots (the worker starts itself from index.html's head script, scripts/vite/lightClientPreboot.ts). React, the
// router and the query client cost the worker ~150–190 ms of its sync on a 2-core machine when they load while it
// syncs (docs/performance.md); here the page's main thread only sets the HTML of each snapshot. The app is loaded once
// the first verified value is shown (or sooner: see `startFirstView`) and hydrates this markup, which is exactly what
// React renders first (firstViewHtml.test.ts). Nothing is shown that the worker did not verify: the same snapshot,
// the same conditions for a verified badge, as the React page.
import { createSnapshotThrottle } from '../app/snapshotThrottle.ts'
import type { LightClientSnapshot } from '../bus/lightClientStatus.ts'
import type { AppConfig } from '../net/networkConfig.ts'
import type { EarlyWorker } from '../workers/earlyWorker.ts'
import { markOnce } from '../workers/perfMarks.ts'
import { firstViewHtml, showsVerifiedHead } from './firstViewHtml.ts'
import { type FirstViewMessage, isFirstViewMessage } from './message.ts'

/** The app is loaded after this long even when the light client has not shown its first value (ms from the start). */
export const FIRST_VIEW_MAX_MS = 2_000

/** What the first view rendered last: the markup in the root is this config and snapshot's. */
export type FirstViewHandover = {
  config: AppConfig
  snapshot: LightClientSnapshot
  /** Clicks a button the user pressed before the app loaded (call once the app has hydrated the markup). */
  replayClick(): void
}

/** The page as the first view sees it (the browser's, or a test's). */
export type FirstViewEnv = {
  early: EarlyWorker | undefined
  root: { innerHTML: string } | null
  pathname: string
  search: string
  isDark(): boolean
  /** Adds a listener to the document (capture phase). */
  listen(type: 'pointerdown' | 'keydown' | 'focusin' | 'click', l: (e: Event) => void): void
  setTimeout(f: () => void, ms: number): void
}

type State = { config: AppConfig; snapshot: LightClientSnapshot; clicked: { click(): void; isConnected: boolean } | null }
let rendered: State | undefined
let active = false
let stopRendering = () => {}

/**
 * Starts the first view and calls `loadApp` once: at once where it shows nothing (another path, no worker started by
 * the head script, or that worker failed or started no light client), else when the first verified value is shown,
 * when the light client fails, on the user's first pointer press, key press or focus in the page, or after
 * {@link FIRST_VIEW_MAX_MS}. Until {@link takeFirstView}, it renders the snapshots the worker posts, as the app does
 * (syncing ones at most every 250 ms, SYNCING_RENDER_INTERVAL_MS: each is a style and layout of the whole page, on
 * the core the worker shares), unless the user has started to interact (the markup then stays as they see it).
 */
export function startFirstView(loadApp: () => void, env: FirstViewEnv = browserEnv()): void {
  let loaded = false
  const load = () => {
    if (loaded) return
    loaded = true
    loadApp()
  }
  const { early, root } = env
  if (!early || early.failed || !root || env.pathname !== '/') {
    load()
    return
  }
  active = true
  let interacted = false
  const params = new URLSearchParams(env.search)
  const render = ({ config, snapshot }: Extract<FirstViewMessage, { config: AppConfig }>) => {
    if (!active || interacted) return
    const html = firstViewHtml({ config, pathname: env.pathname, params, snapshot, dark: env.isDark() })
    if (html === null) return load()
    root.innerHTML = html
    rendered = { config, snapshot, clicked: rendered?.clicked ?? null }
    if (showsVerifiedHead(snapshot)) {
      markOnce('first-verified')
      load()
    }
  }
  const throttle = createSnapshotThrottle(render, (m) => m.snapshot.status.code === 'syncing')
  stopRendering = () => throttle.reset()
  const onMessage = (data: unknown) => {
    if (!active || !isFirstViewMessage(data)) return
    if ('none' in data) load()
    else throttle.push(data)
  }
  for (const m of early.messages) onMessage(m)
  early.worker.addEventListener('message', (e) => onMessage((e as MessageEvent).data))
  early.worker.addEventListener('error', load)
  const interact = () => {
    interacted = true
    load()
  }
  env.listen('pointerdown', interact)
  env.listen('keydown', interact)
  env.listen('focusin', interact)
  // A button pressed before the app has loaded is pressed again once it has (links navigate by themselves).
  env.listen('click', (e) => {
    const button = active ? (e.target as Element | null)?.closest?.('#root button') : null
    if (button && rendered) rendered.clicked = button as HTMLButtonElement
  })
  env.setTimeout(load, FIRST_VIEW_MAX_MS)
}

/**
 * For the app's first module: ends the first view (no more renders) and returns what its markup shows, for the app to
 * seed its state and hydrate it; undefined when the first view rendered nothing (the app then renders from scratch).
 */
export function takeFirstView(): FirstViewHandover | undefined {
  active = false
  stopRendering()
  const r = rendered
  rendered = undefined
  if (!r) return undefined
  return {
    config: r.config,
    snapshot: r.snapshot,
    replayClick: () => {
      if (r.clicked?.isConnected) r.clicked.click()
    },
  }
}

function browserEnv(): FirstViewEnv {
  return {
    early: (globalThis as { __lightbusEarlyWorker?: EarlyWorker }).__lightbusEarlyWorker,
    root: document.getElementById('root'),
    pathname: location.pathname,
    search: location.search,
    isDark: () => document.documentElement.classList.contains('dark'),
    listen: (type, l) => document.addEventListener(type, l, { capture: true, passive: true }),
    setTimeout: (f, ms) => void setTimeout(f, ms),
  }
}

// The first view: the Consensus page (`/`) shown before React has loaded, from the light-client worker's own
// snapshots (the worker starts itself from index.html's head script, scripts/vite/lightClientPreboot.ts). React, the
// router and the query client cost the worker ~150–190 ms of its sync on a 2-core machine when they load while it
// syncs (docs/performance.md); here the page's main thread only sets the HTML of a few snapshots. The app is loaded
// once the first verified value is shown (or sooner: see `startFirstView`) and hydrates this markup, which is exactly
// what React renders first (firstViewHtml.test.ts). Nothing is shown that the worker did not verify: the same snapshot,
// the same conditions for a verified badge (`showsVerifiedHead`), as the React page.
import { createSnapshotThrottle } from '../app/snapshotThrottle.ts'
import { type LightClientSnapshot, showsVerifiedHead } from '../bus/lightClientStatus.ts'
import type { AppConfig } from '../net/networkConfig.ts'
import type { EarlyWorker } from '../workers/earlyWorker.ts'
import { markOnce } from '../workers/perfMarks.ts'
import { firstViewHtml } from './firstViewHtml.ts'
import { esc } from './html.ts'
import { type FirstViewMessage, isFirstViewMessage } from './message.ts'

/** The app is loaded this long after `startFirstView` even when no value has been shown (ms). */
export const FIRST_VIEW_MAX_MS = 2_000

/** What the first view rendered last: the markup in the root is this config and snapshot's. */
export type FirstViewHandover = {
  config: AppConfig
  snapshot: LightClientSnapshot
  /** Presses a button the user pressed before the app loaded, if it is still in the page (call after hydrating). */
  replayClick(): void
}

/** The page as the first view sees it (the browser's, or a test's). */
export type FirstViewEnv = {
  /** The worker the head script created, with the messages it buffered (`window.__lightbusEarlyWorker`). */
  early: EarlyWorker | undefined
  root: { innerHTML: string } | null
  pathname: string
  search: string
  isDark(): boolean
  /** Adds a listener to the document (capture phase). */
  listen(type: 'pointerdown' | 'keydown' | 'focusin' | 'click' | 'change', l: (e: Event) => void): void
  setTimeout(f: () => void, ms: number): void
  /** Goes to another URL of the app (a network picked before the app loaded). */
  navigate(url: string): void
}

type Rendered = { config: AppConfig; snapshot: LightClientSnapshot; html: string }
type Clickable = { click(): void; isConnected: boolean }

// One first view per page: `startFirstView` runs once (src/entry.ts), `takeFirstView` once (src/app/handover.ts).
/** What the root shows, while it shows the first view's markup. */
let rendered: Rendered | undefined
/** The last button pressed on the first view's markup. */
let clicked: Clickable | null = null
/** False once the app has taken over (or in a page without a first view). */
let active = false
let stopRendering = () => {}

/**
 * Starts the first view and calls `loadApp` once: at once where it shows nothing (another path, no worker from the head
 * script, or that worker failed); else when the first verified value is shown, when the worker started no light client
 * or it failed or follows another network (the markup shown so far is then removed: nothing stale stays), on the
 * user's first pointer press, key press, focus or click in the page, or after {@link FIRST_VIEW_MAX_MS}. It renders
 * the worker's snapshots as the app does (syncing ones at most every 250 ms, SYNCING_RENDER_INTERVAL_MS: each is a
 * style and layout of the whole page on the core the worker shares) until the first value is shown or the user
 * interacts; the markup then stays as it is until the app hydrates it.
 * @param env - The page (default: the browser's document, location and `window.__lightbusEarlyWorker`).
 */
export function startFirstView(loadApp: () => void, env: FirstViewEnv = browserEnv()): void {
  let loading = false
  const load = () => {
    if (loading) return
    loading = true
    loadApp()
  }
  // Set once the first value is shown or the user interacts: the markup then stays as it is until the app hydrates it.
  let frozen = false
  const { early, root } = env
  if (!early || early.failed || !root || env.pathname !== '/') {
    load()
    return
  }
  active = true
  const params = new URLSearchParams(env.search)
  // Removes what it showed and leaves the page to the app for good (no render after this one).
  const giveUp = () => {
    if (!active) return
    frozen = true
    stopRendering()
    if (rendered) root.innerHTML = ''
    rendered = undefined
    load()
  }
  const render = ({ config, snapshot }: Extract<FirstViewMessage, { config: AppConfig }>) => {
    if (!active) return
    const html = firstViewHtml({ config, pathname: env.pathname, params, snapshot, dark: env.isDark() })
    if (html === null) return giveUp()
    if (frozen) return
    if (html !== rendered?.html) root.innerHTML = html
    rendered = { config, snapshot, html }
    if (showsVerifiedHead(snapshot)) {
      markOnce('first-verified')
      frozen = true
      load()
    }
  }
  const throttle = createSnapshotThrottle(render, (m) => m.snapshot.status.code === 'syncing')
  stopRendering = () => {
    active = false
    throttle.reset()
  }
  const onMessage = (data: unknown) => {
    if (!active || !isFirstViewMessage(data)) return
    if ('none' in data) giveUp()
    else throttle.push(data)
  }
  for (const m of early.messages) onMessage(m)
  early.worker.addEventListener('message', (e) => onMessage((e as MessageEvent).data))
  early.worker.addEventListener('error', giveUp)
  const interact = () => {
    frozen = true
    load()
  }
  for (const type of ['pointerdown', 'keydown', 'focusin'] as const) env.listen(type, interact)
  // A button pressed before the app has loaded is pressed again once it has (links navigate by themselves); a network
  // picked goes to its page, as the app's picker does.
  env.listen('click', (e) => {
    interact()
    const button = active ? (e.target as Element | null)?.closest?.('#root button') : null
    if (button) clicked = button as unknown as Clickable
  })
  env.listen('change', (e) => {
    const select = active ? (e.target as Element | null)?.closest?.('#root select') : null
    if (select) env.navigate(`/?network=${encodeURIComponent((select as HTMLSelectElement).value)}`)
  })
  env.setTimeout(load, FIRST_VIEW_MAX_MS)
}

/**
 * For the app's first module: ends the first view (no more renders) and returns what its markup shows, for the app to
 * seed its state and hydrate it; undefined when the root holds none of its markup (the app then renders afresh).
 */
export function takeFirstView(): FirstViewHandover | undefined {
  stopRendering()
  const r = rendered
  const c = clicked
  rendered = undefined
  clicked = null
  if (!r) return undefined
  return {
    config: r.config,
    snapshot: r.snapshot,
    replayClick: () => {
      if (c?.isConnected) c.click()
    },
  }
}

/**
 * The app's chunks did not load (a network error, or a deploy replaced them): ends the first view (nothing renders over
 * this any more) and says so at the top of the page, which otherwise looks live while nothing in it answers.
 */
export function showAppLoadError(
  error: unknown,
  root: { insertAdjacentHTML(where: 'afterbegin', html: string): void } | null = document.getElementById('root'),
): void {
  takeFirstView()
  const reason = error instanceof Error ? error.message : String(error)
  root?.insertAdjacentHTML(
    'afterbegin',
    `<p role="alert" class="m-4 rounded-md bg-rose-50 p-3 text-rose-900 dark:bg-rose-950 dark:text-rose-200">The app did not load (${esc(reason)}). Reload the page to try again.</p>`,
  )
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
    navigate: (url) => location.assign(url),
  }
}

// Time to first verified value (docs/performance.md), headless Chromium: navigation start → the Consensus page shows
// the finalized execution block of the followed chain as verified (the app's `lb:first-verified` mark), on the
// recorded-mainnet default network against a replay server on an ephemeral port. Cold = a fresh browser context
// (no IndexedDB, no HTTP cache); warm = a reload in the same context (store restored from IndexedDB).
// The same for stock @lodestar/light-client booted in a worker from the same checkpoint (bench/browser/stock.html).
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser, Page } from 'playwright-core'
import { median } from './workload.ts'

export type TtfvRun = {
  /** ms from navigation start to `lb:first-verified`. */
  ttfvMs: number
  /** Every `lb:` mark (page and forwarded worker marks), ms from navigation start. */
  marks: Record<string, number>
  /** Resource timing of the page's own requests (worker requests appear as worker marks). */
  resources: { name: string; startMs: number; endMs: number; transferBytes: number; bodyBytes: number }[]
}

const FIRST_VERIFIED = 'lb:first-verified'

/** Waits for the first-verified mark and reads the page's timeline. */
async function readTimeline(page: Page, timeoutMs: number): Promise<TtfvRun> {
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, FIRST_VERIFIED, { timeout: timeoutMs })
  // The worker's last marks travel on another channel than its snapshot: give them a moment (breakdown only).
  await page.waitForFunction(() => performance.getEntriesByName('lb:synced').length > 0, null, { timeout: 2_000 }).catch(() => {})
  return page.evaluate((name) => {
    const marks: Record<string, number> = {}
    for (const e of performance.getEntriesByType('mark')) if (e.name.startsWith('lb:') && !(e.name in marks)) marks[e.name] = e.startTime
    const resources = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({
      name: new URL(r.name).pathname,
      startMs: r.startTime,
      endMs: r.responseEnd,
      transferBytes: r.transferSize,
      bodyBytes: r.encodedBodySize,
    }))
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined
    if (nav) {
      marks['nav:response-end'] = nav.responseEnd
      marks['nav:dom-content-loaded'] = nav.domContentLoadedEventEnd
    }
    return { ttfvMs: marks[name] as number, marks, resources }
  }, FIRST_VERIFIED)
}

/**
 * Resolves once the page's main thread has been idle for three whole idle periods in a row
 * (`requestIdleCallback` reporting at least 45 of the 50 ms an idle period may last), or after 5 s.
 */
async function waitForIdle(page: Page): Promise<void> {
  // A string, not a function: tsx's esbuild wraps named inner functions in a `__name` helper the page lacks.
  await page.evaluate(`new Promise((resolve) => {
    const end = performance.now() + 5000
    let quiet = 0
    const tick = (d) => {
      quiet = d.timeRemaining() >= 45 ? quiet + 1 : 0
      if (quiet >= 3 || performance.now() > end) resolve()
      else requestIdleCallback(tick)
    }
    requestIdleCallback(tick)
  })`)
}

export type TtfvSeries = { cold: TtfvRun[]; warm: TtfvRun[] }

/**
 * `runs` × (fresh context → load `url` → first verified [cold] → reload → first verified [warm]).
 * @param trace - When set, the first cold run is traced (CDP Tracing) to this file.
 */
export async function measureTtfv(browser: Browser, url: string, runs: number, { trace, timeoutMs = 60_000 }: { trace?: string; timeoutMs?: number } = {}) {
  const out: TtfvSeries = { cold: [], warm: [] }
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      if (trace && i === 0) {
        await browser.startTracing(page, {
          path: trace,
          categories: [
            'devtools.timeline',
            'v8',
            'v8.execute',
            'disabled-by-default-devtools.timeline',
            'disabled-by-default-v8.compile',
            'blink.user_timing',
            ...(process.env.TTFV_CPU_PROFILE ? ['disabled-by-default-v8.cpu_profiler'] : []),
          ],
        })
      }
      await page.goto(url)
      out.cold.push(await readTimeline(page, timeoutMs))
      if (trace && i === 0) await browser.stopTracing()
      // Warm = a reload once the store is saved (it is saved after the value is shown; stock saves nothing) and the
      // page is idle: a reload is a new navigation only once the old page's main thread lets go of it, so one sent
      // while the app still loads its after-first-value chunks (the wallet) started ~40-75 ms late on this machine.
      await page.waitForFunction(() => performance.getEntriesByName('lb:persisted').length > 0, null, { timeout: 5_000 }).catch(() => {})
      await waitForIdle(page)
      await page.reload()
      out.warm.push(await readTimeline(page, timeoutMs))
    } finally {
      await context.close()
    }
  }
  return out
}

/** Median of each mark over runs (marks missing from a run are skipped). */
export function medianMarks(runs: TtfvRun[]): Record<string, number> {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.marks)))]
  const out: Record<string, number> = {}
  for (const n of names) out[n] = median(runs.map((r) => r.marks[n]).filter((x): x is number => typeof x === 'number'))
  return Object.fromEntries(Object.entries(out).sort((a, b) => a[1] - b[1]))
}

type TraceEvent = { name: string; cat: string; ph: string; dur?: number; tid: number; pid: number; args?: { name?: string } }

/**
 * Sums the durations (ms) of the main script/WASM events of a Chrome trace per thread: script evaluation,
 * compilation, WASM compilation and instantiation, function calls, layout/paint.
 */
export function summarizeTrace(path: string): Record<string, Record<string, number>> {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[]
  const events = Array.isArray(raw) ? raw : raw.traceEvents
  const threadName = new Map<string, string>()
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name) threadName.set(`${e.pid}:${e.tid}`, e.args.name)
  const wanted =
    /^(EvaluateScript|v8\.compile|v8\.compileModule|v8\.evaluateModule|CompileScript|FunctionCall|v8\.wasm\.\w+|wasm\.\w+|ParseHTML|Layout|Paint|UpdateLayoutTree|MajorGC|MinorGC|v8\.parseOnBackground)$/
  const out: Record<string, Record<string, number>> = {}
  for (const e of events) {
    if (e.ph !== 'X' || typeof e.dur !== 'number' || !wanted.test(e.name)) continue
    const t = threadName.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`
    if (!/CrRendererMain|DedicatedWorker|ThreadPool/.test(t)) continue
    const key = t.startsWith('ThreadPool') ? 'ThreadPool (background)' : t
    out[key] ??= {}
    const o = out[key] as Record<string, number>
    o[e.name] = (o[e.name] ?? 0) + e.dur / 1000
  }
  return out
}

/**
 * gzip bytes of what `index.html` loads before the first verified value: the HTML, its scripts, module preloads
 * and stylesheets, the light-client worker chunk and what it imports statically, per file.
 * (Dynamic imports that the first value needs, e.g. the BLS chunk, are listed by `workerBytes`.)
 */
export function initialJsBytes(dist: string): { files: { file: string; raw: number; gzip: number }[]; gzip: number } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8')
  const refs = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => (m[1] as string).slice(1))
  const files = ['index.html', ...new Set(refs)].map((f) => {
    const buf = readFileSync(join(dist, f))
    return { file: f, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length }
  })
  return { files, gzip: files.reduce((a, f) => a + f.gzip, 0) }
}

/**
 * Raw and gzip bytes of each `*.worker-*.js` in `dist/assets` with the chunks it loads at start: its static imports,
 * and the dynamic imports of the entry file itself (the light-client worker's body, loaded after its polyfill); not
 * the chunks its body imports lazily (execution verifiers). The BLS WebAssembly (herumi.wasm) separately.
 */
export function workerBytes(dist: string): { file: string; raw: number; gzip: number }[] {
  const dir = join(dist, 'assets')
  const files = readdirSync(dir)
  const size = (f: string) => {
    const buf = readFileSync(join(dir, f))
    return { raw: statSync(join(dir, f)).size, gzip: gzipSync(buf, { level: 9 }).length }
  }
  const graph = (entry: string) => {
    const seen = new Set<string>()
    const visit = (f: string, followDynamic: boolean) => {
      if (seen.has(f) || !files.includes(f)) return
      seen.add(f)
      const code = readFileSync(join(dir, f), 'utf8')
      for (const m of code.matchAll(/(?:from|import)\s*["'`]\.\/([^"'`]+\.js)["'`]/g)) visit(m[1] as string, false)
      if (followDynamic) for (const m of code.matchAll(/import\(["'`]\.\/([^"'`]+\.js)["'`]\)/g)) visit(m[1] as string, false)
    }
    visit(entry, true)
    return [...seen]
  }
  const name = (f: string) => f.replace(/-[\w-]{8}\.js$/, '.js')
  const workers = files.filter((f) => /\.worker-[\w-]+\.js$/.test(f))
  const rows = workers.map((w) => {
    const parts = graph(w).map(size)
    return { file: name(w), raw: parts.reduce((a, p) => a + p.raw, 0), gzip: parts.reduce((a, p) => a + p.gzip, 0) }
  })
  // BLS (herumi): the .wasm the light-client worker streams at start (scripts/vite/herumiWasm.ts; its JS glue is in
  // the worker's graph above). Before, the same bytes were base64 in a herumi-*.js chunk.
  for (const f of files.filter((x) => /^herumi-[\w-]+\.wasm$/.test(x))) rows.push({ file: 'herumi.wasm', ...size(f) })
  return rows.sort((a, b) => a.file.localeCompare(b.file))
}

/** Copies a built `dist` to `to` with its `config.json` pointed at the replay server `replayUrl`. */
export function distForReplay(dist: string, to: string, replayUrl: string): void {
  cpSync(dist, to, { recursive: true })
  const config = JSON.parse(readFileSync(join(dist, 'config.json'), 'utf8'))
  const net = config.networks.find((n: { id: string }) => n.id === config.defaultNetwork)
  net.beaconApiUrl = replayUrl
  net.executionRpcUrl = `${replayUrl}/rpc`
  net.resultsFeedUrl = `${replayUrl}/lightbus/results`
  writeFileSync(join(to, 'config.json'), JSON.stringify(config, null, 2))
}

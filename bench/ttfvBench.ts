// `npm run bench` rows for time to first verified value (bench/ttfv.ts): builds what it needs, serves the app's
// production build and the stock Lodestar page against one replay server, measures both in one Chromium.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, preview } from 'vite'
import { startReplayServer } from '../devnet/replay/server.ts'
import { distForReplay, initialJsBytes, measureTtfv, medianMarks, summarizeTrace, type TtfvSeries, workerBytes } from './ttfv.ts'
import { median } from './workload.ts'

const root = fileURLToPath(new URL('..', import.meta.url))

export type TtfvBenchResult = {
  ours: TtfvSeries
  stock: TtfvSeries | null
  initialJs: ReturnType<typeof initialJsBytes>
  workers: ReturnType<typeof workerBytes>
  trace: ReturnType<typeof summarizeTrace> | null
  load: number[]
}

const serverUrl = (s: { resolvedUrls: { local: string[] } | null }) => {
  const url = s.resolvedUrls?.local[0]
  if (!url) throw new Error('preview server has no URL')
  return url.replace(/\/$/, '')
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/**
 * @param o.build - Run `vite build` of the app first (default true; false = use the existing `dist`).
 * @param o.stock - Also measure stock Lodestar (bench/browser/stock.html).
 */
export async function benchTtfv(o: { chromium: string; runs: number; build?: boolean; stock?: boolean; trace?: boolean }): Promise<TtfvBenchResult> {
  const { loadavg } = await import('node:os')
  const load = [loadavg()[0] as number]
  if (o.build !== false) await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'error' })
  if (o.stock) await build({ configFile: join(root, 'bench/vite.stock.config.ts') })
  const replay = await startReplayServer({ port: 0, quiet: true })
  const tmp = mkdtempSync(join(tmpdir(), 'lightbus-ttfv-'))
  const servers: { httpServer: { close(cb: () => void): void }; resolvedUrls: { local: string[] } | null }[] = []
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({ executablePath: o.chromium, args: CHROMIUM_ARGS })
  try {
    distForReplay(join(root, 'dist'), join(tmp, 'app'), replay.url)
    const app = await preview({
      configFile: join(root, 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir: join(tmp, 'app') },
      preview: { host: '127.0.0.1', port: 0, strictPort: false },
    })
    servers.push(app)
    const appUrl = serverUrl(app)
    const tracePath = o.trace ? join(tmp, 'trace.json') : undefined
    // One run first, not counted: the browser's first page load pays its own start-up (network service, cache
    // back-end, renderer process), and when asked it is the traced run, which tracing slows. Stock gets the same.
    await measureTtfv(browser, `${appUrl}/`, 1, { trace: tracePath })
    const ours = await measureTtfv(browser, `${appUrl}/`, o.runs)
    let stock: TtfvSeries | null = null
    if (o.stock) {
      const sp = await preview({
        configFile: join(root, 'bench/vite.stock.config.ts'),
        preview: { host: '127.0.0.1', port: 0, strictPort: false },
      })
      servers.push(sp)
      const stockUrl = `${serverUrl(sp)}/stock.html?beacon=${encodeURIComponent(replay.url)}`
      await measureTtfv(browser, stockUrl, 1, { timeoutMs: 120_000 })
      stock = await measureTtfv(browser, stockUrl, o.runs, { timeoutMs: 120_000 })
    }
    load.push(loadavg()[0] as number)
    return {
      ours,
      stock,
      initialJs: initialJsBytes(join(root, 'dist')),
      workers: workerBytes(join(root, 'dist')),
      trace: tracePath ? summarizeTrace(tracePath) : null,
      load,
    }
  } finally {
    await browser.close()
    for (const s of servers) await new Promise<void>((ok) => s.httpServer.close(() => ok()))
    await replay.close()
    rmSync(tmp, { recursive: true, force: true })
  }
}

const fmt = (ms: number) => `${Number.isFinite(ms) ? ms.toFixed(0) : '–'} ms`.padStart(9)

/** Prints the breakdown of a series (median of each mark, cold and warm). */
export function printTtfvBreakdown(label: string, s: TtfvSeries): void {
  const cold = medianMarks(s.cold)
  const warm = medianMarks(s.warm)
  console.log(`\n${label}: median time of each mark from navigation start (cold | warm)`)
  for (const n of [...new Set([...Object.keys(cold), ...Object.keys(warm)])])
    console.log(`  ${n.padEnd(28)} ${fmt(cold[n] ?? Number.NaN)} ${fmt(warm[n] ?? Number.NaN)}`)
}

export const ttfvMedians = (s: TtfvSeries) => ({ cold: median(s.cold.map((r) => r.ttfvMs)), warm: median(s.warm.map((r) => r.ttfvMs)) })

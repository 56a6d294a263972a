// The "Node + tab" row of `npm run bench`, in its own process; prints one JSON line.
// Usage: node --import tsx bench/donateMain.ts PO2 SEGMENTS CHROMIUM_PATH
// A coordinator (ephemeral ports), the app built and previewed, one Chromium tab on /donate (Started) and one
// `lightbus prover` process, both connected before a Fibonacci job of SEGMENTS segments of 2^PO2 rows is
// submitted; segments per minute from submission to the assembled receipt, and who proved what.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { chromium } from '@playwright/test'
import { build, preview } from 'vite'
import type { CoordinatorEvent } from '../devnet/coordinator/coordinator.ts'
import { startCoordinatorService } from '../devnet/coordinator/service.ts'
import { EventLog, fibInputFor } from '../devnet/coordinator/testing.ts'

const po2 = Number(process.argv[2] ?? 12)
const segments = Number(process.argv[3] ?? 8)
const chromiumPath = process.argv[4] ?? '/usr/bin/chromium'
const root = new URL('..', import.meta.url).pathname
if (!existsSync(chromiumPath)) {
  process.stdout.write(`${JSON.stringify({ skipped: `Chromium not found at ${chromiumPath}` })}\n`)
  process.exit(0)
}

const log = new EventLog<CoordinatorEvent>()
const service = await startCoordinatorService({
  port: 0,
  httpPort: 0,
  quiet: true,
  announceMs: 500,
  stateDir: mkdtempSync(join(tmpdir(), 'lightbus-bench-donate-')),
  onEvent: log.push,
})
const outDir = mkdtempSync(join(tmpdir(), 'lightbus-bench-app-'))
await build({ root, logLevel: 'silent', build: { outDir, emptyOutDir: true, sourcemap: false } })
const server = await preview({ root, logLevel: 'silent', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } })
const appUrl = server.resolvedUrls?.local[0] as string
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
})
let prover: ChildProcess | undefined
try {
  const page = await browser.newPage()
  const config = JSON.parse(readFileSync(join(root, 'public/config.json'), 'utf8'))
  const devnet = config.networks.find((n: { id: string }) => n.id === 'devnet')
  devnet.proverNetwork = { coordinatorInfoUrl: service.infoUrl }
  devnet.resultsFeedUrl = service.resultsFeedUrl
  await page.route('**/config.json', (route) => route.fulfill({ json: config }))
  await page.goto(`${appUrl}donate?network=devnet`)
  await page.getByRole('button', { name: 'Start' }).click()
  await page.locator('[data-testid="donate-status"][data-state="running"]').waitFor({ timeout: 60_000 })
  await page.locator('[data-testid="donate-peers"]:not([data-count="0"])').waitFor({ timeout: 60_000 })
  const tabPeer = (await page.getByTestId('donate-peer-id').textContent()) as string

  prover = spawn(process.execPath, [join(root, 'cli/lightbus.mjs'), 'prover', '--coordinator', service.multiaddrs[0] as string], {
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  const lines = createInterface({ input: prover.stdout as NodeJS.ReadableStream })
  await new Promise<void>((resolve) => lines.on('line', (l) => (l.includes('"type":"peers"') || l.includes('"type":"idle"')) && resolve()))

  const t0 = performance.now()
  const jobId = service.coordinator.submit({ program: 'fibonacci', input: [fibInputFor(segments, po2)], po2 })
  await log.until((es) => es.some((e) => e.type === 'completed' && e.jobId === jobId))
  const ms = performance.now() - t0
  const accepted = log.events.filter((e): e is Extract<CoordinatorEvent, { type: 'accepted' }> => e.type === 'accepted' && e.jobId === jobId)
  const byTab = accepted.filter((e) => e.peer === tabPeer).length
  process.stdout.write(`${JSON.stringify({ po2, segments, ms, segmentsPerMin: (segments * 60_000) / ms, byTab, byNode: accepted.length - byTab })}\n`)
} finally {
  prover?.kill('SIGTERM')
  await browser.close()
  await new Promise((ok) => server.httpServer.close(ok))
  await service.stop()
}
process.exit(0)

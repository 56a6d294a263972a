// The KZG rows of `npm run bench`, in their own process; prints one JSON line.
// Usage: node --import tsx bench/kzgMain.ts ROUNDS RUNS CHROMIUM_PATH
// Node: cold load of each library in this process, then verify_blob_kzg_proof medians. Chromium: a tiny Vite page
// (bench/kzg/) previewed on an ephemeral port; each round loads each library in a fresh module worker (cold
// load: import + setup) and verifies the blob RUNS times. The blob is sidecar 0 of fixtures/storage (slot 1409759).
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'
import { build, preview } from 'vite'
import { hexToBytes } from '../src/verify/hex.ts'
import { benchKzgLib, KZG_LIBS, type KzgBenchRow, type KzgSample } from './kzgWorkload.ts'

const rounds = Number(process.argv[2] ?? 3)
const runs = Number(process.argv[3] ?? 10)
const chromiumPath = process.argv[4] ?? '/usr/bin/chromium'
const s = JSON.parse(readFileSync(new URL('../fixtures/storage/sidecars/slot1409759_sidecars_0-2.json', import.meta.url), 'utf8')).data[0]
const sample: KzgSample = { blob: hexToBytes(s.blob, 'blob'), commitment: hexToBytes(s.kzg_commitment, 'c'), proof: hexToBytes(s.kzg_proof, 'p') }

const node: KzgBenchRow[] = []
for (const lib of KZG_LIBS) node.push(await benchKzgLib(lib, sample, runs))

let browserRows: KzgBenchRow[] | { skipped: string }
if (!existsSync(chromiumPath)) browserRows = { skipped: `Chromium not found at ${chromiumPath}` }
else {
  const root = fileURLToPath(new URL('./kzg', import.meta.url))
  const config = {
    root,
    configFile: false as const,
    logLevel: 'silent' as const,
    worker: { format: 'es' as const },
    build: { target: 'es2022', outDir: fileURLToPath(new URL('../.bench/kzg-dist', import.meta.url)), emptyOutDir: true },
  }
  await build(config)
  const server = await preview({ ...config, preview: { host: '127.0.0.1', port: 0, strictPort: false } })
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  })
  try {
    const page = await browser.newPage()
    await page.goto(server.resolvedUrls?.local[0] as string)
    await page.waitForFunction(() => typeof globalThis.runKzgBench === 'function')
    const plain = { blob: Array.from(sample.blob), commitment: Array.from(sample.commitment), proof: Array.from(sample.proof) }
    await page.evaluate(
      ([p, r, n]) =>
        globalThis.runKzgBench({ blob: Uint8Array.from(p.blob), commitment: Uint8Array.from(p.commitment), proof: Uint8Array.from(p.proof) }, r, n),
      [plain, rounds, runs] as const,
    )
    const out = await page.evaluate(() => globalThis.__KZG_BENCH__)
    if (!out?.ok) throw new Error(out ? out.error : 'no result')
    browserRows = out.rows
  } finally {
    await browser.close()
    await new Promise((ok) => server.httpServer.close(ok))
  }
}
process.stdout.write(`${JSON.stringify({ rounds, runs, node, chromium: browserRows })}\n`)
process.exit(0)

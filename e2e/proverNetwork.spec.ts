import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { fibonacciReference } from '../src/prover/vm/programs/fibonacci.ts'
import { acquireCoordinator, releaseCoordinator } from './coordinatorLock.ts'

// The devnet coordinator of playwright.config.ts (node devnet/devnet.mjs: libp2p 18547, HTTP 18548).
const HTTP = 'http://127.0.0.1:18548'
const root = join(import.meta.dirname, '..')

// Provers and tabs of other specs (donate.spec.ts) would take this job's leases: hold the coordinator.
test.beforeAll(async () => {
  test.setTimeout(660_000)
  await acquireCoordinator()
})
test.afterAll(() => releaseCoordinator())

test('a job proven by a Node prover over libp2p is published by the coordinator and verified in the tab', async ({ page, request }) => {
  test.setTimeout(180_000)
  const info = await (await request.get(`${HTTP}/lightbus/prover-network`)).json()
  expect(info.topic).toBe('/lightbus/jobs/1.0.0')
  // fib(n) for n in [171, 340] runs 6n + 6 cycles: 2 segments of 2^10. A fresh n: the coordinator's state persists.
  const n = 171 + Math.floor(Math.random() * 170)
  const submitted = await request.post(`${HTTP}/lightbus/jobs`, { data: { program: 'fibonacci', input: [n], po2: 10 } })
  expect(submitted.ok()).toBe(true)
  const { jobId } = await submitted.json()
  const jobs = (await (await request.get(`${HTTP}/lightbus/jobs`)).json()).data as { jobId: string; accepted: number; segments: number }[]
  const job = jobs.find((j) => j.jobId === jobId)
  expect(job?.segments).toBe(2)
  if (job && job.accepted < job.segments) {
    // A Node prover (the CLI) proves both segments, then exits.
    const prover = spawn(process.execPath, [join(root, 'cli/lightbus.mjs'), 'prover', '--coordinator', info.multiaddrs[0], '--max-segments', '2'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    prover.stdout.on('data', (b) => {
      out += String(b)
    })
    const code = await new Promise<number | null>((resolve) => prover.once('exit', resolve))
    expect(code, out).toBe(0)
    expect(JSON.parse(out.trim().split('\n').at(-1) as string)).toMatchObject({ ok: true, accepted: 2 })
  }

  await page.goto('/results?network=devnet')
  const row = page.locator(`[data-testid="result-row"][data-result-id="${jobId}"]`)
  await expect(row).toBeVisible({ timeout: 30_000 })
  await expect(row).toHaveAttribute('data-status', 'verified', { timeout: 60_000 })
  await expect(row).toContainText('Lightbus STARK')
  await expect(row).toContainText('2 segments')
  await row.getByRole('link').first().click()
  await expect(page.getByTestId('receipt-segment')).toHaveCount(2)
  await expect(page.getByTestId('receipt-journal')).toHaveText(`fib(${n}) mod p = ${fibonacciReference(n)[0]}`)
})

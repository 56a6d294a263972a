import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, type Page, test } from '@playwright/test'

const shots = join(import.meta.dirname, '..', 'test-results', 'screenshots')

/** Proves fibonacci(100) (606 cycles, one 2^10 segment) with the checked backend and returns the downloaded receipt's bytes. */
async function proveAndDownload(page: Page, backend: 'wasm' | 'webgpu'): Promise<Buffer> {
  await page.getByTestId(`backend-${backend}`).getByRole('radio').check()
  await page.getByRole('button', { name: 'Start proving' }).click()
  const job = page.getByTestId('prove-job')
  await expect(job.getByRole('heading')).toContainText(backend === 'wasm' ? 'WASM backend' : 'WebGPU backend')
  await expect(job).toHaveAttribute('data-phase', 'done', { timeout: 300_000 })
  await expect(page.getByTestId('prove-verification')).toContainText('verified in the worker pool', { timeout: 120_000 })
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download receipt (JSON)' }).click()])
  return readFileSync(await download.path())
}

test('WebGPU (SwiftShader) proves the same receipt as WASM, byte for byte, and it verifies', async ({ page }) => {
  test.setTimeout(600_000)
  await page.goto('/prove')
  const probe = await page.evaluate(async () => {
    const gpu = (navigator as Navigator & { gpu?: GPU }).gpu
    if (!gpu) return { reason: 'no navigator.gpu' }
    const adapter = await gpu.requestAdapter()
    return adapter ? { ok: true } : { reason: 'requestAdapter() returned null' }
  })
  if ('reason' in probe) console.warn(`WebGPU e2e skipped: ${probe.reason}`)
  test.skip('reason' in probe, `no WebGPU adapter: ${'reason' in probe ? probe.reason : ''}`)

  const option = page.getByTestId('backend-webgpu')
  await expect(option).toContainText('software adapter')
  await expect(option.getByRole('radio')).toBeEnabled()
  await page.getByRole('combobox', { name: 'Program' }).selectOption('fibonacci')
  await page.getByLabel('Input', { exact: true }).fill('100')
  await page.getByRole('combobox', { name: 'Segment size' }).selectOption('10')

  const logs: string[] = []
  page.on('console', (m) => {
    if (m.text().startsWith('[prover] webgpu')) logs.push(m.text())
  })
  const wasm = await proveAndDownload(page, 'wasm')
  const webgpu = await proveAndDownload(page, 'webgpu')
  // The worker reports its adapter and that no kernel fell back to WASM (the GPU kernels really ran).
  await expect.poll(() => logs.length).toBe(1)
  const [, adapter] = /^\[prover\] webgpu on (.+): fallbacks \[\]$/.exec(logs[0] as string) ?? []
  expect(adapter, logs[0]).toBeTruthy()
  await expect(option).toContainText(`WebGPU (${adapter}, software adapter)`)
  await page.screenshot({ path: join(shots, 'prove-webgpu-done.png'), fullPage: true })
  expect(JSON.parse(webgpu.toString('utf8'))).toMatchObject({ segments: [{}] })
  expect(webgpu.equals(wasm)).toBe(true)
})

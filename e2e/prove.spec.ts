import { execFile } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, type Page, test } from '@playwright/test'
import { fibonacciReference } from '../src/prover/vm/programs/fibonacci.ts'

const root = join(import.meta.dirname, '..')
const dir = join(root, 'test-results', 'prove-e2e')
const shots = join(root, 'test-results', 'screenshots')

const setTheme = async (page: Page, dark: boolean) => {
  await page.evaluate((d) => document.documentElement.classList.toggle('dark', d), dark)
}

test('prove fibonacci(300) in the tab, 2 segments; the receipt is verified on the results page and survives reload', async ({ page }) => {
  test.setTimeout(240_000)
  await page.goto('/prove')
  await expect(page.getByRole('link', { name: 'Prove' })).toHaveAttribute('aria-current', 'page')
  await page.getByRole('combobox', { name: 'Program' }).selectOption('fibonacci')
  await page.getByLabel('Input', { exact: true }).fill('300')
  await page.getByRole('combobox', { name: 'Segment size' }).selectOption('10')
  await expect(page.getByLabel('WASM (default)')).toBeChecked()
  // A bad input is refused before any worker starts.
  await page.getByLabel('Input', { exact: true }).fill('3x')
  await page.getByRole('button', { name: 'Start proving' }).click()
  await expect(page.getByTestId('prove-input-error')).toContainText('not a decimal integer')
  await expect(page.getByTestId('prove-job')).toHaveCount(0)
  await page.getByLabel('Input', { exact: true }).fill('300')
  await page.getByRole('button', { name: 'Start proving' }).click()

  // fib(300) runs 6·300 + 6 = 1806 cycles: 2 segments of 2^10, shown once execution finished.
  const segments = page.getByTestId('prove-segment')
  await expect(segments).toHaveCount(2, { timeout: 30_000 })
  await expect(page.getByRole('progressbar', { name: 'Segments proven' })).toBeVisible()
  await expect(segments.nth(0)).toHaveAttribute('data-state', /proving|proven/)
  await page.screenshot({ path: join(shots, 'prove-running.png'), fullPage: true })
  await expect(page.getByTestId('prove-job')).toHaveAttribute('data-phase', 'done', { timeout: 180_000 })
  await expect(segments.nth(0)).toHaveAttribute('data-state', 'proven')
  await expect(segments.nth(1)).toHaveAttribute('data-state', 'proven')
  await expect(page.getByTestId('prove-status')).toContainText('Proven: 2 segments')
  const journal = `fib(300) mod p = ${fibonacciReference(300)[0]}`
  await expect(page.getByTestId('prove-journal')).toHaveText(journal)
  await expect(page.getByTestId('prove-verification')).toContainText('verified in the worker pool', { timeout: 60_000 })
  await expect(page.getByRole('link', { name: 'Download receipt (JSON)' })).toBeVisible()
  await page.screenshot({ path: join(shots, 'prove-done-light.png'), fullPage: true })
  await setTheme(page, true)
  await page.screenshot({ path: join(shots, 'prove-done-dark.png'), fullPage: true })
  await setTheme(page, false)

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Verified results' }).click()
  const row = page.locator('[data-result-id^="zkvm-"]')
  await expect(row).toHaveCount(1)
  await expect(row).toHaveAttribute('data-status', 'verified', { timeout: 60_000 })
  await expect(row.getByTestId('result-kind')).toHaveText('zkVM')
  await expect(row).toContainText('Lightbus STARK')
  await expect(row.getByTestId('result-output')).toContainText(journal)

  // Stored in IndexedDB: after a reload it is listed again and verified again in the pool.
  await page.reload()
  await expect(row).toHaveAttribute('data-status', 'verified', { timeout: 60_000 })
  await expect(row.getByTestId('result-output')).toContainText(`${journal} · 2 segments`)
  await page.getByRole('combobox', { name: 'Kind' }).selectOption('zkvm')
  await expect(row).toBeVisible()
  await page.screenshot({ path: join(shots, 'results-zkvm-light.png'), fullPage: true })
  await setTheme(page, true)
  await page.screenshot({ path: join(shots, 'results-zkvm-dark.png'), fullPage: true })
  await setTheme(page, false)

  await row.getByRole('link', { name: 'fibonacci' }).click()
  await expect(page.getByTestId('receipt-journal')).toHaveText(journal)
  await expect(page.getByTestId('receipt-segment')).toHaveCount(2)
  await expect(page.getByTestId('receipt-segment').nth(0)).toContainText('1,024')
  await expect(page.getByTestId('receipt-segment').nth(1)).toContainText('782')
  await page.getByTestId('provenance-badge').first().click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('Segment 0: STARK proof verified')
  await expect(dialog).toContainText('Segment 1: STARK proof verified')
  await expect(dialog).toContainText('120 conjectured bits')
  await page.keyboard.press('Escape')
  await page.screenshot({ path: join(shots, 'receipt-detail-light.png'), fullPage: true })
  await setTheme(page, true)
  await page.screenshot({ path: join(shots, 'receipt-detail-dark.png'), fullPage: true })
})

test.describe('receipt files from the CLI', () => {
  const receiptPath = join(dir, 'fib200.json')
  const tamperedPath = join(dir, 'fib200-flipped.json')
  test.beforeAll(async () => {
    test.setTimeout(180_000)
    mkdirSync(dir, { recursive: true })
    const cli = join(root, 'cli', 'lightbus.mjs')
    const args = ['prove', '--program', 'fibonacci', '--input', '200', '--segment-po2', '10', '--backend', 'ts', '--out', receiptPath]
    const { stdout } = await promisify(execFile)(process.execPath, [cli, ...args], { cwd: root })
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, segments: 2 })
    const r = JSON.parse(readFileSync(receiptPath, 'utf8'))
    // Flip one byte of segment 1's proof (inside its main-trace Merkle root).
    const hex: string = r.segments[1].proof
    const i = 2 + 2 * 20
    r.segments[1].proof = hex.slice(0, i) + (Number.parseInt(hex.slice(i, i + 2), 16) ^ 1).toString(16).padStart(2, '0') + hex.slice(i + 2)
    writeFileSync(tamperedPath, JSON.stringify(r))
  })

  test('a CLI receipt verifies via the file control; a flipped proof byte is rejected with its typed error', async ({ page }) => {
    test.setTimeout(120_000)
    await page.goto('/results')
    const file = page.getByLabel('Verify a receipt file')
    await file.setInputFiles(tamperedPath)
    const error = page.getByTestId('receipt-upload-error')
    await expect(error).toHaveAttribute('data-code', 'InvalidStarkProof', { timeout: 60_000 })
    await expect(error).toContainText('Nothing was added')
    await expect(page.locator('[data-result-id^="zkvm-"]')).toHaveCount(0)
    await page.screenshot({ path: join(shots, 'results-receipt-rejected.png'), fullPage: true })

    await file.setInputFiles(receiptPath)
    const status = page.getByTestId('receipt-upload-status')
    await expect(status).toHaveAttribute('data-status', 'verified', { timeout: 60_000 })
    await expect(status).toContainText('verified, 2 segments')
    await expect(error).toHaveCount(0)
    const row = page.locator('[data-result-id^="zkvm-"]')
    await expect(row).toHaveCount(1)
    await expect(row).toHaveAttribute('data-status', 'verified')
    await expect(row.getByTestId('result-output')).toContainText(`fib(200) mod p = ${fibonacciReference(200)[0]} · 2 segments`)
    await row.getByRole('link', { name: 'fibonacci' }).click()
    await expect(page.getByTestId('receipt-segments')).toHaveText('2 × 2^10 cycles')
    await expect(page.locator('dd', { hasText: 'file fib200.json' })).toBeVisible()
  })
})

test.describe('a 2^18-cycle run from the CLI', () => {
  const bigPath = join(dir, 'fib43690-k15.json')
  test.beforeAll(async () => {
    test.setTimeout(300_000)
    mkdirSync(dir, { recursive: true })
    const cli = join(root, 'cli', 'lightbus.mjs')
    // fib(43690): 6·43690 + 6 = 262146 cycles ≥ 2^18, as 9 segments of 2^15 (WASM backend, the default).
    const args = ['prove', '--program', 'fibonacci', '--input', '43690', '--segment-po2', '15', '--out', bigPath]
    const { stdout } = await promisify(execFile)(process.execPath, [cli, ...args], { cwd: root, maxBuffer: 1 << 24 })
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, segments: 9, cycles: 262146 })
  })

  test('verifies in Chromium on the Verified results page, 9 segments, journal decoded', async ({ page }) => {
    test.setTimeout(180_000)
    await page.goto('/results')
    await page.getByLabel('Verify a receipt file').setInputFiles(bigPath)
    const status = page.getByTestId('receipt-upload-status')
    await expect(status).toHaveAttribute('data-status', 'verified', { timeout: 150_000 })
    await expect(status).toContainText('verified, 9 segments')
    const row = page.locator('[data-result-id^="zkvm-"]')
    await expect(row).toHaveAttribute('data-status', 'verified')
    await expect(row.getByTestId('result-output')).toContainText(`fib(43690) mod p = ${fibonacciReference(43690)[0]} · 9 segments`)
    await row.getByRole('link', { name: 'fibonacci' }).click()
    await expect(page.getByTestId('receipt-segments')).toHaveText('9 × 2^15 cycles')
    await expect(page.getByTestId('receipt-segment')).toHaveCount(9)
    await expect(page.getByTestId('receipt-segment').nth(8)).toContainText('(halt)')
    await page.screenshot({ path: join(shots, 'receipt-2^18-detail.png'), fullPage: true })
  })
})

import { expect, test } from '@playwright/test'
import { PORTS } from '../playwright.config.ts'
import { routeToReplayServer } from './helpers.ts'

const settled = /0 pending/

test('the results page lists the real proofs as verified, with decoded journals and public values', async ({ page }) => {
  await page.goto('/results')
  const counts = page.getByTestId('results-counts')
  await expect(counts).toContainText(settled, { timeout: 60_000 })
  // 3 of the 4 Telepathy steps rely on a committee commitment that only their own file gives: proof only.
  await expect(counts).toHaveText('14 results: 9 verified, 3 proof only, 0 failed, 2 unsupported, 0 pending')
  const risc0 = page.locator('[data-result-id="risc0-TestReceiptV3_0"]')
  await expect(risc0).toHaveAttribute('data-status', 'verified')
  await expect(risc0).toContainText('“just a simple receipt”')
  await expect(page.locator('[data-result-id="sp1-plonk_v6.0.0"]')).toHaveAttribute('data-status', 'unsupported')

  // Detail view with the provenance chain, decoded journal and attested facts; a sharable URL.
  await risc0.getByRole('link', { name: 'risc0' }).click()
  await expect(page).toHaveURL(/\/results\/risc0-TestReceiptV3_0/)
  await expect(page.getByTestId('result-utf8')).toContainText('just a simple receipt')
  await expect(page.getByTestId('result-facts')).toContainText('0x196cb48d86169e90c105e595a02aef4cbc6e2c9e5a9caa1a74c2ebbd29211480')
  await page.getByTestId('provenance-badge').first().click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('Groth16 pairing check (mcl-wasm)')
  await expect(dialog).toContainText('5 public input(s) derived from the application data')
  await page.keyboard.press('Escape')

  // zkPoS detail: what a Telepathy step attests, and the cross-check with the light client.
  await page.goto('/results/telepathy-step-slot6000991')
  await expect(page.getByTestId('result-facts')).toContainText('6000896')
  await expect(page.getByTestId('result-facts')).toContainText('509')
  await expect(page.getByTestId('cross-check')).toHaveAttribute('data-status', 'no-overlap')
})

test('zkPoS rows say what they prove: chained Telepathy steps, SP1-Helios of a known program', async ({ page }) => {
  await page.goto('/results')
  await expect(page.getByTestId('results-counts')).toContainText(settled, { timeout: 60_000 })
  // Period 615's committee is stored by the verified rotate of the period-614 proofs: that step is zkPoS.
  const chained = page.locator('[data-result-id="telepathy-step-periodBoundaryEarlySlot"]')
  await expect(chained).toHaveAttribute('data-status', 'verified')
  for (const id of ['telepathy-step-periodBoundaryLateSlot', 'telepathy-step-slot6000991', 'telepathy-step-slot6001055']) {
    const row = page.locator(`[data-result-id="${id}"]`)
    await expect(row).toHaveAttribute('data-status', 'proof-only')
    await expect(row.getByTestId('provenance-badge')).toHaveText(/proof valid, committee not chained/)
    await expect(row.getByTestId('provenance-badge')).not.toHaveAttribute('data-status', 'verified')
  }
  const helios = page.locator('[data-result-id="sp1-helios-sepolia_v2.0.0_contracts_proof_bin"]')
  await expect(helios).toHaveAttribute('data-status', 'verified')
  await expect(helios.getByTestId('result-kind')).toHaveText('zkPoS')
  await page.goto('/results/telepathy-step-slot6000991')
  await expect(page.getByTestId('result-proof-only')).toContainText('no verified rotate proof stores period 732')
  await page.screenshot({ path: 'test-results/screenshots/result-proof-only.png', fullPage: true })
  await page.goto('/results')
  await expect(page.getByTestId('results-counts')).toContainText(/ 0 pending$/, { timeout: 60_000 })
  await page.screenshot({ path: 'test-results/screenshots/results.png', fullPage: true })
})

test('filters and search live in the URL', async ({ page }) => {
  await page.goto('/results?kind=zkvm&status=verified')
  await expect(page.getByTestId('results-counts')).toContainText(settled, { timeout: 60_000 })
  const rows = page.getByTestId('result-row')
  await expect(rows).toHaveCount(3)
  for (const r of await rows.all()) await expect(r).toHaveAttribute('data-status', 'verified')
  await page.getByPlaceholder('Search id, image id, program vkey').fill('0x11d264')
  await expect(rows).toHaveCount(1)
  await expect(page).toHaveURL(/q=0x11d264/)
})

test('a tampered result is shown as failed, never verified', async ({ page }) => {
  await routeToReplayServer(page, PORTS.badResult)
  await page.goto('/results')
  await expect(page.getByTestId('results-counts')).toHaveText('14 results: 8 verified, 3 proof only, 1 failed, 2 unsupported, 0 pending', { timeout: 60_000 })
  const row = page.locator('[data-result-id="risc0-TestReceiptV3_0"]')
  await expect(row).toHaveAttribute('data-status', 'failed')
  await expect(row).not.toContainText('just a simple receipt')
  await page.goto('/results/risc0-TestReceiptV3_0')
  await expect(page.getByTestId('result-error')).toContainText('InvalidGroth16ProofError')
  await expect(page.getByTestId('result-facts')).toHaveCount(0)
})

test('a feed of 10,000 rows stays virtualised', async ({ page }) => {
  await page.goto('/results?repeat=10000')
  await expect(page.getByTestId('results-counts')).toContainText(/^10000 results: .* 0 pending$/, { timeout: 60_000 })
  const inDom = await page.getByTestId('result-row').count()
  expect(inDom).toBeGreaterThan(5)
  expect(inDom).toBeLessThan(80)
  await page.getByTestId('results-scroll').evaluate((el) => {
    el.scrollTop = el.scrollHeight
  })
  await expect(page.locator('[data-result-id$="~9999"]')).toBeVisible()
})

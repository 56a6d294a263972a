import { expect, test } from '@playwright/test'
import { PORTS } from '../playwright.config.ts'
import { fixture, lcStatus, routeToReplayServer } from './helpers.ts'

const STATE_ROOT = '0x226f5ff47ab3725b5a4a3afc74b1e79e4aa3a29704561eccce590e58900baec3'

test('syncs the mainnet recording in the worker, shows the verified block, and resumes from the stored period', async ({ page }) => {
  const updateRequests: string[] = []
  page.on('request', (r) => {
    if (r.url().includes('/light_client/updates')) updateRequests.push(r.url())
  })
  await page.goto('/')
  await expect(page.getByTestId('replay-banner')).toContainText('Replaying mainnet of 2023-08 as if live')
  await expect(lcStatus(page)).toHaveAttribute('data-status', 'synced', { timeout: 60_000 })
  const finalized = page.getByTestId('finalized')
  await expect(finalized.getByTestId('finalized-slot')).toHaveText('7109344')
  await expect(finalized.getByTestId('finalized-block-number')).toHaveText('17923026')
  await expect(finalized.getByTestId('finalized-state-root').locator('[data-value]')).toHaveAttribute('data-value', STATE_ROOT)
  await expect(finalized.getByTestId('provenance-badge')).toHaveAttribute('data-status', 'verified')
  // The time-to-first-verified marker (docs/performance.md) and the mark the bench reads.
  await expect(finalized.getByTestId('finalized-block-number')).toHaveAttribute('data-verified', 'true')
  expect(await page.evaluate(() => performance.getEntriesByName('lb:first-verified').length)).toBe(1)
  // One request for all period updates, from the bootstrap's period (issued while the bootstrap is checked).
  expect(updateRequests.map((u) => new URL(u).search)).toEqual(['?start_period=862&count=6'])

  // The provenance chain: checkpoint → 6 period updates → finality, with timings.
  await finalized.getByTestId('provenance-badge').click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('Trusted checkpoint')
  for (const period of [862, 863, 864, 865, 866, 867]) await expect(dialog).toContainText(`Period ${period} update`)
  await expect(dialog).toContainText('Finality update, finalized slot 7109344')
  await expect(dialog).toContainText('Execution payload header, block 17923026')
  await page.keyboard.press('Escape')

  // Verified block explorer page: every transaction proven against transactions_root.
  await page.getByRole('link', { name: 'Finalized block' }).click()
  const txCount = fixture('mainnet-lc/blocks/7109344.json').data.message.body.execution_payload.transactions.length
  await expect(page.getByTestId('tx-count')).toHaveText(`(${txCount})`)
  const rows = page.getByTestId('tx-row')
  await expect(rows.first()).toBeVisible()
  const shown = await rows.count()
  expect(shown).toBeGreaterThan(5)
  expect(shown).toBeLessThan(txCount) // virtualised
  for (let i = 0; i < shown; i++) await expect(rows.nth(i).getByTestId('provenance-badge')).toHaveAttribute('data-status', 'verified')
  // Each row names its EIP-2718 type by the EIP that defined it (the raw transaction's first byte; ≥ 0xc0: legacy).
  const raws = fixture('mainnet-lc/blocks/7109344.json').data.message.body.execution_payload.transactions as string[]
  const names = ['legacy', 'EIP-2930', 'EIP-1559', 'EIP-4844', 'EIP-7702']
  for (let i = 0; i < shown; i++) {
    const index = Number(await rows.nth(i).getAttribute('data-tx-index'))
    const first = Number.parseInt((raws[index] as string).slice(2, 4), 16)
    await expect(rows.nth(i).getByTestId('tx-type')).toHaveText(first >= 0xc0 ? 'legacy' : (names[first] as string))
  }

  // Reload: resumes from the stored, authenticated period instead of the checkpoint (saved just after the value
  // was shown: the worker's `lb:persisted` mark).
  await page.waitForFunction(() => performance.getEntriesByName('lb:persisted').length > 0)
  updateRequests.length = 0
  await page.goto('/')
  await expect(lcStatus(page)).toHaveAttribute('data-status', 'synced', { timeout: 60_000 })
  await expect(page.getByTestId('restored-note')).toContainText('period 867')
  await expect(page.getByTestId('finalized-slot')).toHaveText('7109344')
  await expect(page.getByTestId('finalized-block-number')).toHaveAttribute('data-verified', 'true')
  expect(updateRequests).toEqual([])
})

test('the early boot (before React) takes the checkpoint from ?checkpoint=, never the configured one instead', async ({ page }) => {
  const bootstraps: string[] = []
  page.on('request', (r) => {
    if (r.url().includes('/light_client/bootstrap/')) bootstraps.push(r.url().split('/').at(-1) as string)
  })
  const root = `0x${'ab'.repeat(32)}`
  await page.goto(`/?checkpoint=${root}`)
  // The replay server has no bootstrap for it: the client fails rather than trusting anything else.
  await expect(lcStatus(page)).toHaveAttribute('data-status', 'failed', { timeout: 60_000 })
  expect(bootstraps).toEqual([root])
  await expect(page.getByTestId('finalized')).toHaveCount(0)
})

test('falls back to polling when the server has no event stream', async ({ page }) => {
  await routeToReplayServer(page, PORTS.noSse)
  await page.goto('/')
  await expect(lcStatus(page)).toHaveAttribute('data-status', 'synced', { timeout: 60_000 })
  await expect(lcStatus(page)).toContainText('polling')
  await expect(page.getByTestId('finalized-slot')).toHaveText('7109344')
})

test('shows the deposit-contract proof, labelled as anchored by block hash', async ({ page }) => {
  await page.goto('/state')
  const card = page.getByTestId('proof-card').first()
  await expect(card.getByTestId('proof-balance')).toContainText('57657174.398349561183621184 ETH')
  await expect(card.getByTestId('anchor-note')).toContainText('Anchored by block hash, not by the light client')
  await expect(card.getByTestId('provenance-badge')).toHaveText(/verified · hash anchor/)
})

test('keyboard: the provenance dialog opens with Enter and closes with Escape', async ({ page }) => {
  await page.goto('/')
  await expect(lcStatus(page)).toHaveAttribute('data-status', 'synced', { timeout: 60_000 })
  const badge = page.getByTestId('finalized').getByTestId('provenance-badge')
  await badge.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('dialog')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toBeHidden()
})

import { expect, test } from '@playwright/test'
import { startAnvil } from '../devnet/anvil.ts'
import { startDevnetBeacon } from '../devnet/beacon/devnetBeacon.ts'
import { PORTS } from '../playwright.config.ts'
import { lcStatus, routeToDevnetBeacon } from './helpers.ts'

test('the devnet syncs within 20 s, follows new blocks, and shows a contract storage value verified', async ({ page }) => {
  await page.goto('/?network=devnet')
  await expect(page.getByTestId('devnet-banner')).toBeVisible()
  await expect(lcStatus(page)).toHaveAttribute('data-status', 'synced', { timeout: 20_000 })
  const finalized = page.getByTestId('finalized')
  await expect(finalized.getByTestId('provenance-badge')).toHaveAttribute('data-status', 'verified')
  const first = Number(await finalized.getByTestId('finalized-slot').textContent())
  // 2-second slots: the verified finalized head moves on by itself.
  await expect.poll(async () => Number(await finalized.getByTestId('finalized-slot').textContent()), { timeout: 15_000 }).toBeGreaterThan(first)
  expect(Number(await finalized.getByTestId('finalized-block-number').textContent())).toBeGreaterThan(0)

  await page.getByRole('link', { name: 'State proofs', exact: true }).click()
  const card = page.getByTestId('proof-card').first()
  await expect(card.getByTestId('proof-storage')).toHaveText('0x2a (42)')
  // At the light client's own finalized block: anchored by the light client, not a bare block hash.
  await expect(card.getByTestId('provenance-badge')).toHaveText(/^\W*verified$/)
  await expect(card.getByTestId('anchor-note')).toHaveCount(0)
})

test('a devnet beacon signing with a wrong key makes the app fail, never verify', async ({ page }) => {
  await routeToDevnetBeacon(page, PORTS.devnetBadKeyBeacon)
  await page.goto('/?network=devnet')
  await expect(lcStatus(page)).toHaveAttribute('data-status', 'failed', { timeout: 20_000 })
  await expect(lcStatus(page)).toContainText('Sync committee signature is invalid')
  // Only the checkpoint itself (slot 50, period 0) is verified; nothing the bad committee signed is.
  await expect(page.getByTestId('finalized-slot')).toHaveText('50')
})

test('a devnet beacon serving a bad finality branch makes the app fail, never verify', async ({ page }) => {
  await routeToDevnetBeacon(page, PORTS.devnetBadBranchBeacon)
  await page.goto('/?network=devnet')
  await expect(lcStatus(page)).toHaveAttribute('data-status', 'failed', { timeout: 20_000 })
  await expect(lcStatus(page)).toContainText('Invalid finality Merkle branch')
  await expect(page.getByTestId('finalized-slot')).toHaveText('50')
})

test('killing and restarting the devnet beacon is survived: stalled, then synced again', async ({ page }) => {
  test.setTimeout(120_000)
  const anvil = await startAnvil({ port: 18575 })
  let beacon = await startDevnetBeacon({ rpcUrl: anvil.url, port: 18576, quiet: true })
  try {
    await routeToDevnetBeacon(page, 18576)
    await page.goto('/?network=devnet')
    await expect(lcStatus(page)).toHaveAttribute('data-status', 'synced', { timeout: 30_000 })
    await beacon.close()
    // stallAfterSlots = 5 on the devnet: 10 s without a verified head.
    await expect(lcStatus(page)).toHaveAttribute('data-status', 'stalled', { timeout: 30_000 })
    const stalledAt = Number(await page.getByTestId('finalized-slot').textContent())
    beacon = await startDevnetBeacon({ rpcUrl: anvil.url, port: 18576, quiet: true })
    await expect(lcStatus(page)).toHaveAttribute('data-status', 'synced', { timeout: 45_000 })
    await expect.poll(async () => Number(await page.getByTestId('finalized-slot').textContent()), { timeout: 20_000 }).toBeGreaterThan(stalledAt)
  } finally {
    await beacon.close()
    await anvil.stop()
  }
})

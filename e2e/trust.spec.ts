import { expect, test } from '@playwright/test'
import { PORTS } from '../playwright.config.ts'
import { routeToReplayServer } from './helpers.ts'

test('a live network asks the user for a checkpoint and never asks the endpoint for one', async ({ page }) => {
  const asked: string[] = []
  page.on('request', (r) => asked.push(r.url()))
  await page.goto('/?network=mainnet')
  await expect(page.getByRole('heading', { name: /Trusted checkpoint for Mainnet/ })).toBeVisible()
  await expect(page.getByRole('textbox')).toBeVisible()
  expect(asked.filter((u) => u.includes('/lightbus/checkpoint') || u.includes('/light_client/'))).toEqual([])
})

test('an RPC answering with a valid proof of another account is a failure, never a verified value', async ({ page }) => {
  await routeToReplayServer(page, PORTS.otherAccount)
  await page.goto('/state')
  const card = page.getByTestId('proof-card').first()
  await expect(card.getByTestId('provenance-badge')).toHaveAttribute('data-status', 'failed', { timeout: 60_000 })
  await expect(card.getByTestId('proof-error')).toContainText('answers another account')
  await expect(card.getByTestId('proof-balance')).toHaveCount(0)
})

test('the devnet State page says a contract is not deployed at the finalized block rather than show 0 as its value', async ({ page }) => {
  await page.goto('/state?network=devnet')
  await expect(page.getByRole('textbox', { name: 'Address', exact: true })).toBeVisible({ timeout: 60_000 })
  // An address with no code at any block: its slot 0 is proven 0, which is no contract's value.
  await page.getByRole('textbox', { name: 'Address', exact: true }).fill('0x000000000000000000000000000000000000dead')
  await page.getByRole('textbox', { name: /Storage slots/ }).fill('0x0')
  await page.getByRole('button', { name: 'Verify' }).click()
  const card = page.getByTestId('proof-card').filter({ hasText: '0x000000000000000000000000000000000000dead' })
  await expect(card.getByTestId('proof-no-contract')).toContainText('No contract at this address')
  await expect(card.getByTestId('proof-storage')).toHaveText('no contract at this block')
  await expect(card.getByTestId('provenance-badge')).toHaveAttribute('data-status', 'verified')
})

import { expect, type Page, test } from '@playwright/test'
import type { Hex } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { devAccount } from '../devnet/accounts.ts'
import { fundAccount } from '../devnet/fundAccount.ts'
import { installTestWallet } from './testWallet.ts'

/**
 * The Jobs pages on the devnet of playwright.config.ts (anvil 18545, beacon 18546, coordinator 18547/18548, the
 * market provers of devnet/market: two honest ones asking 1e14 wei, a dishonest one in `bad-receipt` mode that locks
 * only requests under that ask). Every wait is for something on screen, never for time.
 */
const RPC = 'http://127.0.0.1:18545'
/** anvil's default account 8: the jobs e2e wallet (e2e/testWallet.ts uses account 7). */
const JOBS_WALLET_KEY: Hex = '0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97'

async function connect(page: Page) {
  const panel = page.getByTestId('jobs-wallet')
  await panel.getByTestId('wallet-connect').click()
  await panel.getByTestId('wallet-option').filter({ hasText: 'Lightbus Test Wallet' }).click()
  await expect(page.getByTestId('jobs-wallet')).toHaveCount(0)
}

async function fillOffer(page: Page, offer: Record<string, string>) {
  for (const [k, v] of Object.entries(offer)) await page.getByTestId(`offer-${k}`).fill(v)
  await expect(page.getByTestId('offer-error')).toHaveCount(0)
}

test('a job: a refused signature submits nothing; fibonacci signed, locked, proven on the prover network, fulfilled, its journal verified; reload keeps it', async ({
  page,
}) => {
  test.setTimeout(150_000)
  const wallet = await installTestWallet(page, { rpcUrl: RPC, privateKey: JOBS_WALLET_KEY })
  await page.goto('/jobs?network=devnet')
  await connect(page)
  await expect(page.getByTestId('myjobs-empty')).toBeVisible()
  await page.getByTestId('job-program').selectOption('fibonacci')
  await page.getByTestId('job-input').fill('20')
  // At the honest provers' ask from the start: locked at once.
  await fillOffer(page, { minPriceEth: '0.0001', maxPriceEth: '0.0002', rampUpPeriodSec: '10', lockTimeoutSec: '120', timeoutSec: '240' })
  await expect(page.getByTestId('price-chart')).toBeVisible()
  await expect(page.getByTestId('ask-hint')).toHaveCount(0)

  // The user rejects the signature (4001): nothing is sent and nothing is kept.
  wallet.reject(['eth_signTypedData_v4'])
  await page.getByTestId('job-submit').click()
  await expect(page.getByTestId('wallet-error')).toHaveAttribute('data-code', 'UserRejected')
  expect(wallet.state.sent).toEqual([])
  await expect(page.getByTestId('myjobs-empty')).toBeVisible()
  await expect(page.getByTestId('myjob')).toHaveCount(0)

  wallet.reject([])
  await page.getByTestId('job-submit').click()
  await expect(page.getByTestId('job-submitted')).toBeVisible()
  expect(wallet.state.sent).toHaveLength(1)
  await expect(page.getByTestId('myjob')).toHaveCount(1)
  await page.getByTestId('myjob-link').click()

  const detail = page.getByTestId('job-detail')
  await expect(detail).toBeVisible()
  // Locked and fulfilled, each shown once PROVEN at the light client's finalized block.
  await expect(page.getByTestId('timeline-locked')).toHaveAttribute('data-reached', 'true', { timeout: 90_000 })
  await expect(page.getByTestId('timeline-fulfilled')).toHaveAttribute('data-reached', 'true', { timeout: 120_000 })
  await expect(page.getByTestId('job-proven').getByTestId('job-state')).toHaveAttribute('data-state', 'fulfilled')
  await expect(page.getByTestId('job-proven').getByTestId('provenance-badge')).toHaveAttribute('data-status', 'verified')
  // The delivered receipt verified in the tab and bound to the proven status; the journal decoded.
  const delivery = page.getByTestId('delivery')
  await expect(delivery).toHaveAttribute('data-status', 'verified', { timeout: 60_000 })
  await expect(page.getByTestId('delivery-journal')).toHaveText('fib(20) mod p = 6765')
  await delivery.getByTestId('provenance-badge').click()
  const dialog = page.getByRole('dialog', { name: /Delivered result/ })
  await expect(dialog).toContainText('Trusted checkpoint')
  await expect(dialog).toContainText('Receipt verified in the worker pool')
  await expect(dialog).toContainText('Claim equals the proven requestStatus')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('timeline-fulfilled')).toContainText('price paid')

  // Reload: the job is still there (IndexedDB), and its page proves it again.
  await page.reload()
  await expect(page.getByTestId('job-proven').getByTestId('job-state')).toHaveAttribute('data-state', 'fulfilled', { timeout: 60_000 })
  await page.getByRole('link', { name: '← Jobs' }).click()
  await expect(page.getByTestId('myjob')).toHaveCount(1)
  await expect(page.getByTestId('myjob').getByTestId('job-state')).toHaveAttribute('data-state', 'fulfilled', { timeout: 60_000 })
})

test('a cheap job: locked by the dishonest prover, its bad receipt refused on chain and shown; after the deadline Slash works and shows slashed', async ({
  page,
}) => {
  test.setTimeout(150_000)
  // A fresh account (funded by a transfer from its own funder, devnet/fundAccount.ts), so this test never races the
  // other one's nonces or request ids.
  const key = generatePrivateKey()
  const address = privateKeyToAccount(key).address
  await fundAccount(RPC, devAccount(11), address, 10n ** 19n)
  await installTestWallet(page, { rpcUrl: RPC, privateKey: key })
  await page.goto('/jobs?network=devnet')
  await connect(page)
  await page.getByTestId('job-input').fill('10')
  // Below the honest provers' ask: only the cheap (dishonest) prover takes it. Short deadlines, so Slash comes soon.
  await fillOffer(page, { minPriceEth: '0.00004', maxPriceEth: '0.00005', rampUpPeriodSec: '0', lockTimeoutSec: '20', timeoutSec: '30' })
  await expect(page.getByTestId('ask-hint')).toBeVisible()
  await page.getByTestId('job-submit').click()
  await page.getByTestId('job-submitted').getByRole('link').click()

  await expect(page.getByTestId('timeline-locked')).toHaveAttribute('data-reached', 'true', { timeout: 60_000 })
  // Its fulfilment with a tampered receipt reverted on chain; the app shows the decoded revert reason.
  const failed = page.getByTestId('failed-fulfil')
  await expect(failed.first()).toBeVisible({ timeout: 90_000 })
  await expect(page.getByTestId('failed-fulfil-reason').first()).not.toHaveText(/unknown error|without data/)
  // After the deadline anyone may slash the locker: the client does.
  await page.getByTestId('slash-button').click({ timeout: 60_000 })
  await expect(page.getByTestId('slash-sent')).toBeVisible()
  // Shown slashed once proven at the light client's finalized block.
  const proven = page.getByTestId('job-proven').getByTestId('job-state')
  await expect(proven).toHaveAttribute('data-slashed', 'true', { timeout: 60_000 })
  await expect(proven).toHaveAttribute('data-state', 'expired')
  await expect(page.getByTestId('timeline-expired')).toContainText('slashed')
})

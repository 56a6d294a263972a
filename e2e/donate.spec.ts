import { expect, test } from '@playwright/test'

test('Donate page: no wallet, a network without prover network shows its empty state with a link to the devnet', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Donate' }).click()
  await expect(page).toHaveURL(/\/donate/)
  await expect(page.getByRole('heading', { name: 'Donate compute' })).toBeVisible()
  const empty = page.getByTestId('donate-empty')
  await expect(empty).toContainText('Mainnet (recorded) has no prover network')
  await expect(page.getByRole('button', { name: 'Start' })).toHaveCount(0)
  await expect(empty.getByRole('link', { name: 'Switch to the devnet network' })).toHaveAttribute('href', '/donate?network=devnet')
})

import { expect, test } from '@playwright/test'
import { PORTS } from '../playwright.config.ts'
import { lcStatus, routeToReplayServer } from './helpers.ts'

test('a replay server serving a tampered period update: failed, never verified', async ({ page }) => {
  await routeToReplayServer(page, PORTS.badUpdate)
  await page.goto('/')
  await expect(lcStatus(page)).toHaveAttribute('data-status', 'failed', { timeout: 60_000 })
  await expect(lcStatus(page)).toContainText('Sync committee signature is invalid')
  await expect(page.getByTestId('lc-error')).toContainText('InvalidSyncCommitteeSignatureError')
  // The finality it would have reached is never shown, verified or otherwise.
  await expect(page.getByText('7109344')).toHaveCount(0)
  await expect(page.getByText('17923026')).toHaveCount(0)
  await expect(page.getByTestId('header-status')).toContainText('Failed')
  // Nothing past the tampered period was stored: a reload fails the same way.
  await page.reload()
  await expect(lcStatus(page)).toHaveAttribute('data-status', 'failed', { timeout: 60_000 })
  await expect(page.getByText('7109344')).toHaveCount(0)
})

test('a served block with one flipped transaction byte: no transaction is shown as verified', async ({ page }) => {
  await routeToReplayServer(page, PORTS.badBlock)
  await page.goto('/')
  await expect(lcStatus(page)).toHaveAttribute('data-status', 'synced', { timeout: 60_000 })
  await page.getByRole('link', { name: 'Finalized block' }).click()
  await expect(page.getByTestId('block-error')).toContainText('does not match the verified header')
  await expect(page.getByTestId('tx-row')).toHaveCount(0)
  await expect(page.locator('[data-testid=provenance-badge][data-status=failed]')).toHaveCount(1)
})

test('a proof with one flipped node byte is rejected and shown as failed', async ({ page }) => {
  await routeToReplayServer(page, PORTS.badProof)
  await page.goto('/state')
  const card = page.getByTestId('proof-card').first()
  await expect(card.getByTestId('proof-error')).toContainText('Invalid account proof')
  await expect(card.getByTestId('provenance-badge')).toHaveAttribute('data-status', 'failed')
  await expect(card.getByTestId('proof-balance')).toHaveCount(0)
})

test('a tampered stored light-client state is discarded, not trusted', async ({ page }) => {
  await page.goto('/')
  await expect(lcStatus(page)).toHaveAttribute('data-status', 'synced', { timeout: 60_000 })
  // The store is saved just after the value is shown (docs/performance.md): wait for the worker's mark.
  await page.waitForFunction(() => performance.getEntriesByName('lb:persisted').length > 0)
  // Flip one character of the stored payload (the finalized header's state root).
  await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok, err) => {
      const r = indexedDB.open('lightbus')
      r.onsuccess = () => ok(r.result)
      r.onerror = () => err(r.error)
    })
    const tx = db.transaction('lightClientStore', 'readwrite')
    const store = tx.objectStore('lightClientStore')
    const rec: { payload: string; tag: string } = await new Promise((ok) => {
      const g = store.get('recorded-mainnet')
      g.onsuccess = () => ok(g.result)
    })
    const i = rec.payload.indexOf('"state_root":"0x') + 20
    rec.payload = rec.payload.slice(0, i) + (rec.payload[i] === 'a' ? 'b' : 'a') + rec.payload.slice(i + 1)
    store.put(rec, 'recorded-mainnet')
    await new Promise((ok) => {
      tx.oncomplete = ok
    })
  })
  await page.reload()
  await expect(page.getByTestId('lc-notice')).toContainText('Stored light-client state discarded')
  await expect(lcStatus(page)).toHaveAttribute('data-status', 'synced', { timeout: 60_000 })
  await expect(page.getByTestId('restored-note')).toHaveCount(0)
  await expect(page.getByTestId('finalized-slot')).toHaveText('7109344')
})

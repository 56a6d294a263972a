import { expect, type Page, test } from '@playwright/test'

// The first view (src/firstView, docs/architecture.md): the Consensus page shown before React from the light-client
// worker's snapshots, then hydrated by the app without being rendered again.

/**
 * Counts the removals of a node holding the finalized block number once the app has started (`lb:boot`: the first view
 * has stopped rendering then; before, it sets the page's HTML for each snapshot).
 */
const WATCH_REMOVALS = `
  window.__removedAfterFirstValue = 0
  new MutationObserver((records) => {
    if (performance.getEntriesByName('lb:boot').length === 0) return
    for (const r of records) for (const n of r.removedNodes)
      if (n.nodeType === 1 && (n.matches('[data-testid=finalized-block-number]') || n.querySelector('[data-testid=finalized-block-number]'))) window.__removedAfterFirstValue++
  }).observe(document, { childList: true, subtree: true })
`

/** Holds the request for the app's first chunk (src/main.tsx) until the returned function is called. */
async function holdAppChunk(page: Page): Promise<() => void> {
  let release: () => void = () => {}
  const held = new Promise<void>((r) => {
    release = r
  })
  await page.route(/\/assets\/main-[^/]+\.js$/, async (route) => {
    await held
    await route.continue()
  })
  return release
}

for (const theme of ['light', 'dark'] as const) {
  test(`the verified block is shown before the app loads, and the app adopts that markup (${theme})`, async ({ page }) => {
    const warnings: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text())
    })
    await page.addInitScript((t) => localStorage.setItem('lightbus-theme', t), theme)
    await page.addInitScript(WATCH_REMOVALS)
    // The app's chunk is held back until the first view has shown the value (on a busy machine the first view's 2 s
    // limit may load the app first; that order is not what this checks).
    const release = await holdAppChunk(page)
    await page.goto('/', { waitUntil: 'commit' })
    await page.waitForFunction(() => performance.getEntriesByName('lb:first-verified').length > 0, null, { timeout: 60_000 })
    await expect(page.getByTestId('finalized-block-number')).toHaveAttribute('data-verified', 'true')
    expect(await page.evaluate(() => performance.getEntriesByName('lb:boot').length)).toBe(0)
    release()
    await page.waitForFunction(() => performance.getEntriesByName('lb:interactive').length > 0, null, { timeout: 60_000 })
    const number = page.getByTestId('finalized-block-number')
    await expect(number).toHaveText('17923026')
    await expect(number).toHaveAttribute('data-verified', 'true')
    await expect(page.getByTestId('theme-toggle')).toHaveAttribute('data-theme', theme)
    // Hydrated, not rendered afresh: no mismatch reported, the shown value's node never replaced.
    await expect(page.locator('#chain-title ~ *').first()).toBeVisible() // the app's deferred step chart
    expect(await page.evaluate(() => (window as unknown as { __removedAfterFirstValue: number }).__removedAfterFirstValue)).toBe(0)
    expect(warnings.filter((w) => /first view|hydrat/i.test(w))).toEqual([])
    // The app's own controls work on the adopted markup.
    await page.getByTestId('finalized').getByTestId('provenance-badge').click()
    await expect(page.getByRole('dialog')).toContainText('Execution payload header, block 17923026')
  })
}

test('a badge pressed before the app has loaded opens once it has', async ({ page }) => {
  // The app's first chunk is held back until the badge has been pressed on the first view.
  const release = await holdAppChunk(page)
  await page.goto('/', { waitUntil: 'commit' })
  const badge = page.getByTestId('finalized').getByTestId('provenance-badge')
  await expect(badge).toHaveAttribute('data-status', 'verified', { timeout: 60_000 })
  expect(await page.evaluate(() => performance.getEntriesByName('lb:boot').length)).toBe(0)
  await badge.click()
  release()
  await expect(page.getByRole('dialog')).toContainText('Trusted checkpoint')
})

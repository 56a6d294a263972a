import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, type Locator, type Page, type TestInfo, test } from '@playwright/test'

/**
 * Every page from a phone (390 px; the overflow check also at 360 px) to a wide desktop (1400 px), in light and dark mode:
 * full-page screenshots (attached to the test and written to test-results/screens/<page>-<width>-<theme>.png), no
 * page-level horizontal scroll, and no two cells of the transactions and results tables drawn over each other.
 * Lean: one page load per network and width; pages are reached by in-app navigation (the light client keeps running),
 * and the theme is switched in place (prefers-color-scheme and the `dark` class that public/theme-init.js sets).
 */

const SCREENS = join(import.meta.dirname, '../test-results/screens')
mkdirSync(SCREENS, { recursive: true })

type Shot = { name: string; path: string | ((page: Page) => Promise<string>); ready: (page: Page) => Locator }

const heading = (page: Page) => page.getByRole('heading', { level: 1 })

const RECORDED: Shot[] = [
  { name: 'consensus', path: '/', ready: (p) => p.getByTestId('finalized').getByTestId('provenance-badge') },
  { name: 'block', path: '/block', ready: (p) => p.getByTestId('tx-row').first() },
  { name: 'state', path: '/state', ready: (p) => p.getByTestId('proof-card').first().getByTestId('provenance-badge') },
  { name: 'results', path: '/results', ready: (p) => p.locator('[data-testid="result-row"][data-status="verified"]').first() },
  {
    name: 'result-detail',
    // The first verified row of the results page, which the previous shot left open.
    path: async (p) =>
      new URL((await p.locator('[data-testid="result-row"][data-status="verified"] a').first().getAttribute('href')) ?? '/', 'http://x').pathname,
    ready: (p) => p.getByTestId('result-facts'),
  },
  { name: 'prove', path: '/prove', ready: heading },
  { name: 'not-found', path: '/no-such-page', ready: heading },
]

const DEVNET: Shot[] = [
  { name: 'devnet-consensus', path: '/', ready: (p) => p.getByTestId('finalized').getByTestId('provenance-badge') },
  { name: 'donate', path: '/donate', ready: heading },
  { name: 'storage', path: '/storage', ready: heading },
  { name: 'jobs', path: '/jobs', ready: heading },
  { name: 'job-detail', path: '/jobs/0x1', ready: heading },
  { name: 'services', path: '/services', ready: heading },
]

/** Client-side navigation (react-router follows popstate): no reload, so the light client stays synced. */
async function navigate(page: Page, path: string, search: string) {
  await page.evaluate((to) => {
    history.pushState(null, '', to)
    dispatchEvent(new PopStateEvent('popstate'))
  }, `${path}${search}`)
}

async function setTheme(page: Page, theme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme: theme })
  await page.evaluate((dark) => document.documentElement.classList.toggle('dark', dark), theme === 'dark')
}

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  const body = await page.screenshot({ fullPage: true, path: join(SCREENS, `${name}.png`) })
  await testInfo.attach(name, { body, contentType: 'image/png' })
}

const overflow = (page: Page) => page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth }))

async function tour(page: Page, testInfo: TestInfo, shots: Shot[], width: number, search: string) {
  await page.setViewportSize({ width, height: 900 })
  await page.goto(`/${search}`)
  await expect(page.getByTestId('header-status')).toHaveText('Synced', { timeout: 60_000 })
  for (const shot of shots) {
    const path = typeof shot.path === 'string' ? shot.path : await shot.path(page)
    if (path !== '/') await navigate(page, path, search)
    await expect(shot.ready(page)).toBeVisible()
    if (width < 400) {
      expect.soft(await overflow(page), `${shot.name}: page wider than a ${width} px viewport`).toEqual(expect.objectContaining({ scrollWidth: width }))
    }
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(page, theme)
      await shoot(page, testInfo, `${shot.name}-${width}-${theme}`)
    }
    await setTheme(page, 'light')
    if (width < 400) {
      await page.setViewportSize({ width: 360, height: 900 })
      expect.soft(await overflow(page), `${shot.name}: page wider than a 360 px viewport`).toEqual(expect.objectContaining({ scrollWidth: 360 }))
      await page.setViewportSize({ width, height: 900 })
    }
  }
}

for (const width of [390, 1400]) {
  test(`recorded mainnet pages at ${width} px, light and dark`, async ({ page }, testInfo) => {
    await tour(page, testInfo, RECORDED, width, '')
  })
  test(`devnet pages at ${width} px, light and dark`, async ({ page }, testInfo) => {
    await tour(page, testInfo, DEVNET, width, '?network=devnet')
  })
}

/**
 * Pairs of visible boxes from different cells of a table that intersect (more than 1 px²). A box is a line of text
 * (Range client rects) or a replaced/graphic element (svg, img, input, select), clipped by every ancestor up to the
 * table that hides overflow (a truncated cell, the virtual list's scroll box).
 */
function overlaps(table: Locator) {
  return table.evaluate((root) => {
    type Box = { x0: number; y0: number; x1: number; y1: number; cell: number; text: string }
    const boxes: Box[] = []
    const clip = (el: Element, r: DOMRect) => {
      let b = { x0: r.left, y0: r.top, x1: r.right, y1: r.bottom }
      for (let a: Element | null = el; a && a !== root.parentElement; a = a.parentElement) {
        const s = getComputedStyle(a)
        if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
          const c = a.getBoundingClientRect()
          b = { x0: Math.max(b.x0, c.left), y0: Math.max(b.y0, c.top), x1: Math.min(b.x1, c.right), y1: Math.min(b.y1, c.bottom) }
        }
      }
      return b
    }
    const cells = Array.from(root.querySelectorAll('[role="cell"]'))
    cells.forEach((cell, i) => {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT)
      for (let n: Node | null = walker.currentNode; n; n = walker.nextNode()) {
        if (n instanceof Element && getComputedStyle(n).visibility === 'hidden') continue
        const rects: { el: Element; r: DOMRect }[] = []
        if (n.nodeType === Node.TEXT_NODE && n.textContent?.trim()) {
          const range = document.createRange()
          range.selectNodeContents(n)
          for (const r of Array.from(range.getClientRects())) rects.push({ el: n.parentElement as Element, r })
        } else if (n instanceof Element && ['svg', 'img', 'input', 'select'].includes(n.localName)) {
          rects.push({ el: n, r: n.getBoundingClientRect() })
        }
        for (const { el, r } of rects) {
          const b = clip(el, r)
          if (b.x1 - b.x0 > 1 && b.y1 - b.y0 > 1) boxes.push({ ...b, cell: i, text: (n.textContent ?? n.nodeName).slice(0, 24) })
        }
      }
    })
    const hits: string[] = []
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i] as Box
        const b = boxes[j] as Box
        if (a.cell === b.cell) continue
        const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)
        const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0)
        if (w > 1 && h > 1 && w * h > 1) hits.push(`“${a.text}” × “${b.text}”`)
      }
    }
    return { boxes: boxes.length, hits: hits.slice(0, 10), count: hits.length }
  })
}

test('at 390 px no two cells of the transactions table or the results table overlap', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 900 })
  await page.goto('/block')
  const txs = page.getByRole('table', { name: 'Transactions' })
  await expect(txs.getByTestId('tx-row').first()).toBeVisible({ timeout: 60_000 })
  const t = await overlaps(txs)
  expect(t.boxes).toBeGreaterThan(20)
  expect.soft(t.hits, `${t.count} overlapping pairs in the transactions table`).toEqual([])

  await navigate(page, '/results', '')
  const results = page.getByRole('table', { name: 'Verified results' })
  await expect(results.locator('[data-testid="result-row"][data-status="verified"]').first()).toBeVisible()
  const r = await overlaps(results)
  expect(r.boxes).toBeGreaterThan(20)
  expect.soft(r.hits, `${r.count} overlapping pairs in the results table`).toEqual([])
})

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

/** The page's own h1 (the previous page's h1 stays until a lazy route has loaded). */
const heading = (name: string | RegExp) => (page: Page) => page.getByRole('heading', { level: 1, name, exact: true })

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
  { name: 'prove', path: '/prove', ready: heading('Prove') },
  { name: 'not-found', path: '/no-such-page', ready: heading('Page not found') },
]

const DEVNET: Shot[] = [
  { name: 'devnet-consensus', path: '/', ready: (p) => p.getByTestId('finalized').getByTestId('provenance-badge') },
  { name: 'donate', path: '/donate', ready: heading('Donate compute') },
  { name: 'storage', path: '/storage', ready: heading('Storage') },
  { name: 'jobs', path: '/jobs', ready: heading('Jobs') },
  { name: 'job-detail', path: '/jobs/0x1', ready: heading(/^Job #1/) },
  { name: 'services', path: '/services', ready: heading('Services') },
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

/** Below lg the nav is a disclosure: the button opens it, Escape closes it and gives focus back to the button. */
async function menu(page: Page, testInfo: TestInfo, width: number) {
  const button = page.getByRole('button', { name: 'Menu' })
  const nav = page.getByRole('navigation', { name: 'Main' })
  await expect(nav).toBeHidden()
  await expect(button).toHaveAttribute('aria-expanded', 'false')
  await button.click()
  await expect(button).toHaveAttribute('aria-expanded', 'true')
  await expect(nav.getByRole('link', { name: 'Services' })).toBeVisible()
  await expect(page.getByRole('combobox', { name: 'Network' })).toBeVisible()
  expect.soft(await overflow(page), 'the open menu is wider than the viewport').toEqual(expect.objectContaining({ scrollWidth: width }))
  await shoot(page, testInfo, `menu-${width}-light`)
  await nav.getByRole('link', { name: 'Verified results' }).focus()
  await page.keyboard.press('Escape')
  await expect(nav).toBeHidden()
  await expect(button).toBeFocused()
  await button.blur() // no focus ring in the screenshots that follow
}

async function tour(page: Page, testInfo: TestInfo, shots: Shot[], width: number, search: string) {
  await page.setViewportSize({ width, height: 900 })
  await page.goto(`/${search}`)
  await expect(page.getByTestId('header-status')).toHaveText('Synced', { timeout: 60_000 })
  if (width < 400 && search === '') await menu(page, testInfo, width)
  for (const shot of shots) {
    const path = typeof shot.path === 'string' ? shot.path : await shot.path(page)
    if (path !== '/') await navigate(page, path, search)
    await expect(shot.ready(page)).toBeVisible()
    // Lazy panels (the jobs page's price chart, the storage upload panel) show “Loading the …” until their chunk runs.
    await expect(page.getByText(/^Loading the /)).toHaveCount(0)
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
      // Charts follow their container through a ResizeObserver, one frame after the resize: wait for the layout to
      // settle at 360 px (a page that stays wider fails at the timeout).
      await expect
        .poll(async () => (await overflow(page)).scrollWidth, { message: `${shot.name}: page wider than a 360 px viewport`, timeout: 10_000 })
        .toBe(360)
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
 * What is drawn over something else in a table, as short descriptions (empty when the layout is clean):
 * - a box of one cell intersecting a box of another cell (more than 1 px²);
 * - a box spilling out of its own cell (into a neighbour's area, or clipped away by the scroll box);
 * - a cell lying outside the table's width (unreachable on a narrow screen).
 * A box is a line of text (Range client rects) or a graphic/replaced element (svg, img, input, select), clipped by the
 * ancestors that hide overflow (a truncated cell; for the first rule also the virtual list's scroll box).
 */
function overlaps(table: Locator) {
  return table.evaluate((root) => {
    type Rect = { x0: number; y0: number; x1: number; y1: number }
    type Box = Rect & { cell: number; text: string }
    const rect = (r: DOMRect): Rect => ({ x0: r.left, y0: r.top, x1: r.right, y1: r.bottom })
    const clip = (el: Element, r: Rect, stop: Element | null) => {
      let b = r
      for (let a: Element | null = el; a && a !== stop; a = a.parentElement) {
        const s = getComputedStyle(a)
        if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
          const c = a.getBoundingClientRect()
          b = { x0: Math.max(b.x0, c.left), y0: Math.max(b.y0, c.top), x1: Math.min(b.x1, c.right), y1: Math.min(b.y1, c.bottom) }
        }
      }
      return b
    }
    const area = (b: Rect) => b.x1 - b.x0 > 1 && b.y1 - b.y0 > 1
    const hits: string[] = []
    const boxes: Box[] = []
    const table = root.getBoundingClientRect()
    const cells = Array.from(root.querySelectorAll('[role="cell"]'))
    cells.forEach((cell, i) => {
      const c = cell.getBoundingClientRect()
      const text0 = (cell.textContent ?? '').trim().slice(0, 24)
      if (c.width > 0 && (c.left < table.left - 1 || c.right > table.right + 1)) hits.push(`cell “${text0}” outside the table’s width`)
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
        const text = (n.textContent ?? n.nodeName).trim().slice(0, 24)
        for (const { el, r } of rects) {
          const own = clip(el, rect(r), cell.parentElement)
          if (area(own) && (own.x0 < c.left - 1 || own.x1 > c.right + 1 || own.y0 < c.top - 1 || own.y1 > c.bottom + 1))
            hits.push(`“${text}” spills out of its cell`)
          const shown = clip(el, rect(r), root.parentElement)
          if (area(shown)) boxes.push({ ...shown, cell: i, text })
        }
      }
    })
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i] as Box
        const b = boxes[j] as Box
        if (a.cell === b.cell) continue
        const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)
        const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0)
        if (w > 1 && h > 1) hits.push(`“${a.text}” × “${b.text}”`)
      }
    }
    return { boxes: boxes.length, hits: [...new Set(hits)].slice(0, 10), count: hits.length }
  })
}

test('at 390 px no two cells of the transactions table or the results table overlap', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 900 })
  await page.goto('/block')
  const txs = page.getByRole('table', { name: 'Transactions' })
  await expect(txs.getByTestId('tx-row').first()).toBeVisible({ timeout: 60_000 })
  const t = await overlaps(txs)
  expect(t.boxes).toBeGreaterThan(20)
  expect.soft(t.hits, `${t.count} overlaps in the transactions table`).toEqual([])

  // A hash's copy button copies the full value and says so politely.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  const firstHash = txs.getByTestId('tx-row').first().locator('[data-value]').first()
  const full = await firstHash.getAttribute('data-value')
  await txs.getByRole('button', { name: 'Copy transaction 0 hash' }).click()
  // One polite live region for the page (not one per hash) says it.
  await expect(page.getByTestId('polite-region')).toHaveText('Copied')
  await expect(txs.getByRole('status')).toHaveCount(0)
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(full)

  await navigate(page, '/results', '')
  const results = page.getByRole('table', { name: 'Verified results' })
  await expect(results.locator('[data-testid="result-row"][data-status="verified"]').first()).toBeVisible()
  const r = await overlaps(results)
  expect(r.boxes).toBeGreaterThan(20)
  expect.soft(r.hits, `${r.count} overlaps in the results table`).toEqual([])
})

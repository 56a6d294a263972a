import { expect, type Page, test } from '@playwright/test'
import { CONTENT_SECURITY_POLICY } from '../csp.config.ts'
import { lcStatus } from './helpers.ts'
import { openWalletPanel } from './testWallet.ts'

/**
 * The app runs under its Content-Security-Policy (csp.config.ts, sent by `vite preview` as `npm start` does):
 * every page loads, the light-client worker syncs (BLS in WASM), the verifier workers check Groth16 proofs
 * (mcl-wasm), the WASM kernels prove transactions and state, and nothing violates the policy — in the
 * document or in any worker.
 */
function watchCsp(page: Page): string[] {
  const violations: string[] = []
  const isCsp = (text: string) => /Content Security Policy|Refused to (load|execute|connect|apply|compile|create)/i.test(text)
  page.on('console', (m) => {
    if (isCsp(m.text())) violations.push(`console: ${m.text()}`)
  })
  page.on('worker', (w) => {
    w.on('console', (m) => {
      if (isCsp(m.text())) violations.push(`worker ${w.url()}: ${m.text()}`)
    })
  })
  page.on('pageerror', (e) => {
    if (isCsp(e.message)) violations.push(`pageerror: ${e.message}`)
  })
  return violations
}

const eventViolations = (page: Page) => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp?: string[] }
    w.__csp = []
    document.addEventListener('securitypolicyviolation', (e) => w.__csp?.push(`${e.violatedDirective}: ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`))
  })
})

test('the app is served with a strict Content-Security-Policy', async ({ request }) => {
  for (const path of ['/', '/results', '/block']) {
    const res = await request.get(path)
    const csp = res.headers()['content-security-policy']
    expect(csp, path).toBe(CONTENT_SECURITY_POLICY)
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';")
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/)
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("base-uri 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
  }
  const html = await (await request.get('/')).text()
  expect(html).not.toMatch(/<script>(?!<\/script>)/)
})

test('every page works under the policy with no violation (document and workers)', async ({ page }) => {
  const violations = watchCsp(page)
  // securitypolicyviolation events live in each document: collect them before every navigation.
  const visit = async (path: string) => {
    if (page.url().startsWith('http')) violations.push(...(await eventViolations(page)))
    await page.goto(path)
  }
  await visit('/')
  await expect(lcStatus(page)).toHaveAttribute('data-status', 'synced', { timeout: 60_000 })

  await visit('/block')
  await expect(page.getByTestId('tx-count')).toBeVisible({ timeout: 60_000 })
  await expect(page.getByTestId('tx-row').first().getByTestId('provenance-badge')).toHaveAttribute('data-status', 'verified')
  await page.screenshot({ path: 'test-results/screenshots/block.png', fullPage: true })

  await visit('/state')
  await expect(page.getByTestId('proof-card').first().getByTestId('provenance-badge')).toHaveAttribute('data-status', 'verified', { timeout: 60_000 })

  await visit('/results')
  await expect(page.getByTestId('results-counts')).toContainText(/0 pending/, { timeout: 60_000 })
  await expect(page.locator('[data-result-id="risc0-TestReceiptV3_0"]')).toHaveAttribute('data-status', 'verified')
  await visit('/results/sp1-helios-sepolia_v2.0.0_contracts_proof_bin')
  await expect(page.getByTestId('result-statement')).toContainText('proof of Ethereum consensus by the SP1-Helios program', { timeout: 60_000 })

  // The storage page: web3:// resolution (web3protocol, brotli-wasm) and the wallet layer (wagmi) load lazily.
  await visit('/storage')
  await expect(page.getByTestId('web3-url')).toBeVisible({ timeout: 60_000 })
  await openWalletPanel(page)
  await expect(page.getByRole('banner').getByTestId('wallet-none')).toBeVisible({ timeout: 30_000 })

  // Dark theme from public/theme-init.js (no inline script), before the app's first render.
  await page.evaluate(() => localStorage.setItem('lightbus-theme', 'dark'))
  await visit('/?network=devnet')
  await expect(page.locator('html')).toHaveClass(/dark/)
  await expect(lcStatus(page)).toHaveAttribute('data-status', 'synced', { timeout: 60_000 })

  violations.push(...(await eventViolations(page)))
  expect(violations).toEqual([])
})

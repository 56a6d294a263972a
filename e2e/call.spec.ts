import { expect, test } from '@playwright/test'

const PROOF_MARKET = '0xe7f1725e7734ce288f8367e1bb143e90bb3f0512'
const DEV = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const callUrl = (q: Record<string, string>) => `/state?${new URLSearchParams({ network: 'devnet', ...q })}`

test('a verified call from a shared URL runs at the finalized block, decoded and verified down to the light client', async ({ page }) => {
  await page.goto(callUrl({ callTo: PROOF_MARKET, callSig: 'balanceOf(address) view returns (uint256)', callArgs: DEV }))
  const panel = page.getByTestId('verified-call')
  await expect(panel.getByTestId('provenance-badge')).toHaveAttribute('data-status', 'verified', { timeout: 45_000 })
  await expect(panel.getByTestId('call-return')).toHaveText(/^0x[0-9a-f]{64}$/)
  await expect(panel.getByTestId('call-decoded')).toHaveText('"0"')
  await panel.getByTestId('provenance-badge').click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('Account and storage proofs')
  await expect(dialog).toContainText('EVM execution (cancun)')
  await expect(dialog).toContainText('Trusted checkpoint')
})

test('an RPC serving other code makes the call fail, never verify', async ({ page }) => {
  await page.route('http://127.0.0.1:18545/**', async (route) => {
    const body = route.request().postDataJSON() as { method?: string; id?: number } | null
    if (body?.method === 'eth_getCode') return route.fulfill({ json: { jsonrpc: '2.0', id: body.id, result: '0x6001600055' } })
    return route.fallback()
  })
  await page.goto(callUrl({ callTo: PROOF_MARKET, callData: '0x70a08231000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266' }))
  const panel = page.getByTestId('verified-call')
  await expect(panel.getByTestId('provenance-badge')).toHaveAttribute('data-status', 'failed', { timeout: 45_000 })
  await expect(panel.getByTestId('call-error')).toContainText('CodeHashMismatch')
})

test('malformed calldata is a clear error, no call made', async ({ page }) => {
  await page.goto(callUrl({ callTo: PROOF_MARKET, callData: '0xzz' }))
  await expect(page.getByTestId('verified-call').getByTestId('call-error')).toContainText('Calldata must be 0x-hex bytes', { timeout: 20_000 })
})

import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { createPublicClient, createWalletClient, type Hex, http, stringToHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { waitForFinalizedBlock } from '../devnet/beacon/waitForFinality.ts'
import { compileSolidity } from '../src/test/anvilForTests.ts'
import { installTestWallet, openWalletPanel } from './testWallet.ts'

/**
 * The storage page and the wallet layer on the devnet of playwright.config.ts (anvil 18545, beacon 18546), with the
 * EIP-6963 test wallet of e2e/testWallet.ts.
 */
const RPC = 'http://127.0.0.1:18545'
const BEACON = 'http://127.0.0.1:18546'

test('wallet: discovered through EIP-6963; a rejected request (4001) shows its error and changes nothing; wrong chain, switch', async ({ page }) => {
  const wallet = await installTestWallet(page, { rpcUrl: RPC, chainId: 1, supportedChainIds: [1, 31337] })
  await page.goto('/?network=devnet')
  await openWalletPanel(page)
  const option = page.getByTestId('wallet-option').filter({ hasText: 'Lightbus Test Wallet' })
  await expect(option).toBeVisible()

  // Connecting asks to switch to the devnet (chain 31337): the user rejects it.
  wallet.reject(['wallet_switchEthereumChain'])
  await option.click()
  await expect(page.getByTestId('wallet-error')).toHaveAttribute('data-code', 'UserRejected')
  await expect(page.getByTestId('wallet-error')).toContainText('You declined the wallet request')
  await expect(page.getByTestId('wallet-account')).toHaveCount(0)
  expect(wallet.state.sent).toEqual([])

  wallet.reject([])
  await option.click()
  await expect(page.getByTestId('wallet-account')).toContainText(`${wallet.address.slice(0, 6)}…`)
  await expect(page.getByTestId('wallet-balance')).toContainText('ETH')
  expect(wallet.state.chainId).toBe(31337)

  // The wallet moves to chain 1 by itself: the app says so and offers the switch back.
  await wallet.setChain(1)
  await expect(page.getByTestId('wallet-wrong-chain')).toContainText('chain 1')
  await page.getByTestId('wallet-switch').click()
  await expect(page.getByTestId('wallet-wrong-chain')).toHaveCount(0)
  await expect(page.getByTestId('wallet-balance')).toBeVisible()
})

test('storage: a web3:// site on the devnet renders in a sandboxed iframe, its image inlined, with a provenance dialog', async ({ page }) => {
  // A manual-mode site (test contract) with a page and an SVG image, deployed from anvil's account 8 (not the test
  // wallet's: the upload test sends from that one at the same time, and nonces must not race).
  const built = compileSolidity({ 'Web3TestSites.sol': readFileSync(new URL('../src/test/contracts/Web3TestSites.sol', import.meta.url), 'utf8') })
  const site = built.ManualSite as (typeof built)[string]
  const account = privateKeyToAccount('0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6')
  const walletClient = createWalletClient({ account, transport: http(RPC) })
  const publicClient = createPublicClient({ transport: http(RPC) })
  const deployHash = await walletClient.deployContract({ abi: site.abi, bytecode: site.bytecode, chain: null })
  const address = (await publicClient.waitForTransactionReceipt({ hash: deployHash })).contractAddress as Hex
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#10b981"/></svg>'
  const html =
    '<!doctype html><html><body><h1 id="t">Hello from web3://</h1><img id="logo" src="logo.svg" alt="logo"><script>document.title="ran"</script></body></html>'
  let lastBlock = 0n
  for (const [path, content] of [
    ['/index.html', html],
    ['/logo.svg', svg],
  ] as const) {
    const hash = await walletClient.writeContract({ address, abi: site.abi, functionName: 'put', args: [stringToHex(path), stringToHex(content)], chain: null })
    lastBlock = (await publicClient.waitForTransactionReceipt({ hash })).blockNumber
  }
  // Calls run at the light client's finalized block: wait until the writes are final.
  await waitForFinalizedBlock(BEACON, Number(lastBlock))

  const url = `web3://${address}:31337/`
  await page.goto(`/storage?network=devnet&url=${encodeURIComponent(url)}`)
  await expect(page.getByTestId('web3-url')).toHaveValue(url)
  const frame = page.getByTestId('resource-sandbox')
  await expect(frame).toBeVisible({ timeout: 60_000 })
  await expect(frame).toHaveAttribute('sandbox', 'allow-scripts')
  expect(await frame.getAttribute('src')).toMatch(/^blob:/)
  const inner = page.frameLocator('[data-testid=resource-sandbox]')
  await expect(inner.locator('#t')).toHaveText('Hello from web3://')
  // The relative image was resolved through web3:// too and inlined.
  await expect(inner.locator('#logo')).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/)
  await expect.poll(() => inner.locator('#logo').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(40)
  // Opaque origin: the page cannot reach the app's storage.
  expect(await inner.locator('body').evaluate(() => window.origin)).toBe('null')
  await expect(page.getByTestId('resource')).toHaveAttribute('data-mime', 'text/html')

  const badge = page.getByTestId('resource').getByTestId('provenance-badge')
  await expect(badge).toHaveAttribute('data-status', 'verified')
  await badge.click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('Contract call')
  await expect(dialog).toContainText('Image logo.svg')
  await page.keyboard.press('Escape')

  // A text file: inline.
  await page.getByTestId('web3-url').fill(`web3://${address}:31337/logo.svg`)
  await page.getByTestId('web3-open').click()
  await expect(page).toHaveURL(/url=web3%3A%2F%2F.*logo\.svg/)
  await expect(page.getByTestId('resource')).toHaveAttribute('data-mime', 'image/svg+xml')

  // Another chain: a plain typed error.
  await page.getByTestId('web3-url').fill(`web3://${address}/index.html`)
  await page.getByTestId('web3-open').click()
  await expect(page.getByTestId('resource-error')).toHaveAttribute('data-code', 'Web3Url')
  await expect(page.getByTestId('resource-error')).toContainText('names chain 1')
})

const SITE_HTML =
  '<!doctype html><html><head><title>uploaded</title></head><body><h1 id="t">Uploaded with blobs</h1><img id="logo" src="logo.svg" alt="logo"></body></html>'
const SITE_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="32" height="24"><rect width="32" height="24" fill="#0ea5e9"/></svg>'

/** Chooses the site's files in the upload panel and starts the upload. */
async function chooseSite(page: import('@playwright/test').Page) {
  await page.getByTestId('upload-files').setInputFiles([
    { name: 'index.html', mimeType: 'text/html', buffer: Buffer.from(SITE_HTML) },
    { name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(SITE_SVG) },
  ])
  await expect(page.getByTestId('upload-plan')).toContainText('index.html')
  await expect(page.getByTestId('upload-tx')).toHaveCount(2)
}

/**
 * Waits until the upload is done, or fails at once with the error the page shows (an upload error used to be seen
 * only as a 180 s timeout); on a timeout, says where each transaction was and what the wallet was asked.
 */
async function waitForUpload(page: import('@playwright/test').Page, state: { requests: string[]; sent: Hex[] }) {
  const done = page.getByTestId('upload-done')
  const error = page.getByTestId('wallet-error').first()
  try {
    await expect(done.or(error).first()).toBeVisible({ timeout: 180_000 })
  } catch (e) {
    const rows = await page.getByTestId('upload-tx').evaluateAll((els) => els.map((el) => `${el.getAttribute('data-status')}: ${el.textContent}`))
    const mined = await page
      .getByRole('progressbar', { name: 'Transactions mined' })
      .getAttribute('aria-valuenow', { timeout: 1_000 })
      .catch(() => null)
    throw new Error(
      `upload neither done nor failed; mined ${mined}; rows ${JSON.stringify(rows)}; wallet sent ${JSON.stringify(state.sent)}; wallet requests ${JSON.stringify(state.requests.slice(-20))}`,
      { cause: e },
    )
  }
  if (await error.isVisible())
    throw new Error(
      `upload failed: ${await error.getAttribute('data-code', { timeout: 1_000 })}: ${await error.textContent({ timeout: 1_000 })}; wallet sent ${JSON.stringify(state.sent)}`,
    )
}

test('upload: a site through the test wallet (FlatDirectory + blob transactions), opened verified in the sandbox; a rejected request changes nothing; a lying storage node fails', async ({
  page,
}) => {
  test.setTimeout(300_000)
  const wallet = await installTestWallet(page, { rpcUrl: RPC })
  await page.goto('/storage?network=devnet')
  const panel = page.getByTestId('upload-wallet')
  await panel.getByTestId('wallet-connect').click()
  await panel.getByTestId('wallet-option').filter({ hasText: 'Lightbus Test Wallet' }).click()
  await expect(page.getByTestId('upload-wallet')).toHaveCount(0)
  await chooseSite(page)

  // The user rejects the deployment: the error is shown and nothing is sent.
  wallet.reject(['eth_sendTransaction'])
  await page.getByTestId('upload-start').click()
  await expect(page.getByTestId('wallet-error')).toHaveAttribute('data-code', 'UserRejected')
  expect(wallet.state.sent).toEqual([])
  await expect(page.getByTestId('upload-done')).toHaveCount(0)

  wallet.reject([])
  await page.getByTestId('upload-start').click()
  await expect(page.getByTestId('wallet-error')).toHaveCount(0) // the refusal's notice goes as the new upload starts
  await waitForUpload(page, wallet.state)
  await expect(page.getByTestId('upload-tx').filter({ has: page.locator('[data-value]') })).toHaveCount(2)
  await expect(page.getByTestId('upload-tx').first()).toHaveAttribute('data-status', 'mined')
  await expect(page.getByRole('progressbar', { name: 'Transactions mined' })).toHaveAttribute('aria-valuenow', '3')
  // deploy + two blob transactions
  expect(wallet.state.sent).toHaveLength(3)
  const url = (await page.getByTestId('upload-url').textContent()) as string
  expect(url).toMatch(/^web3:\/\/0x[0-9a-fA-F]{40}:31337\/$/)
  // Calls run at the light client's finalized block: wait until the last write is final (the page would also
  // re-resolve an empty answer at each new finalized block).
  const last = await createPublicClient({ transport: http(RPC) }).waitForTransactionReceipt({ hash: wallet.state.sent.at(-1) as Hex })
  await waitForFinalizedBlock(BEACON, Number(last.blockNumber))

  // Open it: rendered in the sandbox, every call verified, the blobs checked against their KZG commitments.
  await page.getByTestId('upload-open').click()
  await expect(page).toHaveURL(/url=web3%3A%2F%2F0x/)
  const frame = page.getByTestId('resource-sandbox')
  await expect(frame).toBeVisible({ timeout: 120_000 })
  await expect(frame).toHaveAttribute('sandbox', 'allow-scripts')
  const inner = page.frameLocator('[data-testid=resource-sandbox]')
  await expect(inner.locator('#t')).toHaveText('Uploaded with blobs')
  await expect(inner.locator('#logo')).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/)
  const badge = page.getByTestId('resource').getByTestId('provenance-badge')
  await expect(badge).toHaveAttribute('data-status', 'verified')
  await badge.click()
  const dialog = page.getByRole('dialog')
  // Down to the light client's header: checkpoint → … → execution payload header → block → proofs → EVM → blob KZG → versioned hash → decoded.
  await expect(dialog).toContainText('Trusted checkpoint')
  await expect(dialog).toContainText('Execution payload header')
  await expect(dialog).toContainText('Account and storage proofs')
  await expect(dialog).toContainText('KZG blob proof')
  await expect(dialog).toContainText('Versioned hash equals the proven KV hash')
  await expect(dialog).toContainText('Content decoded')
  // The blob's beacon block, reached by parent roots from the light client's finalized header; the sidecar's inclusion proof.
  await expect(dialog).toContainText('Commitment in the verified block body')
  await expect(dialog).toContainText('Blob sidecar: KZG proof and SSZ inclusion proof (depth 17) to the verified block root')
  await page.keyboard.press('Escape')
  await page.screenshot({ path: 'test-results/screenshots/storage-verified.png', fullPage: true })

  // A storage node serving other bytes (one flipped content byte in every lightbus_getBlob answer, reached from the
  // storage worker): the page shows failed, never the content.
  await page.context().route('http://127.0.0.1:18549/**', async (route) => {
    if (route.request().method() !== 'POST') return route.continue()
    const res = await route.fetch()
    const body = await res.json()
    if (typeof body?.result?.blob === 'string') {
      const hex: string = body.result.blob
      const i = 2 + 2 * 1 // first content byte of field element 0
      body.result.blob = `${hex.slice(0, i)}${(Number.parseInt(hex.slice(i, i + 2), 16) ^ 0x01).toString(16).padStart(2, '0')}${hex.slice(i + 2)}`
    }
    await route.fulfill({ response: res, json: body })
  })
  await page.reload()
  const error = page.getByTestId('resource-error')
  await expect(error).toBeVisible({ timeout: 120_000 })
  await expect(error.getByTestId('provenance-badge')).toHaveAttribute('data-status', 'failed')
  await expect(error).toHaveAttribute('data-code', 'KzgProofInvalid')
  await expect(page.getByTestId('resource-sandbox')).toHaveCount(0)
})

test('upload: a wallet that cannot send blob transactions is reported plainly (WalletUnsupported)', async ({ page }) => {
  test.setTimeout(180_000)
  // anvil's account 5: the other upload test sends from the test wallet's default account at the same time.
  const wallet = await installTestWallet(page, { rpcUrl: RPC, privateKey: '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba' })
  wallet.refuseBlobTransactions()
  await page.goto('/storage?network=devnet')
  const panel = page.getByTestId('upload-wallet')
  await panel.getByTestId('wallet-connect').click()
  await panel.getByTestId('wallet-option').filter({ hasText: 'Lightbus Test Wallet' }).click()
  await chooseSite(page)
  await page.getByTestId('upload-start').click()
  const error = page.getByTestId('wallet-error')
  await expect(error).toHaveAttribute('data-code', 'WalletUnsupported', { timeout: 120_000 })
  await expect(error).toContainText('blob')
  await expect(page.getByTestId('upload-done')).toHaveCount(0)
})

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { createPublicClient, createWalletClient, type Hex, http, parseEther } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { devAccount } from '../devnet/accounts.ts'
import { fundAccount } from '../devnet/fundAccount.ts'
import { fibonacci } from '../src/prover/vm/programs/fibonacci.ts'
import { proveReceipt } from '../src/prover/zkvm/receipt.ts'
import { encodeReceiptForEvm, journalDigest } from '../src/prover/zkvm/receiptEvm.ts'
import { compileSolidity } from '../src/test/anvilForTests.ts'

// A stand-in ProofMarket that emits the real fulfilment events (docs/verified-results.md) on the e2e devnet.
const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract FulfilmentEvents {
  event RequestFulfilled(uint256 indexed requestId, address indexed prover, bytes32 indexed requestDigest, bytes32 imageId, bytes32 inputDigest, bytes32 journalDigest);
  event ProofDelivered(uint256 indexed requestId, address indexed prover, bytes receipt);
  function deliver(uint256 id, bytes32 imageId, bytes32 inputDigest, bytes32 journalDigest, bytes calldata receipt) external {
    emit RequestFulfilled(id, msg.sender, keccak256(receipt), imageId, inputDigest, journalDigest);
    emit ProofDelivered(id, msg.sender, receipt);
  }
}`
const RPC = 'http://127.0.0.1:18545'
const config = JSON.parse(readFileSync(join(import.meta.dirname, '../public/config.json'), 'utf8'))

test('devnet Verified results: fulfilment logs proven against receipts roots; a log altered by the RPC shows failed', async ({ page }) => {
  test.setTimeout(180_000)
  // A fresh account (no nonce shared with other tests), funded by a transfer from its own funder (devnet/fundAccount.ts).
  const account = privateKeyToAccount(generatePrivateKey())
  await fundAccount(RPC, devAccount(12), account.address, parseEther('10'))
  const pub = createPublicClient({ chain: foundry, transport: http(RPC) })
  const wallet = createWalletClient({ account, chain: foundry, transport: http(RPC) })
  const { abi, bytecode } = compileSolidity({ 'FulfilmentEvents.sol': SOURCE }).FulfilmentEvents as { abi: any; bytecode: Hex }
  const market = (await pub.waitForTransactionReceipt({ hash: await wallet.deployContract({ abi, bytecode }) })).contractAddress as Hex
  const receipt = await proveReceipt(fibonacci, [20], 10)
  const rowIds: string[] = []
  for (const id of [1n, 2n]) {
    const args = [id, receipt.imageId, receipt.inputDigest, journalDigest(receipt.journal), encodeReceiptForEvm(receipt)]
    const r = await pub.waitForTransactionReceipt({ hash: await wallet.writeContract({ address: market, abi, functionName: 'deliver', args } as never) })
    rowIds.push(`market-${r.blockNumber}-${r.logs[0]?.logIndex}`)
  }

  // The app's devnet has this market; its RPC alters the data of request 2's ProofDelivered in eth_getLogs.
  const c = structuredClone(config)
  const net = c.networks.find((n: { id: string }) => n.id === 'devnet')
  net.market = { proofMarket: market, serviceRegistry: market, coordinatorHttpUrl: 'http://127.0.0.1:18548', proverAskWei: '0' }
  await page.route('**/config.json', (route) => route.fulfill({ json: c }))
  await page.route(`${RPC}/**`, async (route) => {
    const body = route.request().postDataJSON() as { method?: string } | null
    if (body?.method !== 'eth_getLogs') return route.fallback()
    const res = await route.fetch()
    const json = (await res.json()) as { result?: { topics: string[]; data: string }[] }
    for (const l of json.result ?? []) {
      if (l.topics.length === 3 && BigInt(l.topics[1] as string) === 2n && l.data.length > 200)
        l.data = `${l.data.slice(0, -2)}${l.data.endsWith('00') ? '01' : '00'}`
    }
    return route.fulfill({ response: res, json })
  })

  await page.goto('/results?network=devnet')
  const good = page.locator(`[data-result-id="${rowIds[0]}"]`)
  const bad = page.locator(`[data-result-id="${rowIds[1]}"]`)
  await expect(good).toHaveAttribute('data-status', 'verified', { timeout: 120_000 })
  await expect(good.getByTestId('result-source')).toContainText('ProofMarket log')
  await expect(bad).toHaveAttribute('data-status', 'failed')
  await expect(page.getByTestId('market-status')).toContainText('each log proven against its block’s receipts root')

  // The verified row's chain of checks: light client → header chain → receipts root → log → receipt.
  await good.getByTestId('provenance-badge').click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('Light-client verified execution block')
  await expect(dialog).toContainText('Receipts root')
  await expect(dialog).toContainText('Claim equals RequestFulfilled')
  await page.keyboard.press('Escape')
  await page.goto(`/results/${rowIds[1]}?network=devnet`)
  await expect(page.getByTestId('result-error')).toContainText('LogNotProven', { timeout: 60_000 })
})

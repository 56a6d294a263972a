import { encodeErrorResult, keccak256 } from 'viem'
import { describe, expect, it } from 'vitest'
import { UserRejectedError } from '../../errors/wallet.ts'
import { fromStoredProofRequest, toStoredProofRequest } from '../../jobs/actions/storedRequest.ts'
import { inputDigest } from '../../prover/zkvm/receipt.ts'
import { rampSeries } from '../../ui/jobs/PriceChart.tsx'
import type { StoredJob } from './jobStore.ts'
import { formatDuration, isFinal, isLater, jobStateAt } from './jobView.ts'
import { DEVNET_PROOF_MARKET, marketOf, PROOF_MARKET_READ_ABI } from './market.ts'
import { clientOf, indexOf, type RequestStatus, requestIdOf } from './marketApi.ts'
import { DEFAULT_OFFER_FORM, inputBytesToWords, MAX_PRICE_WEI, offerFromForm, programInput, wordsToInputBytes } from './offerForm.ts'
import { decodeRevert } from './rpcReads.ts'
import { type SubmitDeps, submitJob } from './submitJob.ts'

const CLIENT = '0x23618e81e3f5cdf7f54c3d65f7fbc0abf5b21e8f' as const
const NOW = 1_700_000_000n

describe('offer form (ProofMarket InvalidOffer / PriceTooHigh rules)', () => {
  it('builds the offer of the default form at now', () => {
    const { offer, errors } = offerFromForm(DEFAULT_OFFER_FORM, NOW)
    expect(errors).toEqual({})
    expect(offer).toEqual({
      minPrice: 50_000_000_000_000n,
      maxPrice: 200_000_000_000_000n,
      rampUpStart: NOW,
      rampUpPeriod: 30,
      lockTimeout: 120,
      timeout: 240,
      lockCollateral: 10_000_000_000_000_000n,
    })
  })

  it.each([
    [{ minPriceEth: '1', maxPriceEth: '0.5' }, 'minPriceEth'],
    [{ rampUpPeriodSec: '200', lockTimeoutSec: '100' }, 'rampUpPeriodSec'],
    [{ lockTimeoutSec: '300', timeoutSec: '200' }, 'lockTimeoutSec'],
    [{ maxPriceEth: '100000000000' }, 'maxPriceEth'],
    [{ collateralEth: '1e3' }, 'collateralEth'],
    [{ timeoutSec: '4294967296' }, 'timeoutSec'],
    [{ lockTimeoutSec: '0', timeoutSec: '0', rampUpPeriodSec: '0' }, 'lockTimeoutSec'],
    [{ minPriceEth: '0.0000000000000000001' }, 'minPriceEth'],
  ])('rejects %o in %s', (patch, field) => {
    const { offer, errors } = offerFromForm({ ...DEFAULT_OFFER_FORM, ...patch }, NOW)
    expect(offer).toBeNull()
    expect(Object.keys(errors)).toContain(field)
  })

  it('accepts the bounds: max price 2^96 − 1 wei, equal min and max, ramp = lock timeout = timeout', () => {
    const maxEth = '79228162514.264337593543950335'
    const { offer } = offerFromForm(
      { ...DEFAULT_OFFER_FORM, minPriceEth: maxEth, maxPriceEth: maxEth, rampUpPeriodSec: '60', lockTimeoutSec: '60', timeoutSec: '60' },
      NOW,
    )
    expect(offer?.maxPrice).toBe(MAX_PRICE_WEI)
    expect(offer?.minPrice).toBe(MAX_PRICE_WEI)
  })

  it('input bytes are the words as u32 LE: keccak256(input) = the receipt inputDigest', () => {
    const p = programInput({ kind: 'program', name: 'fibonacci' }, '20')
    if ('error' in p) throw new Error(p.error)
    const bytes = wordsToInputBytes(p.words)
    expect(keccak256(bytes)).toBe(inputDigest(p.words))
    expect(inputBytesToWords(bytes)).toEqual(p.words)
    expect(inputBytesToWords('0x010203')).toBeNull()
    expect(programInput({ kind: 'program', name: 'fibonacci' }, 'x')).toHaveProperty('error')
    expect(programInput({ kind: 'custom', imageId: '0x12' }, '1')).toHaveProperty('error')
    expect(programInput({ kind: 'custom', imageId: `0x${'ab'.repeat(32)}` }, '1, 2 3')).toEqual({ imageId: `0x${'ab'.repeat(32)}`, words: [1, 2, 3] })
    expect(programInput({ kind: 'custom', imageId: `0x${'ab'.repeat(32)}` }, '2013265921')).toHaveProperty('error')
  })
})

const status = (p: Partial<RequestStatus>): RequestStatus => ({
  state: 0,
  slashed: false,
  locker: '0x0000000000000000000000000000000000000000',
  fulfiller: '0x0000000000000000000000000000000000000000',
  price: 0n,
  collateral: 0n,
  lockDeadline: 0n,
  deadline: 0n,
  requestDigest: `0x${'00'.repeat(32)}`,
  imageId: `0x${'00'.repeat(32)}`,
  inputDigest: `0x${'00'.repeat(32)}`,
  journalDigest: `0x${'00'.repeat(32)}`,
  lockedAtBlock: 0n,
  fulfilledAtBlock: 0n,
  ...p,
})

describe('job view (proven states)', () => {
  const offer = offerFromForm(DEFAULT_OFFER_FORM, NOW).offer as NonNullable<ReturnType<typeof offerFromForm>['offer']>
  it('submitted, locked, fulfilled, expired (slashed), and never locked after the lock deadline', () => {
    expect(jobStateAt(status({}), offer, NOW + 10n, true)).toEqual({ state: 'submitted', slashed: false, neverLocked: false })
    expect(jobStateAt(status({}), offer, NOW + 121n, true)).toEqual({ state: 'expired', slashed: false, neverLocked: true })
    expect(jobStateAt(status({ state: 1, deadline: NOW + 240n }), offer, NOW + 100n, true).state).toBe('locked')
    expect(jobStateAt(status({ state: 2 }), offer, NOW + 100n, true).state).toBe('fulfilled')
    const slashed = jobStateAt(status({ state: 3, slashed: true }), offer, NOW + 300n, true)
    expect(slashed).toEqual({ state: 'expired', slashed: true, neverLocked: false })
    expect(isFinal(slashed)).toBe(true)
    expect(isFinal({ state: 'expired', slashed: false, neverLocked: false })).toBe(false)
    expect(isLater({ state: 'locked', slashed: false, neverLocked: false }, { state: 'fulfilled', slashed: false, neverLocked: false })).toBe(true)
    expect(isLater({ state: 'expired', slashed: false, neverLocked: false }, { state: 'expired', slashed: true, neverLocked: false })).toBe(true)
    expect(isLater({ state: 'fulfilled', slashed: false, neverLocked: false }, { state: 'locked', slashed: false, neverLocked: false })).toBe(false)
    expect(formatDuration(5)).toBe('5 s')
    expect(formatDuration(125)).toBe('2 min 5 s')
  })

  it('the chart series has the ramp corners: min before the start, max after the ramp, 0 after the lock deadline', () => {
    const s = rampSeries(offer, Number(NOW))
    const at = (t: number) => s.price[s.t.indexOf(t)]
    expect(at(Number(NOW))).toBeCloseTo(50_000)
    expect(at(Number(NOW) + 30)).toBeCloseTo(200_000)
    expect(at(Number(NOW) + 120)).toBeCloseTo(200_000)
    expect(at(Number(NOW) + 121)).toBe(0)
    expect(s.t.every((t, i) => i === 0 || t > (s.t[i - 1] as number))).toBe(true)
  })
})

describe('request ids and the market config', () => {
  it('id = client << 32 | index', () => {
    const id = requestIdOf(CLIENT, 7)
    expect(clientOf(id).toLowerCase()).toBe(CLIENT)
    expect(indexOf(id)).toBe(7)
    expect(
      marketOf({ id: 'devnet', name: 'd', kind: 'devnet', chain: 'devnet', beaconApiUrl: '', executionRpcUrl: '', checkpointRoot: null })?.proofMarket,
    ).toBe(DEVNET_PROOF_MARKET)
    expect(marketOf({ id: 'm', name: 'm', kind: 'live', chain: 'mainnet', beaconApiUrl: '', executionRpcUrl: '', checkpointRoot: null })).toBeNull()
  })
})

/** An in-memory My jobs store and a scripted wallet. */
function fakeDeps(o: { rejectSign?: boolean; failSend?: boolean; balance?: bigint } = {}) {
  const jobs = new Map<string, StoredJob>()
  let next = 0
  const sent: { valueWei: bigint }[] = []
  const deps: SubmitDeps = {
    sign: async () => {
      if (o.rejectSign) throw new UserRejectedError({ action: 'sign the proof request' })
      return `0x${'11'.repeat(65)}`
    },
    send: async (_r, _s, valueWei) => {
      // What is stored when the wallet is asked to send: the signed request, already.
      expect([...jobs.values()].at(-1)?.phase).toBe('signed')
      if (o.failSend) throw new UserRejectedError({ action: 'submit the proof request' })
      sent.push({ valueWei })
      return `0x${'22'.repeat(32)}`
    },
    balance: async () => o.balance ?? 0n,
    nextIndex: async () => next,
    saveSigned: async (job, index) => {
      jobs.set(job.key, job)
      next = index + 1
    },
    update: async (key, patch) => {
      const cur = jobs.get(key)
      if (cur) jobs.set(key, { ...cur, ...patch })
    },
  }
  return { deps, jobs, sent }
}

describe('submitting a job (sign → store → send)', () => {
  const offer = offerFromForm(DEFAULT_OFFER_FORM, NOW).offer as NonNullable<ReturnType<typeof offerFromForm>['offer']>
  const params = {
    networkId: 'devnet',
    client: CLIENT,
    imageId: `0x${'ab'.repeat(32)}` as const,
    words: [20],
    program: 'fibonacci',
    inputText: '20',
    offer,
    nowMs: 1,
  }

  it('stores the signed request before sending, then marks it sent; pays maxPrice when the balance is short; indices advance', async () => {
    const { deps, jobs, sent } = fakeDeps({ balance: 0n })
    const a = await submitJob(params, deps)
    expect(a.job.phase).toBe('sent')
    expect(jobs.get(a.job.key)?.phase).toBe('sent')
    expect(jobs.get(a.job.key)?.txHash).toBe(a.txHash)
    expect(sent[0]?.valueWei).toBe(offer.maxPrice)
    expect(fromStoredProofRequest(toStoredProofRequest(fromStoredProofRequest(a.job.request)))).toEqual(fromStoredProofRequest(a.job.request))
    const rich = fakeDeps({ balance: 10n ** 18n })
    await submitJob(params, rich.deps)
    expect(rich.sent[0]?.valueWei).toBe(0n)
    const b = await submitJob(params, deps)
    expect(indexOf(BigInt(b.job.requestId))).toBe(1)
  })

  it('a rejected signature (4001) stores nothing; a refused send keeps the signed job as send-failed', async () => {
    const rejected = fakeDeps({ rejectSign: true })
    await expect(submitJob(params, rejected.deps)).rejects.toBeInstanceOf(UserRejectedError)
    expect(rejected.jobs.size).toBe(0)
    const refused = fakeDeps({ failSend: true })
    await expect(submitJob(params, refused.deps)).rejects.toBeInstanceOf(UserRejectedError)
    const [job] = [...refused.jobs.values()]
    expect(job?.phase).toBe('send-failed')
    expect(job?.sendError).toMatch(/UserRejected/)
    expect(job?.signature).toBe(`0x${'11'.repeat(65)}`)
  })
})

describe('revert reasons of refused fulfilments', () => {
  it('decodes market errors by name with their arguments; unknown or empty data says so', () => {
    const data = encodeErrorResult({ abi: PROOF_MARKET_READ_ABI, errorName: 'ClaimMismatch', args: ['inputDigest'] })
    expect(decodeRevert(data, PROOF_MARKET_READ_ABI)).toEqual({ reason: 'ClaimMismatch(inputDigest)', errorName: 'ClaimMismatch' })
    const expired = encodeErrorResult({ abi: PROOF_MARKET_READ_ABI, errorName: 'NotExpired', args: [5n] })
    expect(decodeRevert(expired, PROOF_MARKET_READ_ABI).reason).toBe('NotExpired(5)')
    expect(decodeRevert('0xdeadbeef', PROOF_MARKET_READ_ABI).reason).toBe('unknown error 0xdeadbeef')
    expect(decodeRevert(null, PROOF_MARKET_READ_ABI).errorName).toBeNull()
  })
})

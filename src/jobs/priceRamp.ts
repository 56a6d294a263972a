import { MalformedInputError } from '../errors/base.ts'
import type { Offer } from './types.ts'

/**
 * The ProofMarket price ramp (contracts/ProofMarket.sol `priceAt`, as in Boundless): minPrice up to rampUpStart, linear
 * (rounded down) to maxPrice over rampUpPeriod, maxPrice until the lock deadline, 0 after it. All prices in wei, times
 * in unix seconds. Differentially tested against the contract (src/jobs/priceRamp.test.ts).
 */

const UINT96_MAX = (1n << 96n) - 1n
const UINT64_MAX = (1n << 64n) - 1n
const UINT32_MAX = 0xffff_ffff

const bad = (details: string) => new MalformedInputError({ what: 'offer', details })
const isU32 = (n: number) => Number.isInteger(n) && n >= 0 && n <= UINT32_MAX

/**
 * The contract's offer checks (`_checkOffer`): maxPrice and lockCollateral ≤ 2^96 − 1 (else PriceTooHigh),
 * minPrice ≤ maxPrice, rampUpPeriod ≤ lockTimeout ≤ timeout, timeout > 0, rampUpStart + timeout < 2^64 (else InvalidOffer).
 * @throws {MalformedInputError} naming the broken rule.
 */
export function assertOffer(o: Offer): void {
  if (o.minPrice < 0n || o.lockCollateral < 0n) throw bad('negative amount')
  if (!isU32(o.rampUpPeriod) || !isU32(o.lockTimeout) || !isU32(o.timeout)) throw bad('periods must be uint32 seconds')
  if (o.rampUpStart < 0n || o.rampUpStart > UINT64_MAX) throw bad('rampUpStart must be a uint64')
  if (o.maxPrice > UINT96_MAX) throw bad('maxPrice above 2^96 − 1 wei (PriceTooHigh)')
  if (o.lockCollateral > UINT96_MAX) throw bad('lockCollateral above 2^96 − 1 wei (PriceTooHigh)')
  if (o.minPrice > o.maxPrice) throw bad('minPrice above maxPrice (InvalidOffer)')
  if (o.rampUpPeriod > o.lockTimeout) throw bad('rampUpPeriod longer than lockTimeout (InvalidOffer)')
  if (o.lockTimeout > o.timeout) throw bad('lockTimeout longer than timeout (InvalidOffer)')
  if (o.timeout === 0) throw bad('timeout is 0 (InvalidOffer)')
  if (o.rampUpStart + BigInt(o.timeout) > UINT64_MAX) throw bad('rampUpStart + timeout overflows uint64 (InvalidOffer)')
}

/** Price in wei at unix time `tSec` (the contract's `priceAt(offer, t)`). @throws {MalformedInputError} for an invalid offer or t outside uint64. */
export function priceAt(offer: Offer, tSec: bigint): bigint {
  assertOffer(offer)
  if (tSec < 0n || tSec > UINT64_MAX) throw new MalformedInputError({ what: 'time', details: 't must be a uint64 (unix seconds)' })
  const start = offer.rampUpStart
  if (tSec <= start) return offer.minPrice
  if (tSec > start + BigInt(offer.lockTimeout)) return 0n
  if (tSec >= start + BigInt(offer.rampUpPeriod)) return offer.maxPrice
  return offer.minPrice + ((offer.maxPrice - offer.minPrice) * (tSec - start)) / BigInt(offer.rampUpPeriod)
}

/** Unix seconds after which no prover can lock, and a locker that fulfils later earns nothing: rampUpStart + lockTimeout. */
export function lockDeadline(offer: Offer): bigint {
  return offer.rampUpStart + BigInt(offer.lockTimeout)
}

/** Unix seconds after which nobody can fulfil and an unfulfilled lock can be slashed: rampUpStart + timeout. */
export function deadline(offer: Offer): bigint {
  return offer.rampUpStart + BigInt(offer.timeout)
}

/**
 * Points of the price curve for a chart: `n` (≥ 2, at most 1000) evenly spaced times from rampUpStart to the lock deadline,
 * plus the ramp's end and the first second after the lock deadline (price 0), sorted by time, times unique.
 * @throws {MalformedInputError} for an invalid offer.
 */
export function rampPoints(offer: Offer, n: number): { tSec: bigint; priceWei: bigint }[] {
  assertOffer(offer)
  const count = Math.max(2, Math.min(1000, Math.floor(n)))
  const start = offer.rampUpStart
  const end = lockDeadline(offer)
  const times = new Set<bigint>([start, start + BigInt(offer.rampUpPeriod), end])
  for (let i = 0; i < count; i++) times.add(start + ((end - start) * BigInt(i)) / BigInt(count - 1))
  if (end < UINT64_MAX) times.add(end + 1n)
  return [...times].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((tSec) => ({ tSec, priceWei: priceAt(offer, tSec) }))
}

import { type Hex, parseEther } from 'viem'
import { P } from '../../prover/vm/field.ts'
import { getProgram, isProgramName } from '../../prover/zkvm/programs.ts'
import type { Offer } from './marketApi.ts'

/** The submit form as typed: ETH amounts as decimal text, times in seconds. */
export type OfferForm = {
  minPriceEth: string
  maxPriceEth: string
  /** Seconds from now until the ramp starts. */
  rampStartInSec: string
  rampUpPeriodSec: string
  lockTimeoutSec: string
  timeoutSec: string
  collateralEth: string
}

export const DEFAULT_OFFER_FORM: OfferForm = {
  minPriceEth: '0.00005',
  maxPriceEth: '0.0002',
  rampStartInSec: '0',
  rampUpPeriodSec: '30',
  lockTimeoutSec: '120',
  timeoutSec: '240',
  collateralEth: '0.01',
}

/** ProofMarket's bound on maxPrice and lockCollateral (PriceTooHigh): type(uint96).max wei. */
export const MAX_PRICE_WEI = (1n << 96n) - 1n
const U32 = 2 ** 32 - 1

export type FieldErrors = Partial<Record<keyof OfferForm, string>>

function eth(text: string, field: keyof OfferForm, errors: FieldErrors): bigint {
  const t = text.trim()
  if (!/^[0-9]+(\.[0-9]{1,18})?$/.test(t)) {
    errors[field] = 'an amount in ETH, e.g. 0.001 (at most 18 decimals)'
    return 0n
  }
  const wei = parseEther(t)
  if (wei > MAX_PRICE_WEI) errors[field] = 'at most 2^96 − 1 wei (the market rejects more: PriceTooHigh)'
  return wei
}

function seconds(text: string, field: keyof OfferForm, errors: FieldErrors, min = 0): number {
  const t = text.trim()
  if (!/^[0-9]{1,10}$/.test(t) || Number(t) > U32 || Number(t) < min) {
    errors[field] = `whole seconds${min > 0 ? ` ≥ ${min}` : ''}, at most ${U32}`
    return 0
  }
  return Number(t)
}

/**
 * The offer of a form at `nowSec` (rampUpStart = now + ramp start), with the rules of ProofMarket's InvalidOffer
 * (minPrice ≤ maxPrice, rampUpPeriod ≤ lockTimeout ≤ timeout) and PriceTooHigh (maxPrice, collateral ≤ 2^96 − 1),
 * and the field types (uint32 periods). `errors` names each bad field; `offer` is null when there is any.
 */
export function offerFromForm(form: OfferForm, nowSec: bigint): { offer: Offer | null; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const minPrice = eth(form.minPriceEth, 'minPriceEth', errors)
  const maxPrice = eth(form.maxPriceEth, 'maxPriceEth', errors)
  const lockCollateral = eth(form.collateralEth, 'collateralEth', errors)
  const start = seconds(form.rampStartInSec, 'rampStartInSec', errors)
  const rampUpPeriod = seconds(form.rampUpPeriodSec, 'rampUpPeriodSec', errors)
  const lockTimeout = seconds(form.lockTimeoutSec, 'lockTimeoutSec', errors, 1)
  const timeout = seconds(form.timeoutSec, 'timeoutSec', errors, 1)
  if (!errors.minPriceEth && !errors.maxPriceEth && minPrice > maxPrice) errors.minPriceEth = 'must not exceed the max price (InvalidOffer)'
  if (!errors.rampUpPeriodSec && !errors.lockTimeoutSec && rampUpPeriod > lockTimeout)
    errors.rampUpPeriodSec = 'must not exceed the lock timeout (InvalidOffer)'
  if (!errors.lockTimeoutSec && !errors.timeoutSec && lockTimeout > timeout) errors.lockTimeoutSec = 'must not exceed the timeout (InvalidOffer)'
  if (Object.keys(errors).length) return { offer: null, errors }
  return {
    offer: { minPrice, maxPrice, rampUpStart: nowSec + BigInt(start), rampUpPeriod, lockTimeout, timeout, lockCollateral },
    errors,
  }
}

/** Provers of the devnet lock only requests whose collateral is at most 0.1 ETH (docs/jobs.md). */
export const DEVNET_MAX_COLLATERAL_WEI = 10n ** 17n

/** u32 little-endian bytes of words (each < p): the request's `input`; keccak256 of it is the receipt's inputDigest. */
export function wordsToInputBytes(words: readonly number[]): Hex {
  const bytes = new Uint8Array(4 * words.length)
  const view = new DataView(bytes.buffer)
  words.forEach((w, i) => {
    view.setUint32(4 * i, w, true)
  })
  return `0x${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}` as Hex
}

/** u32 LE words of `input` bytes (null when the length is not a multiple of 4). */
export function inputBytesToWords(input: Hex): number[] | null {
  const hex = input.slice(2)
  if (hex.length % 8 !== 0) return null
  const out: number[] = []
  for (let i = 0; i < hex.length; i += 8) {
    const b = hex.slice(i, i + 8)
    out.push(Number.parseInt(b.slice(6, 8) + b.slice(4, 6) + b.slice(2, 4) + b.slice(0, 2), 16))
  }
  return out
}

export type ProgramChoice = { kind: 'program'; name: string } | { kind: 'custom'; imageId: string }

/**
 * The image id and input words of the form's program and input text: a shipped program parses its own input
 * (ProvePage's rules); a custom image id (32 bytes hex) takes decimal words below p, comma- or space-separated.
 */
export function programInput(choice: ProgramChoice, inputText: string): { imageId: Hex; words: number[] } | { error: string } {
  if (choice.kind === 'program') {
    if (!isProgramName(choice.name)) return { error: `unknown program ${choice.name}` }
    const entry = getProgram(choice.name)
    try {
      return { imageId: entry.imageId, words: entry.parseInput(inputText) }
    } catch (e) {
      return { error: (e as { details?: string; message: string }).details ?? (e as Error).message }
    }
  }
  if (!/^0x[0-9a-fA-F]{64}$/.test(choice.imageId.trim())) return { error: 'the image id must be 0x + 64 hex digits' }
  const parts = inputText.split(/[\s,]+/).filter(Boolean)
  if (parts.length > 1 << 16) return { error: `at most ${1 << 16} words` }
  const words: number[] = []
  for (const s of parts) {
    if (!/^[0-9]{1,10}$/.test(s) || Number(s) >= P) return { error: `${s.slice(0, 20)} is not a decimal integer below p = ${P}` }
    words.push(Number(s))
  }
  return { imageId: choice.imageId.trim().toLowerCase() as Hex, words }
}

import type { Hex } from 'viem'
import type { ProofRequest } from '../types.ts'

/**
 * A ProofMarket request as stored in IndexedDB (My jobs: src/app/jobs/jobStore.ts; a Services dispute:
 * src/services/sessionStore.ts) and as JSON: the bigints (id, wei amounts, rampUpStart in unix seconds) as decimal
 * strings; the rest as in ProofRequest.
 */
export type StoredProofRequest = {
  id: string
  imageId: Hex
  inputUrl: string
  input: Hex
  offer: { minPrice: string; maxPrice: string; rampUpStart: string; rampUpPeriod: number; lockTimeout: number; timeout: number; lockCollateral: string }
}

/** `r` for storing: its bigints as decimal strings. */
export const toStoredProofRequest = (r: ProofRequest): StoredProofRequest => ({
  id: r.id.toString(),
  imageId: r.imageId,
  inputUrl: r.inputUrl,
  input: r.input,
  offer: {
    minPrice: r.offer.minPrice.toString(),
    maxPrice: r.offer.maxPrice.toString(),
    rampUpStart: r.offer.rampUpStart.toString(),
    rampUpPeriod: r.offer.rampUpPeriod,
    lockTimeout: r.offer.lockTimeout,
    timeout: r.offer.timeout,
    lockCollateral: r.offer.lockCollateral.toString(),
  },
})

/**
 * A stored request as the market actions take it (signProofRequest, submitProofRequest): decimal strings back to
 * bigints. @throws SyntaxError (from BigInt) for a field that is not a decimal integer; callers re-check stored data.
 */
export const fromStoredProofRequest = (r: StoredProofRequest): ProofRequest => ({
  id: BigInt(r.id),
  imageId: r.imageId,
  inputUrl: r.inputUrl,
  input: r.input,
  offer: {
    minPrice: BigInt(r.offer.minPrice),
    maxPrice: BigInt(r.offer.maxPrice),
    rampUpStart: BigInt(r.offer.rampUpStart),
    rampUpPeriod: r.offer.rampUpPeriod,
    lockTimeout: r.offer.lockTimeout,
    timeout: r.offer.timeout,
    lockCollateral: BigInt(r.offer.lockCollateral),
  },
})

import type { Hex } from 'viem'

/** A ProofMarket offer (contracts/ProofMarket.sol `Offer`), as viem decodes it: wei amounts, unix seconds, seconds. */
export type Offer = {
  minPrice: bigint
  maxPrice: bigint
  /** Unix seconds. */
  rampUpStart: bigint
  /** Seconds from rampUpStart until the price reaches maxPrice. */
  rampUpPeriod: number
  /** Seconds from rampUpStart until the lock deadline (no lock after it; the locker must fulfil by it to be paid). */
  lockTimeout: number
  /** Seconds from rampUpStart until the deadline (no fulfilment after it; the lock can then be slashed). */
  timeout: number
  lockCollateral: bigint
}

/** A ProofMarket request (`ProofRequest`). `input` = the program's input words as u32 little-endian bytes. */
export type ProofRequest = {
  /** (client << 32) | index, plus bit 192 for an ERC-1271 client (src/jobs/requestId.ts). */
  id: bigint
  /** 32-byte image id of the program (keccak-256 of code ‖ entry). */
  imageId: Hex
  inputUrl: string
  input: Hex
  offer: Offer
}

/** `ProofMarket.requestStatus(id)` decoded. `state`: 0 never locked, 1 locked, 2 fulfilled, 3 expired. */
export type RequestStatus = {
  state: number
  slashed: boolean
  locker: Hex
  fulfiller: Hex
  price: bigint
  collateral: bigint
  lockDeadline: bigint
  deadline: bigint
  requestDigest: Hex
  imageId: Hex
  inputDigest: Hex
  journalDigest: Hex
  lockedAtBlock: bigint
  fulfilledAtBlock: bigint
}

export type JobState = 'submitted' | 'locked' | 'fulfilled' | 'expired'

/** A ServiceRegistry request (`Request`), signed by `user`. `input` = words as u32 LE. */
export type ServiceRequest = { serviceId: bigint; user: Hex; input: Hex; nonce: bigint }
/** A ServiceRegistry response (`Response`), signed by the provider. `output` = the journal words as u32 LE. */
export type ServiceResponse = { requestHash: Hex; output: Hex }

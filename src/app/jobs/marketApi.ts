/**
 * The market layer the Jobs pages use, under the names of issue 11's interfaces (owner B, `src/jobs/`). Until B's
 * `src/jobs` is on main this file holds small local versions; once it is, it re-exports B's (one place to switch).
 */
import type { Hex, TypedDataDomain } from 'viem'
import type { Config } from 'wagmi'
import { signTypedData, writeContract } from 'wagmi/actions'
import { assertReady } from '../../wallet/actions.ts'
import { toWalletError } from '../../wallet/walletErrors.ts'
import { PROOF_MARKET_READ_ABI } from './market.ts'

/** An offer as viem decodes it: prices and collateral in wei, `rampUpStart` Unix seconds, periods in seconds. */
export type Offer = {
  minPrice: bigint
  maxPrice: bigint
  rampUpStart: bigint
  rampUpPeriod: number
  lockTimeout: number
  timeout: number
  lockCollateral: bigint
}
/** A proof request: `id` = (client << 32) | index; `imageId` 32 bytes; `input` the input words as u32 LE. */
export type ProofRequest = { id: bigint; imageId: Hex; inputUrl: string; input: Hex; offer: Offer }
/** ProofMarket.requestStatus as viem decodes it (state: 0 none, 1 locked, 2 fulfilled, 3 expired). */
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

/** id = (client << 32) | index (uint32). */
export function requestIdOf(client: Hex, index: number, { smartWallet = false }: { smartWallet?: boolean } = {}): bigint {
  return (BigInt(client) << 32n) | BigInt(index >>> 0) | (smartWallet ? 1n << 192n : 0n)
}
export const clientOf = (id: bigint): Hex => `0x${((id >> 32n) & ((1n << 160n) - 1n)).toString(16).padStart(40, '0')}` as Hex
export const indexOf = (id: bigint): number => Number(id & 0xffffffffn)

/** Price at `tSec`: minPrice until rampUpStart, linear to maxPrice over rampUpPeriod, 0 after the lock deadline. */
export function priceAt(o: Offer, tSec: bigint): bigint {
  if (tSec <= o.rampUpStart) return o.minPrice
  if (tSec > o.rampUpStart + BigInt(o.lockTimeout)) return 0n
  if (tSec >= o.rampUpStart + BigInt(o.rampUpPeriod)) return o.maxPrice
  return o.minPrice + ((o.maxPrice - o.minPrice) * (tSec - o.rampUpStart)) / BigInt(o.rampUpPeriod)
}
export const lockDeadline = (o: Offer): bigint => o.rampUpStart + BigInt(o.lockTimeout)
export const deadline = (o: Offer): bigint => o.rampUpStart + BigInt(o.timeout)
/** `n` points (t, price) from rampUpStart to the deadline, for charts. */
export function rampPoints(o: Offer, n: number): { t: bigint; price: bigint }[] {
  const end = deadline(o)
  const span = end - o.rampUpStart
  return Array.from({ length: n }, (_, i) => {
    const t = o.rampUpStart + (span * BigInt(i)) / BigInt(Math.max(1, n - 1))
    return { t, price: priceAt(o, t) }
  })
}

/** The state shown for a proven status (state 0 = submitted when the request was submitted). */
export function jobStateOf(status: RequestStatus, nowSec: bigint, submitted: boolean): { state: JobState; slashed: boolean } {
  const s = status.state
  if (s === 2) return { state: 'fulfilled', slashed: status.slashed }
  if (s === 3) return { state: 'expired', slashed: status.slashed }
  if (s === 1) return { state: nowSec > status.deadline && status.deadline > 0n ? 'expired' : 'locked', slashed: status.slashed }
  return { state: submitted ? 'submitted' : 'submitted', slashed: false }
}

export const PROOF_REQUEST_TYPES = {
  Offer: [
    { name: 'minPrice', type: 'uint256' },
    { name: 'maxPrice', type: 'uint256' },
    { name: 'rampUpStart', type: 'uint64' },
    { name: 'rampUpPeriod', type: 'uint32' },
    { name: 'lockTimeout', type: 'uint32' },
    { name: 'timeout', type: 'uint32' },
    { name: 'lockCollateral', type: 'uint256' },
  ],
  ProofRequest: [
    { name: 'id', type: 'uint256' },
    { name: 'imageId', type: 'bytes32' },
    { name: 'inputUrl', type: 'string' },
    { name: 'input', type: 'bytes' },
    { name: 'offer', type: 'Offer' },
  ],
} as const
export const proofMarketDomain = (chainId: number, market: Hex): TypedDataDomain => ({
  name: 'LightbusProofMarket',
  version: '1',
  chainId,
  verifyingContract: market,
})

const chainOf = (config: Config) => config.chains[0]?.id as number

export async function signProofRequest(config: Config, { market, request }: { market: Hex; request: ProofRequest }): Promise<Hex> {
  const account = assertReady(config)
  try {
    return await signTypedData(config, {
      account,
      domain: proofMarketDomain(chainOf(config), market),
      types: PROOF_REQUEST_TYPES,
      primaryType: 'ProofRequest',
      message: request,
    })
  } catch (e) {
    throw toWalletError(e, 'sign the proof request')
  }
}

async function write(config: Config, action: string, p: { address: Hex; functionName: string; args: readonly unknown[]; value?: bigint }): Promise<Hex> {
  assertReady(config)
  try {
    return await writeContract(config, { abi: PROOF_MARKET_READ_ABI, chainId: chainOf(config), ...p } as never)
  } catch (e) {
    throw toWalletError(e, action)
  }
}

export const submitProofRequest = (config: Config, p: { market: Hex; request: ProofRequest; signature: Hex; valueWei: bigint }) =>
  write(config, 'submit the proof request', { address: p.market, functionName: 'submitRequest', args: [p.request, p.signature], value: p.valueWei })
export const depositToMarket = (config: Config, p: { market: Hex; valueWei: bigint }) =>
  write(config, 'deposit', { address: p.market, functionName: 'deposit', args: [], value: p.valueWei })
export const withdrawFromMarket = (config: Config, p: { market: Hex; valueWei: bigint }) =>
  write(config, 'withdraw', { address: p.market, functionName: 'withdraw', args: [p.valueWei] })
export const slashRequest = (config: Config, p: { market: Hex; requestId: bigint }) =>
  write(config, 'slash', { address: p.market, functionName: 'slash', args: [p.requestId] })

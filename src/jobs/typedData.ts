import type { Hex, TypedDataDomain } from 'viem'

/**
 * EIP-712 domains and types of the ProofMarket and ServiceRegistry contracts (contracts/ProofMarket.sol,
 * contracts/ServiceRegistry.sol; spec: https://eips.ethereum.org/EIPS/eip-712). The typehashes they produce equal the
 * contracts' REQUEST_TYPEHASH / OFFER_TYPEHASH / RESPONSE_TYPEHASH constants, and viem's `hashTypedData` over them
 * equals the contracts' `requestDigest` / `requestHash` / `responseHash` (src/jobs/typedData.test.ts checks both on anvil).
 */

/** The ProofMarket domain: name "LightbusProofMarket", version "1", the settlement chain's id, the market address. */
export function proofMarketDomain(chainId: number, market: Hex) {
  return { name: 'LightbusProofMarket', version: '1', chainId, verifyingContract: market } as const satisfies TypedDataDomain
}

/** The ServiceRegistry domain: name "LightbusServiceRegistry", version "1", chain id, the registry address. */
export function serviceRegistryDomain(chainId: number, registry: Hex) {
  return { name: 'LightbusServiceRegistry', version: '1', chainId, verifyingContract: registry } as const satisfies TypedDataDomain
}

/**
 * `ProofRequest(uint256 id,bytes32 imageId,string inputUrl,bytes input,Offer offer)` with
 * `Offer(uint256 minPrice,uint256 maxPrice,uint64 rampUpStart,uint32 rampUpPeriod,uint32 lockTimeout,uint32 timeout,uint256 lockCollateral)`.
 * Prices and collateral in wei; rampUpStart in unix seconds; periods in seconds.
 */
export const PROOF_REQUEST_TYPES = {
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
} as const

/** `Request(uint256 serviceId,address user,bytes input,uint256 nonce)`, signed by the user. */
export const SERVICE_REQUEST_TYPES = {
  Request: [
    { name: 'serviceId', type: 'uint256' },
    { name: 'user', type: 'address' },
    { name: 'input', type: 'bytes' },
    { name: 'nonce', type: 'uint256' },
  ],
} as const

/** `Response(bytes32 requestHash,bytes output)`, signed by the provider; requestHash = the Request's EIP-712 digest. */
export const SERVICE_RESPONSE_TYPES = {
  Response: [
    { name: 'requestHash', type: 'bytes32' },
    { name: 'output', type: 'bytes' },
  ],
} as const

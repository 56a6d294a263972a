import type { Hex, TypedDataDomain } from 'viem'

/**
 * EIP-712 of the ServiceRegistry's off-chain messages (contracts/ServiceRegistry.sol): domain
 * "LightbusServiceRegistry" "1" on the settlement chain, `Request(uint256 serviceId,address user,bytes input,uint256 nonce)`
 * signed by the user and `Response(bytes32 requestHash,bytes output)` signed by the provider.
 */
export const serviceRegistryDomain = (chainId: number, registry: Hex): TypedDataDomain => ({
  name: 'LightbusServiceRegistry',
  version: '1',
  chainId,
  verifyingContract: registry,
})

export const SERVICE_REQUEST_TYPES = {
  Request: [
    { name: 'serviceId', type: 'uint256' },
    { name: 'user', type: 'address' },
    { name: 'input', type: 'bytes' },
    { name: 'nonce', type: 'uint256' },
  ],
} as const

export const SERVICE_RESPONSE_TYPES = {
  Response: [
    { name: 'requestHash', type: 'bytes32' },
    { name: 'output', type: 'bytes' },
  ],
} as const

/** A user's service request. `input`: the program's input words, u32 little-endian each (0x-hex). */
export type ServiceRequest = { serviceId: bigint; user: Hex; input: Hex; nonce: bigint }
/** A provider's answer: `requestHash` = the EIP-712 digest of the Request (32 bytes); `output` = journal words, u32 LE each. */
export type ServiceResponse = { requestHash: Hex; output: Hex }

/**
 * EIP-712 of the ServiceRegistry's off-chain messages, from the market layer (src/jobs/typedData.ts): domain
 * "LightbusServiceRegistry" "1" on the settlement chain, `Request(uint256 serviceId,address user,bytes input,uint256 nonce)`
 * signed by the user and `Response(bytes32 requestHash,bytes output)` signed by the provider. A Request's `input` and a
 * Response's `output` are zkVM words, u32 little-endian each.
 */
export { SERVICE_REQUEST_TYPES, SERVICE_RESPONSE_TYPES, serviceRegistryDomain } from '../jobs/typedData.ts'
export type { ServiceRequest, ServiceResponse } from '../jobs/types.ts'

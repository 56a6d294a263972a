// EIP-712 of ServiceRegistry requests and responses (contracts/ServiceRegistry.sol; the app's copy is
// src/jobs/typedData.ts). Domain: name "LightbusServiceRegistry", version "1", the chain id, the registry.
import { type Hex, hashTypedData } from "viem";

export const SERVICE_TYPES = {
  Request: [
    { name: "serviceId", type: "uint256" },
    { name: "user", type: "address" },
    { name: "input", type: "bytes" },
    { name: "nonce", type: "uint256" },
  ],
  Response: [
    { name: "requestHash", type: "bytes32" },
    { name: "output", type: "bytes" },
  ],
} as const;

export type ServiceRequest = { serviceId: bigint; user: Hex; input: Hex; nonce: bigint };
export type ServiceResponse = { requestHash: Hex; output: Hex };

export const serviceDomain = (chainId: number, registry: Hex) =>
  ({ name: "LightbusServiceRegistry", version: "1", chainId, verifyingContract: registry }) as const;

/** The registry's `requestHash(r)`: the EIP-712 digest the user signs. */
export const serviceRequestHash = (chainId: number, registry: Hex, message: ServiceRequest): Hex =>
  hashTypedData({ domain: serviceDomain(chainId, registry), types: SERVICE_TYPES, primaryType: "Request", message });

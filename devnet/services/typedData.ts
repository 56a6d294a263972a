// The service Request hash a provider answers with (the registry's `requestHash`): EIP-712 of src/jobs/typedData.ts.
import { type Hex, hashTypedData } from "viem";
import { SERVICE_REQUEST_TYPES, serviceRegistryDomain } from "../../src/jobs/typedData.ts";
import type { ServiceRequest } from "../../src/jobs/types.ts";

/** The registry's `requestHash(r)`: the EIP-712 digest the user signs. */
export const serviceRequestHash = (chainId: number, registry: Hex, message: ServiceRequest): Hex =>
  hashTypedData({ domain: serviceRegistryDomain(chainId, registry), types: SERVICE_REQUEST_TYPES, primaryType: "Request", message });

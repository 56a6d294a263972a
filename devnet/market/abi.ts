// The ProofMarket and ServiceRegistry ABIs the devnet agents use: the compiled contracts' (scripts/build-contracts.mjs).
import { ProofMarket, ServiceRegistry } from "../../src/contracts/artifacts.generated.ts";

export const proofMarketAbi = ProofMarket.abi;
export const serviceRegistryAbi = ServiceRegistry.abi;

// Verified eth_call (docs/verified-call.md): pure, runs in Node and the browser; IO is the injected CallStateSource.
export { createCallProofCache } from './cache.ts'
export { callBlockFromRpcBlock } from './callBlock.ts'
export { callCommon, DEVNET_EXECUTION_CHAIN_ID, DEVNET_HARDFORK } from './callCommon.ts'
export type { ProvenAccount, ProvenState } from './provenState.ts'
export { ProvenStateManager } from './provenStateManager.ts'
export type {
  CallBlock,
  CallLimits,
  CallPrecompile,
  CallProofCache,
  CallRequest,
  CallStateSource,
  VerifiedCallOptions,
  VerifiedCallResult,
} from './types.ts'
export { DEFAULT_CALL_LIMITS } from './types.ts'
export { verifiedCall } from './verifiedCall.ts'

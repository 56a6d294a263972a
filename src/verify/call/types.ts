import type { Hex } from 'viem'
import type { ProvenanceCheck } from '../../bus/provenance.ts'

/** A read-only call: `to` and `from` 20-byte addresses, `data` calldata, `value` wei, `gas` gas units. */
export type CallRequest = { to: Hex; data: Hex; from?: Hex; value?: bigint; gas?: bigint }

/**
 * The light-client-verified execution block the call runs at (from the LC's execution payload header).
 * Hashes 32 bytes, `coinbase` 20 bytes, `prevRandao` 32 bytes; `timestamp` Unix seconds; `baseFeePerGas` wei.
 * `chainId` (CHAINID opcode) defaults to 1.
 */
export type CallBlock = {
  number: bigint
  hash: Hex
  stateRoot: Hex
  timestamp: bigint
  baseFeePerGas: bigint
  gasLimit: bigint
  coinbase: Hex
  prevRandao: Hex
  chainId?: bigint
}

/** Where proofs come from (IO, injected; over JSON-RPC: src/net/callStateRpc.ts createRpcCallStateSource(url)). Nothing it returns is trusted. */
export interface CallStateSource {
  /** `eth_createAccessList` at `blockNumber`: a hint of what the call touches. */
  createAccessList(req: CallRequest, blockNumber: bigint): Promise<{ address: Hex; storageKeys: Hex[] }[]>
  /** The raw `eth_getProof` answer (verified by verifiedCall against the block's state root). */
  getProof(address: Hex, storageKeys: Hex[], blockNumber: bigint): Promise<unknown>
  /** The raw `eth_getCode` answer (checked against the proven codeHash). */
  getCode(address: Hex, blockNumber: bigint): Promise<Hex>
}

/**
 * A precompile supplied by the caller (the EthStorage read precompile 0x33301 is one). `run` may be async; a
 * thrown error fails the whole call (rethrown as is: throw a typed one). `gas`: gas charged per run (default 0).
 */
export type CallPrecompile = { address: Hex; run(input: Uint8Array): Promise<Uint8Array>; gas?: bigint }

/**
 * A call result proven down to `block.stateRoot`. `reverted`: the EVM reverted or halted exceptionally (a
 * proven revert is a verified answer; `returnData` holds the revert data, `error` the halt reason).
 */
export type VerifiedCallResult = {
  returnData: Hex
  reverted: boolean
  error?: string
  gasUsed: bigint
  proven: { accounts: number; slots: number; codes: number }
  checks: ProvenanceCheck[]
}

/** Caps on what one call may fetch and run. Defaults in {@link DEFAULT_CALL_LIMITS}. */
export type CallLimits = {
  /** Gas the EVM may use (the request's `gas`, else the block's gas limit, is capped to it). */
  maxGas: bigint
  /** Accounts proven (access list + from, to, coinbase + precompile accounts). */
  maxAccounts: number
  /** Storage slots proven over all accounts. */
  maxSlots: number
  /** Bytes of code fetched over all accounts. */
  maxCodeBytes: number
  /** Bytes of return data. */
  maxReturnBytes: number
}

export const DEFAULT_CALL_LIMITS: CallLimits = {
  maxGas: 50_000_000n,
  maxAccounts: 256,
  maxSlots: 4096,
  maxCodeBytes: 4 * 1024 * 1024,
  maxReturnBytes: 1024 * 1024,
}

export type VerifiedCallOptions = {
  precompiles?: CallPrecompile[]
  signal?: AbortSignal
  limits?: Partial<CallLimits>
  /** Verified proofs and codes kept across calls, keyed by state root (see createCallProofCache). */
  cache?: CallProofCache
}

/** Verified accounts and codes by `${stateRoot}|…`; only verified values enter it. */
export type CallProofCache = Map<string, unknown>

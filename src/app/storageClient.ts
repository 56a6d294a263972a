import type { Hex } from 'viem'
import type { CallBlock, CallRequest, VerifiedCallResult } from '../verify/call/types.ts'
import { WorkerBridge } from '../workers/bridge.ts'
import type { StorageWorkerApi } from '../workers/storage.worker.ts'
import type { Web3Resource } from '../workers/web3Task.ts'
import type { VerifiedResolveOptions } from '../workers/web3Verified.ts'

let bridge: WorkerBridge<StorageWorkerApi> | undefined

/** The page's storage worker (verified eth_call, web3://, blobs), started on first use, terminated after 60 s idle. */
export function getStorageBridge(): WorkerBridge<StorageWorkerApi> {
  bridge ??= new WorkerBridge<StorageWorkerApi>({
    name: 'storage',
    create: () => new Worker(new URL('../workers/storage.worker.ts', import.meta.url), { type: 'module', name: 'storage' }),
    idleTimeoutMs: 60_000,
  })
  return bridge
}

/**
 * A verified eth_call in the storage worker (docs/verified-call.md). `signal` terminates the worker.
 * @throws The typed errors of verifiedCall (CallStateNotProven, CodeHashMismatch, proof errors), WorkerStartError.
 */
export function verifiedCallInWorker(rpcUrl: string, request: CallRequest, block: CallBlock, signal?: AbortSignal): Promise<VerifiedCallResult> {
  return getStorageBridge().call((api) => api.call(rpcUrl, request, block), signal ? { signal } : {})
}

/** The CallBlock of a light-client-verified execution block hash. @throws {BlockHashMismatchError} And transport errors. */
export function callBlockInWorker(rpcUrl: string, blockHash: Hex, chainId?: bigint): Promise<CallBlock> {
  return getStorageBridge().call((api) => api.callBlock(rpcUrl, blockHash, chainId))
}

/** A web3:// URL resolved in the storage worker, every contract call verified. @throws The resolution's typed errors. */
export function resolveWeb3InWorker(url: string, o: VerifiedResolveOptions, signal?: AbortSignal): Promise<Web3Resource> {
  return getStorageBridge().call((api) => api.resolveWeb3(url, o), signal ? { signal } : {})
}

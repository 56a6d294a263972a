// The storage worker: verified eth_call (src/verify/call) off the main thread; the storage network's tasks
// (web3:// resolution, blob verification) add their methods below, one line each, their code in their own files.
// Buffer first: the beacon-block check of blob reads (@lodestar/types, loaded on first use) needs it at module load.
import './polyfills.ts'
import * as Comlink from 'comlink'
import type { Hex } from 'viem'
import { createRpcCallStateSource, fetchCallBlock } from '../net/callStateRpc.ts'
import { createCallProofCache } from '../verify/call/cache.ts'
import type { CallBlock, CallRequest } from '../verify/call/types.ts'
import { verifiedCall } from '../verify/call/verifiedCall.ts'
import { registerErrorTransfer } from './transferErrors.ts'
import { resolveWeb3Verified, type VerifiedResolveOptions } from './web3Verified.ts'

// Verified proofs and codes, keyed by state root: a repeated call at the same block fetches nothing again.
const cache = createCallProofCache()

const api = {
  /** verifiedCall over JSON-RPC at `rpcUrl`, at `block` (the light client's verified execution block). */
  call: (rpcUrl: string, request: CallRequest, block: CallBlock) => verifiedCall(createRpcCallStateSource(rpcUrl), request, block, { cache }),
  /** The CallBlock of a light-client-verified block hash (header fetched by hash and hashed). */
  callBlock: (rpcUrl: string, blockHash: Hex, chainId?: bigint) => fetchCallBlock(rpcUrl, blockHash, chainId),
  /** A web3:// URL resolved with every contract call verified (src/workers/web3Verified.ts). */
  resolveWeb3: (url: string, o: VerifiedResolveOptions) => resolveWeb3Verified(url, { ...o, cache }),
}
export type StorageWorkerApi = typeof api

registerErrorTransfer()
Comlink.expose(api)
self.postMessage({ type: 'lightbus-worker-ready' })

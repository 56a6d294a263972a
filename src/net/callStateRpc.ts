import type { Hex } from 'viem'
import { MalformedInputError } from '../errors/base.ts'
import { callBlockFromRpcBlock } from '../verify/call/callBlock.ts'
import type { CallBlock, CallRequest, CallStateSource } from '../verify/call/types.ts'
import { rpcRequest } from './executionRpc.ts'

const q = (n: bigint) => `0x${n.toString(16)}`

/** The call object of eth_call / eth_createAccessList (quantities as hex). */
export function rpcCallObject(req: CallRequest): Record<string, string> {
  return {
    to: req.to,
    data: req.data,
    ...(req.from ? { from: req.from } : {}),
    ...(req.value !== undefined ? { value: q(req.value) } : {}),
    ...(req.gas !== undefined ? { gas: q(req.gas) } : {}),
  }
}

/**
 * A {@link CallStateSource} over JSON-RPC at `url`: `eth_createAccessList`, `eth_getProof`, `eth_getCode`, each at
 * the block number as a hex quantity. Answers are returned unverified (verifiedCall checks them).
 * @throws {RpcRequestError | HttpRequestError | TimeoutError | MalformedInputError} From the transport.
 */
export function createRpcCallStateSource(url: string): CallStateSource {
  return {
    async createAccessList(req, blockNumber) {
      const r = (await rpcRequest(url, 'eth_createAccessList', [rpcCallObject(req), q(blockNumber)])) as { accessList?: unknown } | null
      if (!r || typeof r !== 'object' || !Array.isArray(r.accessList)) {
        throw new MalformedInputError({ what: 'eth_createAccessList result', details: 'no accessList' })
      }
      return r.accessList as { address: Hex; storageKeys: Hex[] }[]
    },
    getProof: (address, storageKeys, blockNumber) => rpcRequest(url, 'eth_getProof', [address, storageKeys, q(blockNumber)]),
    getCode: async (address, blockNumber) => (await rpcRequest(url, 'eth_getCode', [address, q(blockNumber)])) as Hex,
  }
}

/**
 * The block a verified call runs at, fetched by its light-client-verified hash (`eth_getBlockByHash`) and
 * checked to hash to it (callBlockFromRpcBlock).
 * @throws {BlockHashMismatchError | MalformedInputError} And the transport's errors.
 */
export async function fetchCallBlock(url: string, blockHash: Hex, chainId?: bigint): Promise<CallBlock> {
  const raw = await rpcRequest(url, 'eth_getBlockByHash', [blockHash, false])
  if (raw === null) throw new MalformedInputError({ what: 'eth_getBlockByHash result', details: `the RPC does not know block ${blockHash}` })
  return callBlockFromRpcBlock(raw, blockHash, chainId)
}

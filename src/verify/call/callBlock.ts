import { assertHex, parseQuantity, unwrapRpcResult } from '../hex.ts'
import { verifyBlockHeader } from '../verifyBlockHeader.ts'
import type { CallBlock } from './types.ts'

/**
 * The {@link CallBlock} of an `eth_getBlockByHash` / `eth_getBlockByNumber` result, once keccak256(rlp(header))
 * equals `expectedHash` (the light client's verified execution `block_hash`): the fields the EVM needs that the
 * light-client summary lacks (gas limit, base fee, prevRandao = mixHash) are then bound to the verified block.
 * @param chainId - For the CHAINID opcode (the chain the light client follows).
 * @throws {BlockHashMismatchError} The header hashes to another hash (or is another block).
 * @throws {MalformedInputError} A field is missing or malformed (a pre-London block has no base fee).
 */
export function callBlockFromRpcBlock(blockJson: unknown, expectedHash: string, chainId?: bigint): CallBlock {
  const header = verifyBlockHeader(blockJson, expectedHash)
  const b = unwrapRpcResult(blockJson) as Record<string, unknown>
  return {
    number: header.number,
    hash: header.hash,
    stateRoot: header.stateRoot,
    timestamp: header.timestamp,
    baseFeePerGas: parseQuantity(b.baseFeePerGas, 'baseFeePerGas'),
    gasLimit: parseQuantity(b.gasLimit, 'gasLimit'),
    coinbase: header.miner,
    prevRandao: assertHex(b.mixHash, 'mixHash', 32),
    ...(chainId !== undefined ? { chainId } : {}),
  }
}

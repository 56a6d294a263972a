import type { Abi, Hex } from 'viem'
import type { Config } from 'wagmi'
import { readContract } from 'wagmi/actions'
import * as artifacts from '../../contracts/artifacts.generated.ts'
import { MalformedInputError } from '../../errors/base.ts'
import type { NetworkConfig } from '../../net/networkConfig.ts'
import { deployWithWallet, sendBlobTransaction, sendWalletTransaction, waitForReceipt } from '../../wallet/actions.ts'
import { KV_UPFRONT_ABI, type UploadDeps } from './upload.ts'

/** The devnet's KVStorage (devnet/run.ts KV_STORAGE_CONTRACT), used when config.json names none. */
const DEVNET_KV_STORAGE = '0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0'

/** The network's KVStorage contract: config.json `storage.kvStorage`, else the devnet's; null = the network has no storage. */
export function kvStorageOf(network: NetworkConfig): Hex | null {
  if (network.storage?.kvStorage) return network.storage.kvStorage as Hex
  return network.kind === 'devnet' ? DEVNET_KV_STORAGE : null
}

/** The FlatDirectory artifact compiled from contracts/FlatDirectory.sol (scripts/build-contracts.mjs). */
export function flatDirectoryArtifact(): { abi: Abi; bytecode: Hex } {
  return artifacts.FlatDirectory as { abi: Abi; bytecode: Hex }
}

/** Upload dependencies over the wallet layer: every write is a wallet request, reads and receipts go to the network's RPC. */
export function walletUploadDeps(config: Config, network: NetworkConfig): UploadDeps {
  const kv = kvStorageOf(network)
  const artifact = flatDirectoryArtifact()
  if (!kv || !artifact) {
    throw new MalformedInputError({
      what: 'storage network',
      details: !kv ? `${network.name} has no KVStorage contract` : 'FlatDirectory is not built (npm run build:contracts)',
    })
  }
  return {
    async deployDirectory() {
      const hash = await deployWithWallet(config, { abi: artifact.abi, bytecode: artifact.bytecode, args: [kv] })
      const receipt = await waitForReceipt(config, hash)
      return { hash, address: receipt.contractAddress as Hex }
    },
    upfrontPayment: () =>
      readContract(config, { address: kv, abi: KV_UPFRONT_ABI, functionName: 'upfrontPayment', chainId: config.chains[0]?.id }) as Promise<bigint>,
    sendBlobTx: (tx) => sendBlobTransaction(config, tx),
    sendTx: (tx) => sendWalletTransaction(config, tx),
    waitForReceipt: async (hash) => {
      await waitForReceipt(config, hash)
    },
  }
}

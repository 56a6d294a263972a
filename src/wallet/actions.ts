import type { Abi, Hex, TransactionReceipt } from 'viem'
import type { Config, Connector } from 'wagmi'
import { connect, deployContract, disconnect, getConnection, sendTransaction, switchChain, waitForTransactionReceipt } from 'wagmi/actions'
import { UserRejectedError } from '../errors/wallet.ts'
import { toWalletError } from './walletErrors.ts'

/**
 * Wallet actions of Lightbus (the bottom layer, as wagmi's own `@wagmi/core` actions; query options in
 * `queries.ts`, React hooks in `hooks.ts`). Each takes the wagmi {@link Config} of the network and throws only
 * Lightbus typed errors: UserRejectedError (4001), WalletUnsupportedError, WalletRequestError.
 */

/** Connects `connector` (an EIP-6963-discovered wallet or a test's mock) on the config's chain. @returns The accounts. */
export async function connectWallet(config: Config, { connector }: { connector: Connector }): Promise<readonly Hex[]> {
  try {
    const chainId = config.chains[0]?.id
    const r = await connect(config, { connector, ...(chainId ? { chainId } : {}) })
    return r.accounts
  } catch (e) {
    // Some wallets connect but refuse the chain switch bundled into connect: keep the connection, report the refusal.
    throw toWalletError(e, 'connect')
  }
}

export async function disconnectWallet(config: Config): Promise<void> {
  try {
    await disconnect(config)
  } catch (e) {
    throw toWalletError(e, 'disconnect')
  }
}

/** Asks the wallet to switch to the network's chain (`wallet_switchEthereumChain`, then `wallet_addEthereumChain` by wagmi). */
export async function switchToNetworkChain(config: Config): Promise<number> {
  const chainId = config.chains[0]?.id as number
  try {
    const chain = await switchChain(config, { chainId })
    return chain.id
  } catch (e) {
    throw toWalletError(e, 'switch network')
  }
}

/** Throws unless a wallet is connected on the config's chain (never sends to another chain). */
export function assertReady(config: Config): Hex {
  const c = getConnection(config)
  if (c.status !== 'connected' || !c.address) throw toWalletError(Object.assign(new Error('not connected'), { code: 4100 }), 'send a transaction')
  if (c.chainId !== config.chains[0]?.id) {
    throw toWalletError(Object.assign(new Error(`wallet is on chain ${c.chainId}, expected ${config.chains[0]?.id}`), { code: 4901 }), 'send a transaction')
  }
  return c.address
}

/**
 * Sends a type-3 (EIP-4844) transaction through the wallet: `eth_sendTransaction` with `blobs` (0x-hex, 131072 bytes
 * each, at most 6) beside `to`/`data`/`value`; the wallet computes commitments, proofs and versioned hashes, signs
 * and sends the network form. A wallet that refuses type-3 → WalletUnsupportedError saying so.
 * @returns The transaction hash.
 */
export async function sendBlobTransaction(config: Config, tx: { to: Hex; data: Hex; blobs: Hex[]; value?: bigint; maxFeePerBlobGas?: bigint }): Promise<Hex> {
  assertReady(config)
  try {
    return await sendTransaction(config, {
      to: tx.to,
      data: tx.data,
      blobs: tx.blobs,
      type: 'eip4844',
      ...(tx.value !== undefined ? { value: tx.value } : {}),
      maxFeePerBlobGas: tx.maxFeePerBlobGas ?? 10n ** 9n,
      chainId: config.chains[0]?.id,
    } as Parameters<typeof sendTransaction>[1])
  } catch (e) {
    throw toWalletError(e, 'send a blob transaction', { blobs: true })
  }
}

/** Deploys a contract through the wallet (`eth_sendTransaction` without `to`). @returns The transaction hash. */
export async function deployWithWallet(config: Config, p: { abi: Abi; bytecode: Hex; args: readonly unknown[] }): Promise<Hex> {
  assertReady(config)
  try {
    return await deployContract(config, { abi: p.abi, bytecode: p.bytecode, args: p.args, chainId: config.chains[0]?.id } as Parameters<
      typeof deployContract
    >[1])
  } catch (e) {
    throw toWalletError(e, 'deploy a contract')
  }
}

/** Waits for a receipt (over the network's RPC; an RPC answer, not a verified value), at most 3 minutes. Throws WalletRequestError on a revert or timeout. */
export async function waitForReceipt(config: Config, hash: Hex): Promise<TransactionReceipt> {
  const receipt = await waitForTransactionReceipt(config, { hash, chainId: config.chains[0]?.id, pollingInterval: 500, timeout: 180_000 }).catch((e) => {
    throw toWalletError(e, 'confirm the transaction')
  })
  if (receipt.status !== 'success') throw toWalletError(new Error(`transaction ${hash} reverted`), 'confirm the transaction')
  return receipt
}

export const isUserRejected = (e: unknown): e is UserRejectedError => e instanceof UserRejectedError

/** Sends a plain transaction (`to`, `data`) through the wallet. @returns The transaction hash. */
export async function sendWalletTransaction(config: Config, tx: { to: Hex; data: Hex; value?: bigint }): Promise<Hex> {
  assertReady(config)
  try {
    return await sendTransaction(config, {
      to: tx.to,
      data: tx.data,
      ...(tx.value !== undefined ? { value: tx.value } : {}),
      chainId: config.chains[0]?.id,
    } as Parameters<typeof sendTransaction>[1])
  } catch (e) {
    throw toWalletError(e, 'send a transaction')
  }
}

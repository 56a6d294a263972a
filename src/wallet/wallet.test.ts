import { describe, expect, it } from 'vitest'
import { getConnection } from 'wagmi/actions'
import { mock } from 'wagmi/connectors/mock'
import { UserRejectedError, WalletRequestError, WalletUnsupportedError } from '../errors/wallet.ts'
import type { NetworkConfig } from '../net/networkConfig.ts'
import { assertReady, connectWallet, disconnectWallet, sendBlobTransaction, switchToNetworkChain } from './actions.ts'
import { createWalletConfig, walletChainOf } from './config.ts'
import { connectWalletMutationOptions } from './queries.ts'
import { toWalletError } from './walletErrors.ts'

const devnet: NetworkConfig = {
  id: 'devnet',
  name: 'Devnet (local)',
  kind: 'devnet',
  chain: 'devnet',
  beaconApiUrl: 'http://127.0.0.1:1',
  executionRpcUrl: 'http://127.0.0.1:1',
  checkpointRoot: null,
}
const ACCOUNT = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955'

const configWith = (features: Parameters<typeof mock>[0]['features'] = {}) =>
  createWalletConfig(devnet, { connectors: [mock({ accounts: [ACCOUNT], features })], discoverInjected: false, storage: null })

describe('wallet layer (wagmi mock connector)', () => {
  it('builds the network chain from the network config (devnet = 31337 with its RPC)', () => {
    const chain = walletChainOf(devnet)
    expect(chain.id).toBe(31337)
    expect(chain.rpcUrls.default.http).toEqual(['http://127.0.0.1:1'])
    expect(configWith().chains.map((c) => c.id)).toEqual([31337])
  })

  it('connects through the query options layer, reports the account, disconnects', async () => {
    const config = configWith()
    const connector = config.connectors[0]
    if (!connector) throw new Error('no connector')
    const accounts = await connectWalletMutationOptions(config).mutationFn({ connector })
    expect(accounts).toEqual([ACCOUNT])
    const c = getConnection(config)
    expect(c.status).toBe('connected')
    expect(c.address).toBe(ACCOUNT)
    expect(c.chainId).toBe(31337)
    expect(assertReady(config)).toBe(ACCOUNT)
    await disconnectWallet(config)
    expect(getConnection(config).status).toBe('disconnected')
    expect(() => assertReady(config)).toThrow(WalletRequestError)
  })

  it('a rejected connect or switch (EIP-1193 4001) is a typed UserRejectedError and changes nothing', async () => {
    const rejecting = configWith({ connectError: true })
    await expect(connectWallet(rejecting, { connector: rejecting.connectors[0] as never })).rejects.toBeInstanceOf(UserRejectedError)
    expect(getConnection(rejecting).status).toBe('disconnected')

    const noSwitch = configWith({ switchChainError: true })
    await connectWallet(noSwitch, { connector: noSwitch.connectors[0] as never })
    const e = await switchToNetworkChain(noSwitch).catch((x) => x)
    expect(e).toBeInstanceOf(UserRejectedError)
    expect(e.code).toBe('UserRejected')
    expect(getConnection(noSwitch).chainId).toBe(31337)
  })

  it('refuses to send before connecting', async () => {
    const config = configWith()
    await expect(sendBlobTransaction(config, { to: ACCOUNT, data: '0x', blobs: [] })).rejects.toBeInstanceOf(WalletRequestError)
  })

  it('maps wallet errors: 4001, 4200/-32601, a refused blob transaction, anything else', () => {
    const rpc = (code: number, message = 'x') => Object.assign(new Error(message), { code })
    expect(toWalletError(new Error('wrapped', { cause: rpc(4001) }), 'sign')).toBeInstanceOf(UserRejectedError)
    expect(toWalletError(rpc(4200), 'sign')).toBeInstanceOf(WalletUnsupportedError)
    expect(toWalletError(rpc(-32601), 'sign')).toBeInstanceOf(WalletUnsupportedError)
    const blob = toWalletError(rpc(-32602, 'transaction type not supported'), 'send a blob transaction', { blobs: true })
    expect(blob).toBeInstanceOf(WalletUnsupportedError)
    expect(blob.shortMessage).toMatch(/blob/)
    const other = toWalletError(rpc(-32000, 'insufficient funds'), 'send')
    expect(other).toBeInstanceOf(WalletRequestError)
    expect((other as WalletRequestError).rpcCode).toBe(-32000)
  })
})

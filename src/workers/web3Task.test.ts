import { readFileSync } from 'node:fs'
import { type Hex, stringToHex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devnetClients } from '../../devnet/anvil.ts'
import { DEV_ACCOUNT } from '../../devnet/run.ts'
import { InputTooLargeError } from '../errors/base.ts'
import { Web3UrlError } from '../errors/web3.ts'
import { createPlainCall } from '../net/plainCall.ts'
import { compileSolidity, startTestAnvil } from '../test/anvilForTests.ts'
import { sniffMime } from './mimeSniff.ts'
import { fetch as web3Fetch } from './web3Fetch.ts'
import { type CheckedCallFn, resolveWeb3Url } from './web3Task.ts'

// web3protocol resolution against anvil's plain eth_call (the verified call plugs into the same `call` slot).
let anvil: Awaited<ReturnType<typeof startTestAnvil>>
const sites: Record<'manual' | 'resource' | 'auto', Hex> = { manual: '0x', resource: '0x', auto: '0x' }
const HTML = '<!doctype html><h1>hello from web3://</h1>'

beforeAll(async () => {
  anvil = await startTestAnvil()
  const built = compileSolidity({ 'Web3TestSites.sol': readFileSync(new URL('../test/contracts/Web3TestSites.sol', import.meta.url), 'utf8') })
  const { publicClient, walletClient } = devnetClients(anvil.url)
  const deploy = async (name: string) => {
    const c = built[name] as (typeof built)[string]
    const hash = await walletClient.deployContract({ abi: c.abi, bytecode: c.bytecode, account: DEV_ACCOUNT, chain: null })
    const r = await publicClient.waitForTransactionReceipt({ hash })
    return r.contractAddress as Hex
  }
  sites.manual = await deploy('ManualSite')
  sites.resource = await deploy('ResourceSite')
  sites.auto = await deploy('AutoSite')
  const put = async (path: string, content: Hex) => {
    const c = built.ManualSite as (typeof built)[string]
    const hash = await walletClient.writeContract({
      address: sites.manual,
      abi: c.abi,
      functionName: 'put',
      args: [stringToHex(path), content],
      account: DEV_ACCOUNT,
      chain: null,
    })
    await publicClient.waitForTransactionReceipt({ hash })
  }
  await put('/index.html', stringToHex(HTML))
  await put('/big.txt', stringToHex('x'.repeat(5000)))
}, 120_000)
afterAll(async () => {
  await anvil?.stop()
})

const call = () => createPlainCall(anvil.url)

describe('resolveWeb3Url', () => {
  it('manual mode: the path is the calldata, / is the default file, MIME from the extension or sniffed', async () => {
    const r = await resolveWeb3Url(`web3://${sites.manual}:31337/index.html`, { chainId: 31337, call: call() })
    expect(r.mode).toBe('manual')
    expect(new TextDecoder().decode(r.bytes)).toBe(HTML)
    expect(r.mime).toBe('text/html')
    expect(r.size).toBe(HTML.length)
    expect(r.sha256).toMatch(/^0x[0-9a-f]{64}$/)
    // resolveMode() then the file
    expect(r.calls.length).toBe(2)
    expect(r.calls[1]?.data).toBe(stringToHex('/index.html'))
    expect(r.steps.every((s) => typeof s.ms === 'number')).toBe(true)
    const root = await resolveWeb3Url(`web3://${sites.manual}:31337/`, { chainId: 31337, call: call() })
    expect(new TextDecoder().decode(root.bytes)).toBe(HTML)
    expect(root.mime).toBe('text/html')
  })

  it('ERC-5219 resource requests with ERC-7617 chunks', async () => {
    const r = await resolveWeb3Url(`web3://${sites.resource}:31337/page`, { chainId: 31337, call: call() })
    expect(r.mode).toBe('resourceRequest')
    expect(new TextDecoder().decode(r.bytes)).toBe('first chunk, second chunk')
    expect(r.mime).toBe('text/plain')
    expect(r.calls.length).toBe(3)
    await expect(resolveWeb3Url(`web3://${sites.resource}:31337/nothing`, { chainId: 31337, call: call() })).rejects.toSatisfy(
      (e) => e instanceof Web3UrlError && e.status === 404,
    )
  })

  it('auto mode: typed arguments and returns=', async () => {
    const r = await resolveWeb3Url(`web3://${sites.auto}:31337/greet/uint256!7?returns=(string)`, { chainId: 31337, call: call() })
    expect(r.mode).toBe('auto')
    expect(JSON.parse(new TextDecoder().decode(r.bytes))).toEqual(['seven'])
  })

  it('refuses another chain, a malformed URL and a resource over the size cap, with typed errors', async () => {
    await expect(resolveWeb3Url(`web3://${sites.manual}/index.html`, { chainId: 31337, call: call() })).rejects.toBeInstanceOf(Web3UrlError)
    await expect(resolveWeb3Url('https://example.com/', { chainId: 31337, call: call() })).rejects.toBeInstanceOf(Web3UrlError)
    await expect(resolveWeb3Url(`web3://${sites.manual}:31337/big.txt`, { chainId: 31337, call: call(), maxBytes: 1000 })).rejects.toBeInstanceOf(
      InputTooLargeError,
    )
  })

  it('a call that fails verification fails the resolution with its own typed error (not masked by web3protocol)', async () => {
    const plain = call()
    let n = 0
    const failing: CheckedCallFn = async (req) => {
      if (++n === 2) throw new InputTooLargeError({ what: 'a lie', limit: 1, unit: 'bytes' })
      return plain(req)
    }
    await expect(resolveWeb3Url(`web3://${sites.manual}:31337/index.html`, { chainId: 31337, call: failing })).rejects.toBeInstanceOf(InputTooLargeError)
  })

  it('web3protocol cannot reach any other URL', async () => {
    await expect(web3Fetch(anvil.url, { method: 'POST', body: '{}' })).rejects.toThrow(/verified call/)
  })
})

describe('sniffMime', () => {
  it('recognises PNG, HTML, SVG, text and binary', () => {
    expect(sniffMime(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png')
    expect(sniffMime(new TextEncoder().encode('  <!DOCTYPE html><p>'))).toBe('text/html')
    expect(sniffMime(new TextEncoder().encode('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('image/svg+xml')
    expect(sniffMime(new TextEncoder().encode('hello'))).toBe('text/plain')
    expect(sniffMime(new Uint8Array([0xff, 0xfe, 0xfd]))).toBe('application/octet-stream')
  })
})

// `lightbus fetch web3://…` on a devnet: a manual-mode site resolved with every call verified at the light client's
// finalized block; the printed sha256/MIME/size are the content's; another chain and bad flags are refused.
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Hex, stringToHex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devnetClients } from '../devnet/anvil.ts'
import { waitForFinalizedBlock } from '../devnet/beacon/waitForFinality.ts'
import { DEV_ACCOUNT, startDevnet } from '../devnet/run.ts'
import { ensureBls } from '../src/consensus/bls.ts'
import { compileSolidity } from '../src/test/anvilForTests.ts'
import { main } from './main.ts'

const run = async (argv: string[]) => {
  const lines: string[] = []
  const code = await main(
    argv,
    (l) => lines.push(l),
    () => {},
  )
  return { code, out: JSON.parse(lines[0] as string) }
}
const HTML = '<!doctype html><h1>fetched over web3://, verified</h1>'
let devnet: Awaited<ReturnType<typeof startDevnet>> | undefined
let site: Hex = '0x'

beforeAll(async () => {
  await ensureBls()
  devnet = await startDevnet({
    anvilPort: 0,
    beaconPort: 0,
    quiet: true,
    coordinator: false,
    storage: false,
    stateFile: join(mkdtempSync(join(tmpdir(), 'lightbus-fetch-')), 'devnet.json'),
  })
  const built = compileSolidity({ 'Web3TestSites.sol': readFileSync(new URL('../src/test/contracts/Web3TestSites.sol', import.meta.url), 'utf8') })
  const c = built.ManualSite as (typeof built)[string]
  const { publicClient, walletClient } = devnetClients(devnet.executionRpcUrl)
  const hash = await walletClient.deployContract({ abi: c.abi, bytecode: c.bytecode, account: DEV_ACCOUNT, chain: null })
  site = (await publicClient.waitForTransactionReceipt({ hash })).contractAddress as Hex
  const put = await walletClient.writeContract({
    address: site,
    abi: c.abi,
    functionName: 'put',
    args: [stringToHex('/index.html'), stringToHex(HTML)],
    account: DEV_ACCOUNT,
    chain: null,
  })
  const r = await publicClient.waitForTransactionReceipt({ hash: put })
  await waitForFinalizedBlock(devnet.beaconApiUrl, Number(r.blockNumber))
}, 120_000)
afterAll(async () => {
  await devnet?.stop()
})

describe('lightbus fetch', () => {
  it('prints the verified content’s sha256, MIME type and size, ok:true', async () => {
    const d = devnet as NonNullable<typeof devnet>
    const { code, out } = await run(['fetch', `web3://${site}:31337/`, '--rpc', d.executionRpcUrl, '--beacon', d.beaconApiUrl])
    expect({ code, ...out }).toMatchObject({ code: 0, ok: true, command: 'fetch', network: 'devnet', mode: 'manual', mime: 'text/html', size: HTML.length })
    expect(out.sha256).toBe(`0x${createHash('sha256').update(HTML).digest('hex')}`)
    expect(out.anchor.kind).toBe('light-client')
    expect(out.calls).toBe(2)
  }, 120_000)

  it('a URL of another chain is a typed error (exit 1); bad flags are usage errors (exit 2)', async () => {
    const d = devnet as NonNullable<typeof devnet>
    const other = await run(['fetch', `web3://${site}/index.html`, '--rpc', d.executionRpcUrl, '--beacon', d.beaconApiUrl])
    expect(other).toMatchObject({ code: 1, out: { ok: false, error: { code: 'Web3Url' } } })
    expect((await run(['fetch', 'https://example.com', '--rpc', d.executionRpcUrl, '--beacon', d.beaconApiUrl])).code).toBe(2)
    expect((await run(['fetch', `web3://${site}:31337/`])).code).toBe(2)
  }, 120_000)
})

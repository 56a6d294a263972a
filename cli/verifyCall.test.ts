// `lightbus verify call` on a devnet: the light client synced from the devnet's checkpoint picks the block,
// the call's answer equals anvil's plain eth_call at that block; bad command lines are usage errors.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { encodeFunctionData, parseAbi } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { waitForFinalizedBlock } from '../devnet/beacon/waitForFinality.ts'
import { DEV_ACCOUNT, PROOF_MARKET_CONTRACT, startDevnet } from '../devnet/run.ts'
import { ensureBls } from '../src/consensus/bls.ts'
import { rpcRequest } from '../src/net/executionRpc.ts'
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

let devnet: Awaited<ReturnType<typeof startDevnet>> | undefined
beforeAll(async () => {
  await ensureBls()
  devnet = await startDevnet({
    anvilPort: 0,
    beaconPort: 0,
    quiet: true,
    coordinator: false,
    storage: false,
    stateFile: join(mkdtempSync(join(tmpdir(), 'lightbus-call-')), 'devnet.json'),
  })
}, 60_000)
afterAll(async () => {
  await devnet?.stop()
})

describe('lightbus verify call', () => {
  it('returns the bytes of anvil eth_call at the light client’s finalized block, ok:true', async () => {
    const d = devnet as NonNullable<typeof devnet>
    await waitForFinalizedBlock(d.beaconApiUrl, d.deploymentsBlock)
    const data = encodeFunctionData({ abi: parseAbi(['function balanceOf(address) view returns (uint256)']), functionName: 'balanceOf', args: [DEV_ACCOUNT] })
    const { code, out } = await run(['verify', 'call', '--rpc', d.executionRpcUrl, '--beacon', d.beaconApiUrl, '--to', PROOF_MARKET_CONTRACT, '--data', data])
    expect({ code, ...out }).toMatchObject({ code: 0, ok: true, command: 'verify call', network: 'devnet', anchor: { kind: 'light-client' }, reverted: false })
    const plain = await rpcRequest(d.executionRpcUrl, 'eth_call', [{ to: PROOF_MARKET_CONTRACT, data }, `0x${out.anchor.blockNumber.toString(16)}`])
    expect(out.returnData).toBe(plain)
    expect(out.proven.accounts).toBeGreaterThanOrEqual(2)
  })

  it('bad flags are usage errors (exit 2)', async () => {
    expect((await run(['verify', 'call', '--rpc', 'http://127.0.0.1:9', '--beacon', 'http://127.0.0.1:9', '--to', '0x12', '--data', '0x'])).code).toBe(2)
    expect((await run(['verify', 'call', '--rpc', 'http://127.0.0.1:9', '--to', `0x${'11'.repeat(20)}`])).code).toBe(2)
    const r = await run(['verify', 'call', '--rpc', 'http://127.0.0.1:9', '--beacon', 'http://127.0.0.1:9', '--to', `0x${'11'.repeat(20)}`, '--data', '0xzz'])
    expect(r).toMatchObject({ code: 2, out: { ok: false, error: { code: 'Usage' } } })
  })
})

// Verified eth_call against anvil (the devnet's execution node) with the devnet contracts deployed: the same
// bytes as anvil's own eth_call, and every lie of the RPC ends in a typed error.
import { writeFileSync } from 'node:fs'
import { encodeFunctionData, type Hex, parseAbi } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devAccount } from '../../devnet/accounts.ts'
import { startAnvil } from '../../devnet/anvil.ts'
import { fundAccount } from '../../devnet/fundAccount.ts'
import { DEV_ACCOUNT, deployContracts, PROOF_MARKET_CONTRACT, SERVICE_REGISTRY_CONTRACT } from '../../devnet/run.ts'
import { BaseError, MalformedInputError } from '../errors/base.ts'
import { ERROR_CODES } from '../errors/serialize.ts'
import { BlockHashMismatchError } from '../errors/verify.ts'
import { callBlockFromRpcBlock } from '../verify/call/callBlock.ts'
import { forwarderInitCode, type RecordedAnswer, recordingSource } from '../verify/call/testSources.ts'
import type { CallBlock, CallRequest, CallStateSource } from '../verify/call/types.ts'
import { verifiedCall } from '../verify/call/verifiedCall.ts'
import { createRpcCallStateSource, fetchCallBlock } from './callStateRpc.ts'
import { rpcRequest } from './executionRpc.ts'

const abi = parseAbi([
  'function balanceOf(address) view returns (uint256)',
  'function fulfilledClaim(uint256) view returns (bool, bytes32, bytes32, bytes32)',
  'function stakeOf(uint256, address) view returns (uint256)',
  'function deposit() payable',
  'function withdraw(uint256)',
])

let anvil: Awaited<ReturnType<typeof startAnvil>>
let url: string
let block: CallBlock
let source: CallStateSource
const contracts = { forwarder: '0x' as Hex, sha256Caller: '0x' as Hex, esCaller: '0x' as Hex }
const ES_PRECOMPILE: Hex = '0x0000000000000000000000000000000000033301'

async function send(data: Hex, value = 0n, to?: Hex): Promise<Hex> {
  const hash = (await rpcRequest(url, 'eth_sendTransaction', [
    { from: DEV_ACCOUNT, data, gas: '0x200000', value: `0x${value.toString(16)}`, ...(to ? { to } : {}) },
  ])) as Hex
  for (;;) {
    const r = (await rpcRequest(url, 'eth_getTransactionReceipt', [hash])) as { status: Hex; contractAddress: Hex | null } | null
    if (r) {
      expect(r.status).toBe('0x1')
      return (r.contractAddress ?? hash) as Hex
    }
    await new Promise((res) => setTimeout(res, 20)) // polling for the receipt event, not synchronising on time
  }
}

beforeAll(async () => {
  anvil = await startAnvil({ port: 0, blockTimeSec: 0 })
  url = anvil.url
  await deployContracts(url)
  await send(encodeFunctionData({ abi, functionName: 'deposit' }), 10n ** 18n, PROOF_MARKET_CONTRACT as Hex)
  contracts.forwarder = await send(forwarderInitCode(PROOF_MARKET_CONTRACT as Hex))
  contracts.sha256Caller = await send(forwarderInitCode('0x0000000000000000000000000000000000000002'))
  contracts.esCaller = await send(forwarderInitCode(ES_PRECOMPILE))
  const latest = (await rpcRequest(url, 'eth_getBlockByNumber', ['latest', false])) as { hash: Hex }
  block = callBlockFromRpcBlock(latest, latest.hash, 31337n)
  source = createRpcCallStateSource(url)
}, 60_000)

afterAll(async () => {
  await anvil?.stop()
})

const CALLS: { name: string; req: () => CallRequest }[] = [
  {
    name: 'ProofMarket.balanceOf(dev)',
    req: () => ({ to: PROOF_MARKET_CONTRACT as Hex, data: encodeFunctionData({ abi, functionName: 'balanceOf', args: [DEV_ACCOUNT] }) }),
  },
  {
    name: 'ProofMarket.fulfilledClaim(1)',
    req: () => ({ to: PROOF_MARKET_CONTRACT as Hex, data: encodeFunctionData({ abi, functionName: 'fulfilledClaim', args: [1n] }) }),
  },
  {
    name: 'ServiceRegistry.stakeOf(1, dev)',
    req: () => ({ to: SERVICE_REGISTRY_CONTRACT as Hex, data: encodeFunctionData({ abi, functionName: 'stakeOf', args: [1n, DEV_ACCOUNT] }) }),
  },
  {
    name: 'forwarder → ProofMarket.balanceOf(dev)',
    req: () => ({ to: contracts.forwarder, data: encodeFunctionData({ abi, functionName: 'balanceOf', args: [DEV_ACCOUNT] }) }),
  },
  { name: 'contract → sha256 precompile', req: () => ({ to: contracts.sha256Caller, data: '0x68656c6c6f' }) },
]

const plainCall = async (req: CallRequest) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'eth_call',
      params: [{ to: req.to, data: req.data, from: req.from }, `0x${block.number.toString(16)}`],
    }),
  })
  return (await res.json()) as { result?: Hex; error?: { data?: Hex } }
}

const expectCode = async (p: Promise<unknown>, codes: string[]) => {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  )
  expect(e).toBeInstanceOf(BaseError)
  expect(codes).toContain((e as BaseError).code)
  return e as BaseError
}

describe('verifiedCall on the devnet', () => {
  it.each(CALLS)('$name returns the same bytes as anvil eth_call, verified', async ({ req }) => {
    const r = req()
    const [verified, plain] = await Promise.all([verifiedCall(source, r, block), plainCall(r)])
    expect(verified.reverted).toBe(false)
    expect(verified.returnData).toBe(plain.result)
    expect(verified.proven.accounts).toBeGreaterThanOrEqual(2)
    expect(verified.checks.map((c) => c.label)).toContain('Account and storage proofs')
  })

  it('balanceOf(dev) is the 1 ETH the dev account deposited (a non-zero proven slot)', async () => {
    const r = await verifiedCall(source, CALLS[0]?.req() as CallRequest, block)
    expect(BigInt(r.returnData)).toBe(10n ** 18n)
    expect(r.proven.slots).toBeGreaterThanOrEqual(1)
  })

  it('a revert is a verified answer carrying the revert data', async () => {
    const req: CallRequest = {
      to: PROOF_MARKET_CONTRACT as Hex,
      from: DEV_ACCOUNT as Hex,
      data: encodeFunctionData({ abi, functionName: 'withdraw', args: [10n ** 30n] }),
    }
    const [r, plain] = await Promise.all([verifiedCall(source, req, block), plainCall(req)])
    expect(r.reverted).toBe(true)
    expect(plain.error).toBeDefined()
    expect(r.returnData).toBe(plain.error?.data ?? '0x')
  })

  it('records devnet calls with every RPC answer (RECORD_CALL_FIXTURES=1 writes fixtures/calls/devnet-calls.json)', async () => {
    const calls = []
    for (const { name, req } of CALLS) {
      const log: RecordedAnswer[] = []
      const r = await verifiedCall(recordingSource(source, log), req(), block)
      calls.push({ name, request: req(), returnData: r.returnData, answers: log })
    }
    expect(calls.every((c) => c.answers.length >= 2)).toBe(true)
    if (process.env.RECORD_CALL_FIXTURES) {
      const json = JSON.stringify(
        {
          provenance: `recorded ${new Date().toISOString()} from a devnet anvil (chain 31337, --hardfork cancun) by src/net/verifiedCall.devnet.test.ts with RECORD_CALL_FIXTURES=1`,
          block,
          calls,
        },
        (_k, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v),
        1,
      )
      writeFileSync(new URL('../../fixtures/calls/devnet-calls.json', import.meta.url), `${json}\n`)
    }
  })
})

describe('the call block', () => {
  it('is fetched by its hash and hashed: a changed base fee or another hash → BlockHashMismatch', async () => {
    expect((await fetchCallBlock(url, block.hash, 31337n)).stateRoot).toBe(block.stateRoot)
    const raw = (await rpcRequest(url, 'eth_getBlockByHash', [block.hash, false])) as Record<string, unknown>
    expect(() => callBlockFromRpcBlock({ ...raw, baseFeePerGas: '0x1' }, block.hash)).toThrow(/does not hash/)
    await expectCode(fetchCallBlock(url, `0x${'22'.repeat(32)}`), ['MalformedInput'])
    const parent = (await rpcRequest(url, 'eth_getBlockByNumber', [`0x${(block.number - 1n).toString(16)}`, false])) as Record<string, unknown>
    expect(() => callBlockFromRpcBlock(parent, block.hash)).toThrow(BlockHashMismatchError)
  })
})

describe('caller precompiles (async run)', () => {
  it('a contract STATICCALLing an async caller precompile gets its output', async () => {
    const precompiles = [
      {
        address: ES_PRECOMPILE,
        run: async (input: Uint8Array) => {
          await Promise.resolve()
          return input.slice().reverse()
        },
      },
    ]
    const r = await verifiedCall(source, { to: contracts.esCaller, data: '0x010203' }, block, { precompiles })
    expect(r.reverted).toBe(false)
    expect(r.returnData).toBe('0x030201')
  })

  it('a precompile that throws a typed error fails the whole call with it', async () => {
    const precompiles = [
      {
        address: ES_PRECOMPILE,
        run: async () => {
          throw new MalformedInputError({ what: 'blob' })
        },
      },
    ]
    await expectCode(verifiedCall(source, { to: contracts.esCaller, data: '0x01' }, block, { precompiles }), ['MalformedInput'])
  })

  it('an aborted signal cancels with VerificationCancelled', async () => {
    const ac = new AbortController()
    ac.abort()
    await expectCode(verifiedCall(source, CALLS[0]?.req() as CallRequest, block, { signal: ac.signal }), ['VerificationCancelled'])
  })

  it('limits: too many accounts → InputTooLarge', async () => {
    await expectCode(verifiedCall(source, CALLS[3]?.req() as CallRequest, block, { limits: { maxAccounts: 2 } }), ['InputTooLarge'])
  })
})

describe('a lying RPC makes the call fail, never return a wrong value', () => {
  const req = () => CALLS[3]?.req() as CallRequest // forwarder → ProofMarket: two contracts, one slot

  it('wrong code → CodeHashMismatch', async () => {
    const lying: CallStateSource = { ...source, getCode: async () => '0x6001600055' }
    await expectCode(verifiedCall(lying, req(), block), ['CodeHashMismatch'])
  })

  it('a slot value changed in the proof → the proof check fails', async () => {
    const lying: CallStateSource = {
      ...source,
      getProof: async (a, k, n) => {
        const p = (await source.getProof(a, k, n)) as { storageProof: { value: Hex }[] }
        for (const s of p.storageProof) s.value = '0x5'
        return p
      },
    }
    await expectCode(verifiedCall(lying, req(), block), ['ProofValueMismatch'])
  })

  it('a storage key dropped from the access list → CallStateNotProven', async () => {
    const lying: CallStateSource = {
      ...source,
      createAccessList: async (r, n) => (await source.createAccessList(r, n)).map((e) => ({ ...e, storageKeys: [] })),
    }
    const e = await expectCode(verifiedCall(lying, req(), block), ['CallStateNotProven'])
    expect(e.shortMessage).toMatch(/storage/)
  })

  it('an account dropped from the access list → CallStateNotProven', async () => {
    const lying: CallStateSource = {
      ...source,
      createAccessList: async (r, n) => (await source.createAccessList(r, n)).filter((e) => e.address.toLowerCase() !== PROOF_MARKET_CONTRACT),
    }
    const e = await expectCode(verifiedCall(lying, req(), block), ['CallStateNotProven'])
    expect(e.shortMessage).toMatch(/account 0xe7f1725e7734ce288f8367e1bb143e90bb3f0512/)
  })

  it('proofs for another block (another state root) → fail', async () => {
    const lying: CallStateSource = { ...source, getProof: (a, k) => source.getProof(a, k, 3n) }
    await expectCode(verifiedCall(lying, req(), block), ['InvalidMptProof', 'ProofValueMismatch'])
  })

  it('a proof for another account → ProofMismatch', async () => {
    const lying: CallStateSource = { ...source, getProof: (_a, k, n) => source.getProof(DEV_ACCOUNT as Hex, k, n) }
    await expectCode(verifiedCall(lying, req(), block), ['ProofMismatch'])
  })

  it('random garbage answers always end in a typed error (or the true value)', async () => {
    const truth = await verifiedCall(source, req(), block)
    let seed = 7
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return seed / 0x7fffffff
    }
    const garbage = (real: unknown): unknown => {
      const pick = Math.floor(rnd() * 7)
      if (pick === 0) return null
      if (pick === 1) return Math.floor(rnd() * 1e6)
      if (pick === 2) return `0x${Math.floor(rnd() * 2 ** 48).toString(16)}`
      if (pick === 3) return { accountProof: 'x', storageProof: [1, 2] }
      if (pick === 4) return [{ address: 42, storageKeys: 'no' }]
      // flip one hex digit somewhere in the real answer's JSON
      const s = JSON.stringify(real)
      const positions = [...s.matchAll(/[0-9a-f]/g)].map((m) => m.index as number)
      const i = positions[Math.floor(rnd() * positions.length)] ?? 0
      const c = s[i] === 'a' ? 'b' : 'a'
      return JSON.parse(s.slice(0, i) + c + s.slice(i + 1))
    }
    for (let round = 0; round < 40; round++) {
      const which = Math.floor(rnd() * 3)
      const lying: CallStateSource = {
        createAccessList: async (r, n) => (which === 0 ? garbage(await source.createAccessList(r, n)) : source.createAccessList(r, n)) as never,
        getProof: async (a, k, n) => (which === 1 ? garbage(await source.getProof(a, k, n)) : source.getProof(a, k, n)),
        getCode: async (a, n) => (which === 2 ? garbage(await source.getCode(a, n)) : source.getCode(a, n)) as never,
      }
      const out = await verifiedCall(lying, req(), block).then(
        (r) => ({ ok: r }),
        (e: unknown) => ({ e }),
      )
      if ('ok' in out) expect(out.ok.returnData).toBe(truth.returnData)
      else {
        expect(out.e, String(out.e)).toBeInstanceOf(BaseError)
        expect(ERROR_CODES).toContain((out.e as BaseError).code)
      }
    }
  })
})

describe('funding an account on the devnet (the Services page InvalidAccountProof after a reload)', () => {
  const callAt = async (from: Hex, number: bigint) => {
    const raw = (await rpcRequest(url, 'eth_getBlockByNumber', [`0x${number.toString(16)}`, false])) as { hash: Hex }
    const at = callBlockFromRpcBlock(raw, raw.hash, 31337n)
    return verifiedCall(
      source,
      { from, to: PROOF_MARKET_CONTRACT as Hex, data: encodeFunctionData({ abi, functionName: 'balanceOf', args: [DEV_ACCOUNT] }) },
      at,
    )
  }
  const head = async () => BigInt((await rpcRequest(url, 'eth_blockNumber', [])) as Hex)

  it('anvil_setBalance rewrites the state anvil serves for the head block: verified calls there fail, also after later blocks', async () => {
    const fresh = privateKeyToAccount(generatePrivateKey()).address
    const h = await head()
    await callAt(fresh, h) // verifies before
    await rpcRequest(url, 'anvil_setBalance', [fresh, '0x8ac7230489e80000'])
    await expectCode(callAt(fresh, h), ['InvalidMptProof', 'ProofValueMismatch'])
    await send('0x', 0n, DEV_ACCOUNT) // a later block
    await expectCode(callAt(fresh, h), ['InvalidMptProof', 'ProofValueMismatch'])
  })

  it('fundAccount (a transfer) leaves every block verifiable: the block before and the block of the transfer', async () => {
    const fresh = privateKeyToAccount(generatePrivateKey()).address
    const before = await head()
    const mined = await fundAccount(url, devAccount(5), fresh, 10n ** 18n)
    expect((await callAt(fresh, before)).reverted).toBe(false)
    expect((await callAt(fresh, mined)).reverted).toBe(false)
    expect(BigInt((await rpcRequest(url, 'eth_getBalance', [fresh, `0x${mined.toString(16)}`])) as Hex)).toBe(10n ** 18n)
  })
})

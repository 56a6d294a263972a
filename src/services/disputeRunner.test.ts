import { decodeFunctionData, encodeAbiParameters, encodeFunctionResult, type Hex, keccak256 } from 'viem'
import { describe, expect, it } from 'vitest'
import { PROOF_MARKET_CLAIM_ABI, SERVICE_REGISTRY_ABI } from './abi.ts'
import type { ProviderSlot } from './compare.ts'
import { type DisputeDeps, disputeProofRequest, runDispute } from './disputeRunner.ts'
import type { VerifiedCaller } from './registryReads.ts'
import type { StoredServiceSession } from './sessionStore.ts'
import { wordsToHex } from './words.ts'

const market = { proofMarket: '0xe7f1725e7734ce288f8367e1bb143e90bb3f0512', serviceRegistry: '0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9' } as const
const PROGRAM = keccak256('0x01')
const HONEST = '0x15d34aaf54267db7d7c367839aaf71a00a2c6a65' as Hex
const LIAR = '0x976ea74026e726554db657fa54763abd0c3a0aa9' as Hex
const input = wordsToHex([10])
const right = wordsToHex([55])
const wrong = wordsToHex([56])
const slot = (provider: Hex, output: Hex): ProviderSlot => ({
  provider,
  endpoint: 'http://127.0.0.1:1',
  outcome: { status: 'answered', response: { requestHash: keccak256('0x02'), output }, signature: '0x', words: [], ms: 1 },
})
const session: StoredServiceSession = {
  id: keccak256('0x02'),
  networkId: 'devnet',
  chainId: 31337,
  registry: market.serviceRegistry,
  createdAtMs: 0,
  service: { id: '1', name: 'Fibonacci', programId: PROGRAM },
  request: { serviceId: '1', user: '0xa0ee7a142d267c1f36714e4a8f75612f20a79720', input, nonce: '7' },
  inputText: '10',
  userSignature: '0x',
  slots: [slot(HONEST, right), slot(LIAR, wrong)],
}

/** A chain in memory: the proof is fulfilled after `provenAfter` reads; a dispute slashes the liar. */
function fakeChain(o: { provenInput?: Hex; expire?: boolean; journal?: Hex } = {}) {
  let reads = 0
  let block = 100n
  const state = { slashed: new Set<string>(), disputes: [] as Hex[], submitted: 0 }
  const caller: VerifiedCaller = async (to, data) => {
    const abi = to === market.proofMarket ? PROOF_MARKET_CLAIM_ABI : SERVICE_REGISTRY_ABI
    const { functionName, args } = decodeFunctionData({ abi, data }) as { functionName: string; args: readonly unknown[] }
    let result: unknown
    if (functionName === 'fulfilledClaim') {
      reads++
      const done = !o.expire && reads > 2
      result = [
        done,
        done ? PROGRAM : `0x${'0'.repeat(64)}`,
        done ? keccak256(o.provenInput ?? input) : `0x${'0'.repeat(64)}`,
        done ? keccak256(o.journal ?? right) : `0x${'0'.repeat(64)}`,
      ]
    } else if (functionName === 'requestStatus') {
      const z = `0x${'0'.repeat(64)}`
      result = {
        state: o.expire && reads > 1 ? 3 : 1,
        slashed: false,
        locker: HONEST,
        fulfiller: HONEST,
        price: 0n,
        collateral: 0n,
        lockDeadline: 0n,
        deadline: 0n,
        requestDigest: z,
        imageId: z,
        inputDigest: z,
        journalDigest: z,
        lockedAtBlock: 0n,
        fulfilledAtBlock: 0n,
      }
    } else if (functionName === 'serviceCount') result = 1n
    else if (functionName === 'getService') result = [HONEST, PROGRAM, 'Fibonacci']
    else if (functionName === 'providersOf') {
      const ps = [HONEST, LIAR].filter((p) => !state.slashed.has(p))
      result = [ps, ps.map(() => 'http://x'), ps.map(() => 10n ** 18n)]
    } else if (functionName === 'stakeOf') result = state.slashed.has((args[1] as string).toLowerCase()) ? 0n : 10n ** 18n
    return {
      returnData: encodeFunctionResult({ abi, functionName, result } as Parameters<typeof encodeFunctionResult>[0]),
      reverted: false,
      checks: [{ label: functionName }],
    }
  }
  const saved: StoredServiceSession[] = []
  const deps: DisputeDeps = {
    verifiedAt: async () => ({ caller, blockNumber: block }),
    finalizedAtLeast: async (b) => {
      block = b > block ? b : block + 1n
    },
    submitProof: async () => {
      state.submitted++
      return keccak256('0x03')
    },
    sendDispute: async ({ provider }) => {
      state.disputes.push(provider)
      return keccak256(provider)
    },
    waitReceipt: async (hash) => {
      const provider = state.disputes.find((p) => keccak256(p) === hash)
      if (provider) state.slashed.add(provider)
      const data = encodeAbiParameters(
        [{ type: 'bytes32' }, { type: 'uint256' }, { type: 'bytes' }, { type: 'bytes32' }, { type: 'uint256' }, { type: 'uint256' }],
        [session.id, 1n, wrong, keccak256(right), 10n ** 18n, 5n * 10n ** 17n],
      )
      const pad = (a: Hex) => `0x${a.slice(2).padStart(64, '0')}` as Hex
      const topic0 = keccak256(new TextEncoder().encode('DisputeSettled(uint256,address,address,bytes32,uint256,bytes,bytes32,uint256,uint256)'))
      return {
        status: 'success',
        blockNumber: 120n,
        logs: provider
          ? [
              {
                address: market.serviceRegistry,
                topics: [topic0, pad('0x01'), pad(provider), pad(session.request.user)],
                data,
                blockNumber: 120n,
                logIndex: 0,
                transactionIndex: 0,
                transactionHash: hash,
                blockHash: hash,
                removed: false,
              },
            ]
          : [],
      } as never
    },
    save: async (s) => {
      saved.push(s)
    },
  }
  return { deps, state, saved }
}

const first = () => disputeProofRequest(session, { index: 5, askWei: 10n ** 14n, nowSec: 1000n })

describe('runDispute (a chain in memory)', () => {
  it('the proof request is the service program on the same input; the liar, and only the liar, is disputed and its slash proven', async () => {
    const req = first()
    expect(req.imageId).toBe(PROGRAM)
    expect(req.input).toBe(input)
    expect(BigInt(req.id) >> 32n).toBe(BigInt(session.request.user))
    expect(BigInt(req.offer.maxPrice)).toBeGreaterThanOrEqual(10n ** 14n)
    const { deps, state, saved } = fakeChain()
    const done = await runDispute(session, deps, market, first, () => {}, new AbortController().signal)
    expect(state.disputes).toEqual([LIAR])
    expect(done.dispute?.phase).toBe('done')
    expect(done.dispute?.journalDigest).toBe(keccak256(right))
    expect(done.dispute?.disputes).toMatchObject([
      { provider: LIAR, status: 'proven', slashed: (10n ** 18n).toString(), burned: (5n * 10n ** 17n).toString(), blockNumber: '120' },
    ])
    // Every phase was saved before the next began.
    expect(saved.map((s) => s.dispute?.phase)).toEqual(expect.arrayContaining(['proving', 'proven', 'disputing', 'done']))
  })

  it('resumes a saved dispute without sending the proof request again', async () => {
    const { deps: d1, saved } = fakeChain()
    await runDispute(session, d1, market, first, () => {}, new AbortController().signal)
    const atProving = saved.find((s) => s.dispute?.phase === 'proving') as StoredServiceSession
    const { deps, state } = fakeChain()
    const done = await runDispute(atProving, deps, market, null, () => {}, new AbortController().signal)
    expect(state.submitted).toBe(0)
    expect(done.dispute?.disputes.map((x) => x.status)).toEqual(['proven'])
  })

  it('a proof of another input, or an expired request, stops with DisputeProofUnavailable and disputes nobody', async () => {
    for (const o of [{ provenInput: wordsToHex([11]) }, { expire: true }]) {
      const { deps, state, saved } = fakeChain(o)
      const e = await runDispute(session, deps, market, first, () => {}, new AbortController().signal).catch((x) => x)
      expect(e.code).toBe('DisputeProofUnavailable')
      expect(state.disputes).toEqual([])
      expect(saved.at(-1)?.dispute?.phase).toBe('failed')
    }
  })

  it('if the proof says the majority was wrong, the majority is disputed', async () => {
    const { deps, state } = fakeChain({ journal: wrong })
    await runDispute(session, deps, market, first, () => {}, new AbortController().signal)
    expect(state.disputes).toEqual([HONEST])
  })
})

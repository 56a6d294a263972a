// Offline: the recorded devnet calls (fixtures/calls/devnet-calls.json) replayed against their recorded state
// root give the recorded return data; tampered recordings fail with typed errors.
import { readFileSync } from 'node:fs'
import type { Hex } from 'viem'
import { describe, expect, it } from 'vitest'
import { BaseError } from '../../errors/base.ts'
import { type RecordedAnswer, replaySource } from './testSources.ts'
import type { CallBlock, CallRequest } from './types.ts'
import { verifiedCall } from './verifiedCall.ts'

type Fixture = {
  provenance: string
  block: Record<keyof CallBlock, string>
  calls: { name: string; request: CallRequest; returnData: Hex; answers: RecordedAnswer[] }[]
}
const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/calls/devnet-calls.json', import.meta.url), 'utf8')) as Fixture
const b = fixture.block
const block: CallBlock = {
  number: BigInt(b.number),
  hash: b.hash as Hex,
  stateRoot: b.stateRoot as Hex,
  timestamp: BigInt(b.timestamp),
  baseFeePerGas: BigInt(b.baseFeePerGas),
  gasLimit: BigInt(b.gasLimit),
  coinbase: b.coinbase as Hex,
  prevRandao: b.prevRandao as Hex,
  chainId: BigInt(b.chainId),
}
// The recorder wrote the block number as hex; the replay keys use the same form.
const answersOf = (c: Fixture['calls'][number]) => c.answers.map((a) => ({ ...a, params: a.params }))

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof BaseError ? e.code : `untyped: ${String(e)}`),
  )

describe('recorded devnet calls, offline', () => {
  it('the fixture says where it comes from', () => {
    expect(fixture.provenance).toMatch(/devnet anvil/)
    expect(fixture.calls.length).toBeGreaterThanOrEqual(4)
  })

  it.each(fixture.calls)('$name replays to the recorded return data', async (c) => {
    const r = await verifiedCall(replaySource(answersOf(c)), c.request, block)
    expect(r.returnData).toBe(c.returnData)
  })

  it('another state root rejects every recorded call', async () => {
    const other = { ...block, stateRoot: `0x${'11'.repeat(32)}` as Hex }
    for (const c of fixture.calls) expect(await codeOf(verifiedCall(replaySource(answersOf(c)), c.request, other))).toBe('InvalidMptProof')
  })

  it('a flipped byte of recorded code → CodeHashMismatch', async () => {
    const c = fixture.calls.find((x) => x.answers.some((a) => a.method === 'getCode')) as Fixture['calls'][number]
    const answers = structuredClone(answersOf(c))
    const code = answers.find((a) => a.method === 'getCode') as RecordedAnswer
    const hex = code.result as string
    code.result = `${hex.slice(0, -2)}${hex.endsWith('00') ? '01' : '00'}`
    expect(await codeOf(verifiedCall(replaySource(answersOf({ ...c, answers })), c.request, block))).toBe('CodeHashMismatch')
  })

  it('a recorded slot value changed → ProofValueMismatch', async () => {
    const c = fixture.calls[0] as Fixture['calls'][number]
    const answers = structuredClone(answersOf(c))
    for (const a of answers) {
      const p = a.result as { storageProof?: { value: string }[] }
      if (a.method === 'getProof') for (const s of p.storageProof ?? []) s.value = '0x7'
    }
    expect(await codeOf(verifiedCall(replaySource(answers), c.request, block))).toBe('ProofValueMismatch')
  })
})

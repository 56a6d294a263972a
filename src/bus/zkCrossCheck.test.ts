import { describe, expect, it } from 'vitest'
import type { HeaderSummary } from '../consensus/lightClientHeader.ts'
import { flipHex, readFixture } from '../test/fixtures.ts'
import { decodeZkProof } from '../verify/zk/decodeZkProof.ts'
import { crossCheckZkPos, telepathyCommitteeChain } from './zkCrossCheck.ts'

// A light-client header at the slot the real Telepathy step proof attests (slot 6000896, mainnet):
// the light client's roots are taken as the proof states them (agree), then one byte differs (disagree).
const step = readFixture('zk/telepathy/slot6000991.json').step
const facts = {
  finalizedSlot: Number(step.finalizedSlot),
  finalizedHeaderRoot: step.finalizedHeaderRoot,
  executionStateRoot: step.executionStateRoot,
}
const header = (blockRoot: string, stateRoot: string): HeaderSummary => ({
  slot: Number(step.finalizedSlot),
  blockRoot: blockRoot as `0x${string}`,
  beaconStateRoot: `0x${'00'.repeat(32)}`,
  execution: {
    blockNumber: 0,
    blockHash: `0x${'00'.repeat(32)}`,
    stateRoot: stateRoot as `0x${string}`,
    transactionsRoot: `0x${'00'.repeat(32)}`,
    receiptsRoot: `0x${'00'.repeat(32)}`,
    timestamp: 0,
    feeRecipient: `0x${'00'.repeat(20)}`,
    gasUsed: 0,
  },
})

describe('crossCheckZkPos', () => {
  it('agrees when the light client verified the same roots at that slot', () => {
    const c = crossCheckZkPos('telepathy-step', facts, [null, header(step.finalizedHeaderRoot, step.executionStateRoot)])
    expect(c.status).toBe('agree')
    expect(c.fields.map((f) => f.name)).toEqual(['finalized header root', 'execution state root'])
  })
  it('disagrees when either root differs', () => {
    expect(crossCheckZkPos('telepathy-step', facts, [header(flipHex(step.finalizedHeaderRoot), step.executionStateRoot)]).status).toBe('disagree')
    const c = crossCheckZkPos('telepathy-step', facts, [header(step.finalizedHeaderRoot, flipHex(step.executionStateRoot))])
    expect(c.status).toBe('disagree')
    expect(c.fields.find((f) => !f.equal)?.name).toBe('execution state root')
  })
  it('says no-overlap when no verified header is at that slot, or for zkVM claims', () => {
    expect(crossCheckZkPos('telepathy-step', facts, [{ ...header(step.finalizedHeaderRoot, step.executionStateRoot), slot: 1 }]).status).toBe('no-overlap')
    expect(crossCheckZkPos('risc0', {}, []).status).toBe('no-overlap')
  })
})

describe('telepathyCommitteeChain (real proofs)', () => {
  const files = ['periodBoundaryEarlySlot', 'periodBoundaryLateSlot', 'slot6000991', 'slot6001055']
  const verified = files.flatMap((f) => {
    const json = readFixture(`zk/telepathy/${f}.json`)
    return (['telepathy-step', 'telepathy-rotate'] as const).map((family) => ({ proofId: `${family}-${f}`, result: decodeZkProof(family, json) }))
  })
  const stepOf = (f: string) => (verified.find((v) => v.proofId === `telepathy-step-${f}`) as (typeof verified)[number]).result
  it('a step is chained by a verified rotate that stores its period’s commitment', () => {
    const c = telepathyCommitteeChain(stepOf('periodBoundaryEarlySlot'), verified)
    // The period-614 committee's rotate (late slot) stores period 615's commitment.
    expect(c).toMatchObject({ status: 'chained', period: 615, via: 'telepathy-rotate-periodBoundaryLateSlot' })
  })
  it('a rotate signed by the committee it stores is circular and does not chain', () => {
    // The early-slot rotate's step is attested in period 615 (signed by 615's committee) and finalizes a slot of 614: it stores 615.
    const early = verified.find((v) => v.proofId === 'telepathy-rotate-periodBoundaryEarlySlot')
    expect(early?.result.committee).toMatchObject({ period: 615, next: { period: 615 } })
    const withoutLate = verified.filter((v) => v.proofId !== 'telepathy-rotate-periodBoundaryLateSlot')
    expect(telepathyCommitteeChain(stepOf('periodBoundaryEarlySlot'), withoutLate)?.status).toBe('not-chained')
  })
  it('a step whose commitment only the proof file gives is not chained', () => {
    for (const f of ['periodBoundaryLateSlot', 'slot6000991', 'slot6001055'])
      expect(telepathyCommitteeChain(stepOf(f), verified)?.status, f).toBe('not-chained')
    // Without the rotates, nothing is chained.
    expect(
      telepathyCommitteeChain(
        stepOf('periodBoundaryEarlySlot'),
        verified.filter((v) => v.result.family === 'telepathy-step'),
      )?.status,
    ).toBe('not-chained')
  })
  it('a rotate of another commitment, or below the finality threshold, does not chain', () => {
    const step = stepOf('periodBoundaryEarlySlot') as Required<ReturnType<typeof stepOf>>
    type Committee = NonNullable<(typeof verified)[number]['result']['committee']>
    const rotates = verified.filter((v) => v.result.family === 'telepathy-rotate') as {
      proofId: string
      result: { family: 'telepathy-rotate'; kind: 'zkpos'; committee: Required<Committee> }
    }[]
    const other = rotates.map((v) => ({
      ...v,
      result: { ...v.result, committee: { ...v.result.committee, next: { ...v.result.committee.next, syncCommitteePoseidon: '1' } } },
    }))
    expect(telepathyCommitteeChain(step, other)?.status).toBe('not-chained')
    const weak = rotates.map((v) => ({
      ...v,
      result: { ...v.result, committee: { ...v.result.committee, participation: 300, meetsFinalityThreshold: false } },
    }))
    expect(telepathyCommitteeChain(step, weak)?.status).toBe('not-chained')
    const weakStep = { ...step, committee: { ...step.committee, participation: 341, meetsFinalityThreshold: false } }
    expect(telepathyCommitteeChain(weakStep, verified)).toMatchObject({ status: 'not-chained', reason: /finality threshold \(350\)/ })
  })
  it('says nothing about other families', () => {
    expect(telepathyCommitteeChain({ family: 'risc0', kind: 'zkvm' }, verified)).toBeNull()
  })
  it('a rotate whose period is not proven (no embedded step proof) never chains', () => {
    const steps = verified.filter((v) => v.result.family === 'telepathy-step')
    const stripped = (f: string) => {
      const json = readFixture(`zk/telepathy/${f}.json`)
      for (const k of ['a', 'b', 'c', 'inputs']) delete json.step[k]
      return { proofId: `telepathy-rotate-${f}-no-step`, result: decodeZkProof('telepathy-rotate', json) }
    }
    const rotates = ['periodBoundaryEarlySlot', 'periodBoundaryLateSlot'].map(stripped)
    expect(rotates.map((r) => r.result.kind)).toEqual(['proof-only', 'proof-only'])
    expect(telepathyCommitteeChain(stepOf('periodBoundaryEarlySlot'), [...steps, ...rotates])?.status).toBe('not-chained')
    // Even if such a rotate carried a committee, its kind keeps it out of the chain.
    const forged = rotates.map((r, i) => ({ ...r, result: { ...r.result, committee: (verified[2 * i + 1] as (typeof verified)[number]).result.committee } }))
    expect(forged[0]?.result.committee?.next?.period).toBe(615)
    expect(telepathyCommitteeChain(stepOf('periodBoundaryEarlySlot'), [...steps, ...forged])?.status).toBe('not-chained')
  })
})

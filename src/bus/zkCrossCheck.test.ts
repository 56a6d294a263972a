import { describe, expect, it } from 'vitest'
import type { HeaderSummary } from '../consensus/lightClientHeader.ts'
import { flipHex, readFixture } from '../test/fixtures.ts'
import { crossCheckZkPos } from './zkCrossCheck.ts'

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

import { describe, expect, it } from 'vitest'
import type { ForcedUpdateMark, SyncStep } from '../consensus/lightClientSession.ts'
import { lightClientChecks, lightClientProvenance } from './provenance.ts'

const ROOT = `0x${'ab'.repeat(32)}`
const forced: ForcedUpdateMark = { atSlot: 82080, period: 10, attestedSlot: 82120, signatureSlot: 82121, participants: 300, atMs: 0 }

describe('light-client provenance', () => {
  it('is verified down to the checkpoint without a forced update', () => {
    expect(lightClientProvenance(ROOT, undefined, [])).toEqual({ status: 'verified', anchor: 'light-client', anchorDetail: `Checkpoint ${ROOT}.`, checks: [] })
  })

  it('is trusted (forced update), never verified, once the light client applied a forced update', () => {
    const p = lightClientProvenance(ROOT, forced, [])
    expect(p.status).toBe('trusted')
    expect(p).toMatchObject({ forced })
  })

  it('names the forced step in the chain of checks', () => {
    const step: SyncStep = {
      kind: 'forced',
      period: 10,
      slot: 82120,
      finalizedSlot: 82080,
      participants: 300,
      ms: 1,
      atMs: 0,
      advancedFinalized: true,
      advancedOptimistic: false,
      forced,
    }
    expect(lightClientChecks(ROOT, [step]).at(-1)?.detail).toMatch(/NOT verified/)
  })
})

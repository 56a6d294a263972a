import { beforeAll, describe, expect, it } from 'vitest'
import { InvalidSyncCommitteeSignatureError, LightClientUpdateRejectedError } from '../errors/consensus.ts'
import {
  type CraftedCommittee,
  craftBootstrap,
  craftCommittee,
  craftConfig,
  craftFinalityUpdate,
  craftUpdate,
  SLOTS_PER_PERIOD,
  slotIn,
} from '../test/craftUpdates.ts'
import { ensureBls } from './bls.ts'
import { LightClientSession, type LightClientSessionOptions } from './lightClientSession.ts'
import { generateSealingKey, openSealedState, sealState } from './persistedState.ts'
import { type LightClientTransport, syncPeriods } from './syncPeriods.ts'

// Committees: C[k] signs in period P + k; ATTACKER is nobody's committee.
const P = 10
let C: CraftedCommittee[]
let ATTACKER: CraftedCommittee

beforeAll(async () => {
  await ensureBls()
  C = [0, 1, 2].map((k) => craftCommittee(k + 1))
  ATTACKER = craftCommittee(99)
})

/** A session bootstrapped at slot (P, 100) with committee C[0]. */
function bootstrapped(options?: LightClientSessionOptions) {
  const b = craftBootstrap(slotIn(P, 100), C[0] as CraftedCommittee)
  return LightClientSession.fromBootstrap(craftConfig, 'devnet', b.checkpointRoot, b.json, options)
}

/** Period P's committee update: attested (P, 200), signed (P, 201), finalized (P, 160), next committee `next`. */
const periodUpdate = (participants: number, next: CraftedCommittee, signer = C[0] as CraftedCommittee) =>
  craftUpdate({ attestedSlot: slotIn(P, 200), signatureSlot: slotIn(P, 201), finalizedSlot: slotIn(P, 160), next, signer, participants })

const NOW = slotIn(P + 3, 0)

const transportOf = (getUpdates: LightClientTransport['getUpdates']): LightClientTransport => ({
  getBootstrap: async () => null,
  getUpdates,
  getFinalityUpdate: async () => null,
  getOptimisticUpdate: async () => null,
})

describe('sync committee rotation needs a supermajority (process_light_client_update)', () => {
  it('(a) one signer of 512 carrying a next committee installs nothing; an update signed by that committee is rejected', () => {
    const session = bootstrapped()
    const finalizedBefore = session.finalizedSummary
    session.applyUpdate(NOW, periodUpdate(1, ATTACKER))
    expect(session.hasCommitteeFor(P + 1)).toBe(false)
    expect(session.isNextSyncCommitteeKnown).toBe(false)
    expect(session.finalizedSummary).toEqual(finalizedBefore)
    // The attacker's committee "finalizes" a header of P + 1: rejected, nothing changes.
    const attack = craftUpdate({
      attestedSlot: slotIn(P + 1, 50),
      signatureSlot: slotIn(P + 1, 51),
      finalizedSlot: slotIn(P + 1, 10),
      next: ATTACKER,
      signer: ATTACKER,
    })
    expect(() => session.applyUpdate(NOW, attack)).toThrow(LightClientUpdateRejectedError)
    const attackFinality = craftFinalityUpdate({
      attestedSlot: slotIn(P + 1, 50),
      signatureSlot: slotIn(P + 1, 51),
      finalizedSlot: slotIn(P + 1, 10),
      signer: ATTACKER,
    })
    expect(() => session.applyFinalityUpdate(NOW, attackFinality)).toThrow(LightClientUpdateRejectedError)
    // Signed in P by the attacker: the store's current committee does not verify it.
    const inPeriod = craftFinalityUpdate({ attestedSlot: slotIn(P, 300), signatureSlot: slotIn(P, 301), finalizedSlot: slotIn(P, 250), signer: ATTACKER })
    expect(() => session.applyFinalityUpdate(NOW, inPeriod)).toThrow(InvalidSyncCommitteeSignatureError)
    expect(session.finalizedSummary).toEqual(finalizedBefore)
    expect(session.hasCommitteeFor(P + 1)).toBe(false)
  })

  it('(b) 341 of 512 (below 2/3) does not rotate; 342 does', () => {
    const below = bootstrapped()
    below.applyUpdate(NOW, periodUpdate(341, C[1] as CraftedCommittee))
    expect(below.hasCommitteeFor(P + 1)).toBe(false)
    expect(below.isNextSyncCommitteeKnown).toBe(false)
    expect(below.finalizedSummary.slot).toBe(slotIn(P, 100))
    const nextPeriod = craftUpdate({
      attestedSlot: slotIn(P + 1, 200),
      signatureSlot: slotIn(P + 1, 201),
      finalizedSlot: slotIn(P + 1, 160),
      next: C[2],
      signer: C[1] as CraftedCommittee,
    })
    expect(() => below.applyUpdate(NOW, nextPeriod)).toThrow(LightClientUpdateRejectedError)
    expect(below.period).toBe(P)

    const at = bootstrapped()
    at.applyUpdate(NOW, periodUpdate(342, C[1] as CraftedCommittee))
    expect(at.isNextSyncCommitteeKnown).toBe(true)
    expect(at.hasCommitteeFor(P + 1)).toBe(true)
    expect(at.hasCommitteeFor(P + 2)).toBe(false)
    expect(at.finalizedSummary.slot).toBe(slotIn(P, 160))
    at.applyUpdate(NOW, nextPeriod)
    expect(at.period).toBe(P + 1)
    expect(at.finalizedSummary.slot).toBe(slotIn(P + 1, 160))
    expect(at.hasCommitteeFor(P + 2)).toBe(true)
    expect(at.trust).toEqual({ kind: 'verified' })
  })

  it('one signer (or any minority) never moves the optimistic header, even on a fresh store (stricter than the spec’s safety threshold)', () => {
    const session = bootstrapped()
    const before = session.optimisticSummary
    // A finality update signed by 1 of 512: finalizes nothing (no supermajority) and, unlike the spec's threshold (0 here), moves nothing.
    const one = craftFinalityUpdate({
      attestedSlot: slotIn(P, 300),
      signatureSlot: slotIn(P, 301),
      finalizedSlot: slotIn(P, 250),
      signer: C[0] as CraftedCommittee,
      participants: 1,
    })
    session.applyFinalityUpdate(NOW, one)
    expect(session.optimisticSummary).toEqual(before)
    const half = craftFinalityUpdate({
      attestedSlot: slotIn(P, 310),
      signatureSlot: slotIn(P, 311),
      finalizedSlot: slotIn(P, 250),
      signer: C[0] as CraftedCommittee,
      participants: 256,
    })
    session.applyFinalityUpdate(NOW, half)
    expect(session.optimisticSummary).toEqual(before)
    const majority = craftFinalityUpdate({
      attestedSlot: slotIn(P, 320),
      signatureSlot: slotIn(P, 321),
      finalizedSlot: slotIn(P, 250),
      signer: C[0] as CraftedCommittee,
      participants: 257,
    })
    session.applyFinalityUpdate(NOW, majority)
    expect(session.optimisticSummary.slot).toBe(slotIn(P, 320))
    expect(session.finalizedSummary.slot).toBe(slotIn(P, 100))
  })

  it('(c) attested in the last slot of P, signed in P + 1: its next committee is that of P + 1, never of P + 2', () => {
    const boundary = (next: CraftedCommittee) =>
      craftUpdate({
        attestedSlot: slotIn(P, SLOTS_PER_PERIOD - 1),
        signatureSlot: slotIn(P + 1, 0),
        finalizedSlot: slotIn(P, 8100),
        next,
        signer: C[1] as CraftedCommittee,
      })
    // A store that does not know the next committee cannot check a signature of P + 1.
    expect(() => bootstrapped().applyUpdate(NOW, boundary(C[1] as CraftedCommittee))).toThrow(LightClientUpdateRejectedError)

    const session = bootstrapped()
    session.applyUpdate(NOW, periodUpdate(512, C[1] as CraftedCommittee))
    // Attested in the store period: its next committee must be the store's next committee.
    expect(() => session.applyUpdate(NOW, boundary(ATTACKER))).toThrow(LightClientUpdateRejectedError)
    session.applyUpdate(NOW, boundary(C[1] as CraftedCommittee))
    expect(session.finalizedSummary.slot).toBe(slotIn(P, 8100))
    expect(session.period).toBe(P)
    expect(session.hasCommitteeFor(P + 1)).toBe(true)
    expect(session.hasCommitteeFor(P + 2)).toBe(false)
    // A finality update of P + 2 signed by the committee of P + 1 is rejected.
    const f = craftFinalityUpdate({
      attestedSlot: slotIn(P + 2, 300),
      signatureSlot: slotIn(P + 2, 301),
      finalizedSlot: slotIn(P + 2, 200),
      signer: C[1] as CraftedCommittee,
    })
    const before = session.finalizedSummary
    expect(() => session.applyFinalityUpdate(NOW, f)).toThrow(LightClientUpdateRejectedError)
    expect(session.finalizedSummary).toEqual(before)
  })

  it('a rejected update leaves the store unchanged (optimistic header, committees, best update)', () => {
    const session = bootstrapped()
    session.applyUpdate(NOW, periodUpdate(512, C[1] as CraftedCommittee))
    const state = session.exportState()
    const bad = craftUpdate({
      attestedSlot: slotIn(P, 900),
      signatureSlot: slotIn(P, 901),
      finalizedSlot: slotIn(P, 800),
      next: ATTACKER,
      signer: C[0] as CraftedCommittee,
    })
    expect(() => session.applyUpdate(NOW, bad)).toThrow(LightClientUpdateRejectedError)
    expect({ ...session.exportState(), savedAtMs: 0 }).toEqual({ ...state, savedAtMs: 0 })
  })
})

describe('process_light_client_store_force_update (UPDATE_TIMEOUT = 8192 slots)', () => {
  // Period P's only update has 300 of 512 signatures: valid, but never a supermajority.
  const weak = () => periodUpdate(300, C[1] as CraftedCommittee)
  const afterTimeout = slotIn(P + 1, 500) // > finalized (P, 100) + 8192

  it('(d) off by default: nothing is forced after the timeout, sync fails with a typed error', async () => {
    const session = bootstrapped()
    await expect(
      syncPeriods(
        session,
        transportOf(async () => [weak()]),
        afterTimeout,
      ),
    ).rejects.toThrow(LightClientUpdateRejectedError)
    expect(session.allowForcedUpdates).toBe(false)
    expect(session.forceUpdate(afterTimeout)).toBeNull()
    expect(session.forced).toBeNull()
    expect(session.trust).toEqual({ kind: 'verified' })
    expect(session.hasCommitteeFor(P + 1)).toBe(false)
    expect(session.finalizedSummary.forced).toBeUndefined()
  })

  it('(d) on: not before the timeout; after it the best valid update is applied and everything derived is marked forced, across persistence', async () => {
    const session = bootstrapped({ allowForcedUpdates: true })
    session.applyUpdate(slotIn(P, 300), weak())
    expect(session.forceUpdate(slotIn(P, 300))).toBeNull() // not timed out
    expect(session.forceUpdate(slotIn(P + 1, 100))).toBeNull() // = finalized + UPDATE_TIMEOUT, not past it

    const fresh = bootstrapped({ allowForcedUpdates: true })
    const steps = await syncPeriods(
      fresh,
      transportOf(async () => [weak()]),
      afterTimeout,
    )
    expect(steps.map((s) => s.kind)).toEqual(['update', 'forced'])
    expect(fresh.hasCommitteeFor(P + 1)).toBe(true)
    const mark = { atSlot: slotIn(P, 160), period: P, attestedSlot: slotIn(P, 200), signatureSlot: slotIn(P, 201), participants: 300 }
    expect(fresh.forced).toMatchObject(mark)
    expect(fresh.trust).toMatchObject({ kind: 'forced', forced: mark })
    expect(fresh.finalizedSummary.slot).toBe(slotIn(P, 160))
    expect(fresh.finalizedSummary.forced).toMatchObject(mark)

    // A later, fully signed update by the forced-in committee: still derived from the forced update.
    const later = craftFinalityUpdate({
      attestedSlot: slotIn(P + 1, 400),
      signatureSlot: slotIn(P + 1, 401),
      finalizedSlot: slotIn(P + 1, 300),
      signer: C[1] as CraftedCommittee,
    })
    const step = fresh.applyFinalityUpdate(afterTimeout, later)
    expect(step.forced).toMatchObject(mark)
    expect(fresh.finalizedSummary).toMatchObject({ slot: slotIn(P + 1, 300), forced: mark })
    expect(fresh.optimisticSummary.forced).toMatchObject(mark)

    // Export → seal → open → restore (even without the option): the mark survives.
    const key = await generateSealingKey()
    const opened = await openSealedState(await sealState(fresh.exportState(), key), key)
    expect(opened.forced).toMatchObject(mark)
    const restored = LightClientSession.fromPersisted(craftConfig, 'devnet', fresh.checkpointRoot, opened)
    expect(restored.trust).toMatchObject({ kind: 'forced', forced: mark })
    expect(restored.finalizedSummary).toMatchObject({ slot: slotIn(P + 1, 300), forced: mark })
    expect(restored.steps.at(-1)).toMatchObject({ kind: 'restore', forced: mark })
  })

  it('a verified session persists as verified', () => {
    const session = bootstrapped()
    session.applyUpdate(NOW, periodUpdate(512, C[1] as CraftedCommittee))
    const restored = LightClientSession.fromPersisted(craftConfig, 'devnet', session.checkpointRoot, session.exportState())
    expect(restored.trust).toEqual({ kind: 'verified' })
    expect(restored.hasCommitteeFor(P + 1)).toBe(true)
    expect(restored.finalizedSummary.forced).toBeUndefined()
  })
})

describe('syncPeriods ends in bounded time', () => {
  it('stops when a batch does not advance the store, even for a transport that answers the same list forever and a huge clock', async () => {
    let calls = 0
    const session = bootstrapped()
    const list = [periodUpdate(300, C[1] as CraftedCommittee)]
    const transport = transportOf(async () => {
      calls++
      if (calls > 20) throw new Error('syncPeriods kept asking')
      return list
    })
    await expect(syncPeriods(session, transport, Number.MAX_SAFE_INTEGER)).rejects.toThrow(LightClientUpdateRejectedError)
    expect(calls).toBe(1)
  })

  it('hasCommitteeFor follows the spec store: current, and next only when known', () => {
    const session = bootstrapped()
    expect([P - 1, P, P + 1].map((p) => session.hasCommitteeFor(p))).toEqual([false, true, false])
    session.applyUpdate(NOW, periodUpdate(300, C[1] as CraftedCommittee)) // valid, but no supermajority
    expect([P, P + 1].map((p) => session.hasCommitteeFor(p))).toEqual([true, false])
    session.applyUpdate(NOW, periodUpdate(512, C[1] as CraftedCommittee))
    expect([P - 1, P, P + 1, P + 2].map((p) => session.hasCommitteeFor(p))).toEqual([false, true, true, false])
  })
})

import bls from '@chainsafe/bls/switchable'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { InvalidMerkleBranchError, InvalidSyncCommitteeSignatureError } from '../errors/consensus.ts'
import { flipHex, MAINNET_CHECKPOINT, mainnetLc } from '../test/fixtures.ts'
import { ensureBls } from './bls.ts'
import { getBeaconConfig } from './chainConfig.ts'
import { LightClientSession, SIGNATURE_BATCH_SIZE, type SyncStep } from './lightClientSession.ts'

// LightClientSession.applyUpdates: the six real mainnet period updates (periods 862–867) checked as one signature
// batch, and every way the batch can fail falling back to exactly what one-by-one application does.

const config = getBeaconConfig('mainnet')
const CURRENT_SLOT = 7109432

beforeAll(() => ensureBls())
afterEach(() => vi.restoreAllMocks())

const fresh = (rec: ReturnType<typeof mainnetLc>) => LightClientSession.fromBootstrap(config, 'mainnet', MAINNET_CHECKPOINT, rec.bootstrap)

/** What a session holds, without timings. */
const stateOf = (s: LightClientSession) => {
  const { savedAtMs: _, steps, ...rest } = s.exportState()
  return { ...rest, steps: steps.map(({ ms: _ms, atMs: _atMs, ...step }) => step) }
}

/** Applies `updates` with applyUpdates; returns the reported steps and what was thrown. */
function batched(session: LightClientSession, updates: unknown[]) {
  const reported: SyncStep[] = []
  let error: unknown
  try {
    session.applyUpdates(CURRENT_SLOT, updates, (s) => reported.push(s))
  } catch (e) {
    error = e
  }
  return { reported, error }
}

/** The reference: applyUpdate one by one, stopping at the first error. */
function oneByOne(session: LightClientSession, updates: unknown[]) {
  const reported: SyncStep[] = []
  let error: unknown
  try {
    for (const u of updates) reported.push(session.applyUpdate(CURRENT_SLOT, u))
  } catch (e) {
    error = e
  }
  return { reported, error }
}

describe('applyUpdates (one signature batch per answer)', () => {
  it('verifies the six real updates with one batch check and no single check, to the same store as one by one', () => {
    const rec = mainnetLc()
    const batch = vi.spyOn(bls.Signature, 'verifyMultipleSignatures')
    const single = vi.spyOn(bls.Signature.prototype, 'verify')
    const session = fresh(rec)
    const { reported, error } = batched(session, rec.updates)
    expect(error).toBeUndefined()
    expect(batch).toHaveBeenCalledTimes(1)
    expect(batch.mock.calls[0]?.[0]).toHaveLength(6)
    expect(batch.mock.results[0]?.value).toBe(true)
    expect(single).not.toHaveBeenCalled()
    expect(reported.map((s) => s.period)).toEqual([862, 863, 864, 865, 866, 867])

    const reference = fresh(mainnetLc())
    oneByOne(reference, mainnetLc().updates)
    expect(stateOf(session)).toEqual(stateOf(reference))
    expect(session.period).toBe(867)
  })

  it('two signatures swapped (each a valid point, neither for its update): the batch fails, the updates before the first are kept, its error thrown', () => {
    const rec = mainnetLc()
    const a = rec.updates[2].data.sync_aggregate
    const b = rec.updates[3].data.sync_aggregate
    ;[a.sync_committee_signature, b.sync_committee_signature] = [b.sync_committee_signature, a.sync_committee_signature]
    const batch = vi.spyOn(bls.Signature, 'verifyMultipleSignatures')
    const session = fresh(rec)
    const { reported, error } = batched(session, rec.updates)
    expect(batch).toHaveBeenCalledTimes(1)
    expect(batch.mock.results[0]?.value).toBe(false)
    expect(error).toBeInstanceOf(InvalidSyncCommitteeSignatureError)
    expect((error as InvalidSyncCommitteeSignatureError).message).toContain(String(rec.updates[2].data.signature_slot))
    expect(reported.map((s) => s.period)).toEqual([862, 863])

    const reference = fresh(rec)
    const ref = oneByOne(reference, rec.updates)
    expect(ref.error).toBeInstanceOf(InvalidSyncCommitteeSignatureError)
    expect(stateOf(session)).toEqual(stateOf(reference))
  })

  it('a later update with a flipped finality branch byte: no batch check, the ones before it reported once each, its error thrown', () => {
    const rec = mainnetLc()
    const branch = rec.updates[4].data.finality_branch
    branch[1] = flipHex(branch[1])
    const batch = vi.spyOn(bls.Signature, 'verifyMultipleSignatures')
    const session = fresh(rec)
    const { reported, error } = batched(session, rec.updates)
    expect(batch).not.toHaveBeenCalled()
    expect(error).toBeInstanceOf(InvalidMerkleBranchError)
    expect(reported.map((s) => s.period)).toEqual([862, 863, 864, 865])
    expect(session.steps.filter((s) => s.kind === 'update').map((s) => s.period)).toEqual([862, 863, 864, 865])

    const reference = fresh(rec)
    oneByOne(reference, rec.updates)
    expect(stateOf(session)).toEqual(stateOf(reference))
  })

  it('the first update with a valid point that is not its signature: nothing applied, nothing reported', () => {
    const rec = mainnetLc()
    const a = rec.updates[0].data.sync_aggregate
    const b = rec.updates[1].data.sync_aggregate
    ;[a.sync_committee_signature, b.sync_committee_signature] = [b.sync_committee_signature, a.sync_committee_signature]
    const session = fresh(rec)
    const before = stateOf(session)
    const { reported, error } = batched(session, rec.updates)
    expect(error).toBeInstanceOf(InvalidSyncCommitteeSignatureError)
    expect(reported).toEqual([])
    expect(stateOf(session)).toEqual(before)
  })

  it('an update taken as best valid in the deferred pass is gone when its batch fails: no forced update can install it', () => {
    const rec = mainnetLc()
    // 300 of 512 signed (the first 300 bits): no supermajority, so recorded as the best valid update, not applied; above
    // half, so it would move the optimistic header. Its signature no longer matches the bits.
    rec.updates[0].data.sync_aggregate.sync_committee_bits = `0x${'ff'.repeat(37)}0f${'00'.repeat(26)}`
    const session = LightClientSession.fromBootstrap(config, 'mainnet', MAINNET_CHECKPOINT, rec.bootstrap, { allowForcedUpdates: true })
    const before = stateOf(session)
    const { reported, error } = batched(session, [rec.updates[0], rec.updates[0]])
    expect(error).toBeInstanceOf(InvalidSyncCommitteeSignatureError)
    expect(reported).toEqual([])
    expect(stateOf(session)).toEqual(before)
    const farLater = CURRENT_SLOT + 100_000
    expect(session.canForceUpdate(farLater)).toBe(false)
    expect(session.forceUpdate(farLater)).toBeNull()
  })

  it('an onStep that throws after a verified batch: its error, the verified updates kept once each', () => {
    const rec = mainnetLc()
    const session = fresh(rec)
    const boom = new Error('listener failed')
    let calls = 0
    expect(() =>
      session.applyUpdates(CURRENT_SLOT, rec.updates, () => {
        calls++
        throw boom
      }),
    ).toThrow(boom)
    expect(calls).toBe(1)
    expect(session.period).toBe(867)
    expect(session.steps.filter((s) => s.kind === 'update').map((s) => s.period)).toEqual([862, 863, 864, 865, 866, 867])
  })

  it('an answer longer than a batch is checked in batches of at most that size, each on its own', () => {
    const rec = mainnetLc()
    const batch = vi.spyOn(bls.Signature, 'verifyMultipleSignatures')
    const session = fresh(rec)
    const reported: SyncStep[] = []
    session.applyUpdates(CURRENT_SLOT, rec.updates, (s) => reported.push(s), 4)
    expect(batch.mock.calls.map((c) => (c[0] as unknown[]).length)).toEqual([4, 2])
    expect(reported.map((s) => s.period)).toEqual([862, 863, 864, 865, 866, 867])
    expect(SIGNATURE_BATCH_SIZE).toBeGreaterThanOrEqual(6)
  })

  it('a backend that throws in the batch check: checked one by one, same result', () => {
    const rec = mainnetLc()
    vi.spyOn(bls.Signature, 'verifyMultipleSignatures').mockImplementation(() => {
      throw new Error('backend failure')
    })
    const single = vi.spyOn(bls.Signature.prototype, 'verify')
    const session = fresh(rec)
    const { reported, error } = batched(session, rec.updates)
    expect(error).toBeUndefined()
    expect(single).toHaveBeenCalledTimes(6)
    expect(reported.map((s) => s.period)).toEqual([862, 863, 864, 865, 866, 867])
  })

  it('a batch check that says false for valid signatures changes nothing it should not: checked one by one, all applied', () => {
    const rec = mainnetLc()
    vi.spyOn(bls.Signature, 'verifyMultipleSignatures').mockReturnValue(false)
    const session = fresh(rec)
    const { reported, error } = batched(session, rec.updates)
    expect(error).toBeUndefined()
    expect(reported.map((s) => s.period)).toEqual([862, 863, 864, 865, 866, 867])
    expect(session.steps.filter((s) => s.kind === 'update')).toHaveLength(6)
  })
})

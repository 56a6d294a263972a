import bls from '@chainsafe/bls/switchable'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { InvalidMerkleBranchError, InvalidSyncCommitteeSignatureError } from '../errors/consensus.ts'
import { flipHex, MAINNET_CHECKPOINT, mainnetLc } from '../test/fixtures.ts'
import { ensureBls } from './bls.ts'
import { getBeaconConfig } from './chainConfig.ts'
import { LightClientSession, type SyncStep } from './lightClientSession.ts'

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

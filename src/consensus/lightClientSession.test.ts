import { beforeAll, describe, expect, it } from 'vitest'
import { MalformedInputError } from '../errors/base.ts'
import {
  CheckpointMismatchError,
  InvalidMerkleBranchError,
  InvalidSyncCommitteeSignatureError,
  LightClientUpdateRejectedError,
  StoredStateInvalidError,
  UnsupportedForkError,
} from '../errors/consensus.ts'
import { flipHex, MAINNET_CHECKPOINT, mainnetLc, memoryTransport } from '../test/fixtures.ts'
import { ensureBls } from './bls.ts'
import { getBeaconConfig } from './chainConfig.ts'
import { LightClientSession } from './lightClientSession.ts'
import { generateSealingKey, openSealedState, sealState } from './persistedState.ts'
import { syncPeriods } from './syncPeriods.ts'

const config = getBeaconConfig('mainnet')
const CURRENT_SLOT = 7109432

beforeAll(() => ensureBls())

async function syncedSession(rec = mainnetLc()) {
  const session = LightClientSession.fromBootstrap(config, 'mainnet', MAINNET_CHECKPOINT, rec.bootstrap)
  await syncPeriods(session, memoryTransport(rec), CURRENT_SLOT)
  session.applyFinalityUpdate(CURRENT_SLOT, rec.finality)
  session.applyOptimisticUpdate(CURRENT_SLOT, rec.optimistic)
  return session
}

describe('LightClientSession on the real mainnet recording', () => {
  it('syncs bootstrap → 6 period updates → finality to slot 7109344 / block 17923026', async () => {
    const session = await syncedSession()
    const f = session.finalizedSummary
    expect(f.slot).toBe(7109344)
    expect(f.execution?.blockNumber).toBe(17923026)
    expect(f.execution?.stateRoot).toBe('0x226f5ff47ab3725b5a4a3afc74b1e79e4aa3a29704561eccce590e58900baec3')
    expect(session.optimisticSummary.slot).toBe(7109431)
    expect(session.steps.map((s) => s.kind)).toEqual(['bootstrap', 'update', 'update', 'update', 'update', 'update', 'update', 'finality', 'optimistic'])
    expect(session.steps.filter((s) => s.kind === 'update').map((s) => s.period)).toEqual([862, 863, 864, 865, 866, 867])
  })

  it('rejects a bootstrap for another checkpoint', () => {
    const other = flipHex(MAINNET_CHECKPOINT)
    expect(() => LightClientSession.fromBootstrap(config, 'mainnet', other, mainnetLc().bootstrap)).toThrow(CheckpointMismatchError)
  })

  it('rejects a bootstrap whose committee branch has one flipped byte', () => {
    const rec = mainnetLc()
    const branch = rec.bootstrap.data.current_sync_committee_branch
    branch[2] = flipHex(branch[2])
    expect(() => LightClientSession.fromBootstrap(config, 'mainnet', MAINNET_CHECKPOINT, rec.bootstrap)).toThrow(InvalidMerkleBranchError)
  })

  it('rejects an update with one flipped signature byte and keeps the store as it was', async () => {
    const rec = mainnetLc()
    const sig = rec.updates[2].data.sync_aggregate
    sig.sync_committee_signature = flipHex(sig.sync_committee_signature)
    const session = LightClientSession.fromBootstrap(config, 'mainnet', MAINNET_CHECKPOINT, rec.bootstrap)
    await expect(syncPeriods(session, memoryTransport(rec), CURRENT_SLOT)).rejects.toThrow(InvalidSyncCommitteeSignatureError)
    // periods 862 and 863 verified; 864 did not, so the store did not move past it
    expect(session.steps.filter((s) => s.kind === 'update').map((s) => s.period)).toEqual([862, 863])
  })

  it('rejects an update whose finality branch has one flipped byte', async () => {
    const rec = mainnetLc()
    const b = rec.updates[1].data.finality_branch
    b[1] = flipHex(b[1])
    const session = LightClientSession.fromBootstrap(config, 'mainnet', MAINNET_CHECKPOINT, rec.bootstrap)
    await expect(syncPeriods(session, memoryTransport(rec), CURRENT_SLOT)).rejects.toThrow(InvalidMerkleBranchError)
  })

  it('rejects a finality update with a flipped execution state root (execution branch)', async () => {
    const session = await syncedSession()
    const rec = mainnetLc()
    const exec = rec.finality.data.finalized_header.execution
    exec.state_root = flipHex(exec.state_root)
    const fresh = LightClientSession.fromBootstrap(config, 'mainnet', MAINNET_CHECKPOINT, rec.bootstrap)
    await syncPeriods(fresh, memoryTransport(rec), CURRENT_SLOT)
    expect(() => fresh.applyFinalityUpdate(CURRENT_SLOT, rec.finality)).toThrow(InvalidMerkleBranchError)
    expect(fresh.finalizedSummary.slot).toBeLessThan(7109344)
    expect(session.finalizedSummary.slot).toBe(7109344)
  })

  it('rejects an update whose attested header is before Capella (in a Capella container) as an unsupported fork', () => {
    const rec = mainnetLc()
    const u = rec.updates[0]
    u.data.attested_header.beacon.slot = '6000000' // Bellatrix on mainnet (Capella from slot 6209536)
    u.data.finality_branch = u.data.finality_branch.map(() => `0x${'00'.repeat(32)}`)
    const session = LightClientSession.fromBootstrap(config, 'mainnet', MAINNET_CHECKPOINT, rec.bootstrap)
    expect(() => session.applyUpdate(CURRENT_SLOT, u)).toThrow(UnsupportedForkError)
  })

  it('rejects malformed JSON with a typed error', () => {
    expect(() => LightClientSession.fromBootstrap(config, 'mainnet', MAINNET_CHECKPOINT, { data: { header: {} } })).toThrow(MalformedInputError)
    expect(() => LightClientSession.fromBootstrap(config, 'mainnet', '0x1234', mainnetLc().bootstrap)).toThrow(MalformedInputError)
  })
})

describe('persisted state', () => {
  it('round-trips through seal/open and resumes at the stored period without updates', async () => {
    const session = await syncedSession()
    const key = await generateSealingKey()
    const sealed = await sealState(session.exportState(), key)
    const state = await openSealedState(structuredClone(sealed), key)
    const restored = LightClientSession.fromPersisted(config, 'mainnet', MAINNET_CHECKPOINT, state)
    expect(restored.finalizedSummary).toEqual(session.finalizedSummary)
    expect(restored.hasCommitteeFor(867)).toBe(true)
    // the restored committee verifies the real finality update (no period updates needed)
    const rec = mainnetLc()
    let fetched = 0
    const transport = {
      ...memoryTransport(rec),
      getUpdates: async () => {
        fetched++
        return []
      },
    }
    await syncPeriods(restored, transport, CURRENT_SLOT)
    expect(fetched).toBe(0)
    restored.applyOptimisticUpdate(CURRENT_SLOT, rec.optimistic)
    expect(restored.optimisticSummary.slot).toBe(7109431)
  })

  it('discards a sealed state with one changed byte', async () => {
    const session = await syncedSession()
    const key = await generateSealingKey()
    const sealed = await sealState(session.exportState(), key)
    const i = sealed.payload.indexOf('"state_root":"0x') + 20
    const tampered = { ...sealed, payload: sealed.payload.slice(0, i) + (sealed.payload[i] === 'a' ? 'b' : 'a') + sealed.payload.slice(i + 1) }
    await expect(openSealedState(tampered, key)).rejects.toThrow(StoredStateInvalidError)
    await expect(openSealedState({ payload: 1 }, key)).rejects.toThrow(StoredStateInvalidError)
    // a different key (another profile) cannot open it either
    await expect(openSealedState(sealed, await generateSealingKey())).rejects.toThrow(StoredStateInvalidError)
  })

  it('discards an authenticated state whose content no longer verifies, or that belongs elsewhere', async () => {
    const session = await syncedSession()
    const state = session.exportState()
    const bad = structuredClone(state) as any
    bad.finalizedHeader.execution.state_root = flipHex(bad.finalizedHeader.execution.state_root)
    expect(() => LightClientSession.fromPersisted(config, 'mainnet', MAINNET_CHECKPOINT, bad)).toThrow(StoredStateInvalidError)
    expect(() => LightClientSession.fromPersisted(config, 'sepolia', MAINNET_CHECKPOINT, state)).toThrow(StoredStateInvalidError)
    const noCommittee = { ...state, committees: [] }
    expect(() => LightClientSession.fromPersisted(config, 'mainnet', MAINNET_CHECKPOINT, noCommittee)).toThrow(StoredStateInvalidError)
    // Version 1 stores could hold a next committee adopted without a supermajority: discarded.
    const v1 = { ...state, version: 1 } as unknown as typeof state
    expect(() => LightClientSession.fromPersisted(config, 'mainnet', MAINNET_CHECKPOINT, v1)).toThrow(StoredStateInvalidError)
    const badMark = { ...state, forced: { atSlot: 'x' } } as unknown as typeof state
    expect(() => LightClientSession.fromPersisted(config, 'mainnet', MAINNET_CHECKPOINT, badMark)).toThrow(StoredStateInvalidError)
  })
})

describe('validate_light_client_update rules (each rejected with a typed error, store unchanged)', () => {
  const sessionAt862 = () => LightClientSession.fromBootstrap(config, 'mainnet', MAINNET_CHECKPOINT, mainnetLc().bootstrap)
  const reject = (mutate: (u: any) => void, error: new (...a: any[]) => Error, currentSlot = CURRENT_SLOT) => {
    const rec = mainnetLc()
    mutate(rec.updates[0].data)
    const session = sessionAt862()
    const before = session.finalizedSummary
    expect(() => session.applyUpdate(currentSlot, rec.updates[0])).toThrow(error)
    expect(session.finalizedSummary).toEqual(before)
    expect(session.hasCommitteeFor(863)).toBe(false)
  }
  it('a signature slot in the future', () => reject(() => {}, LightClientUpdateRejectedError, 7061719))
  it('a signature slot not after the attested slot', () =>
    reject((u) => {
      u.signature_slot = u.attested_header.beacon.slot
    }, LightClientUpdateRejectedError))
  it('no participants', () =>
    reject((u) => {
      u.sync_aggregate.sync_committee_bits = `0x${'00'.repeat(64)}`
    }, LightClientUpdateRejectedError))
  it('one participant fewer than signed (bits changed, signature not)', () =>
    reject((u) => {
      const bits = u.sync_aggregate.sync_committee_bits as string
      u.sync_aggregate.sync_committee_bits = `${bits.slice(0, -2)}${(Number.parseInt(bits.slice(-2), 16) ^ 0x80).toString(16).padStart(2, '0')}`
    }, InvalidSyncCommitteeSignatureError))
  it('a non-finality update that still carries a finalized header', () =>
    reject((u) => {
      u.finality_branch = u.finality_branch.map(() => `0x${'00'.repeat(32)}`)
    }, LightClientUpdateRejectedError))
  it('a next sync committee that its branch does not prove', () =>
    reject((u) => {
      u.next_sync_committee.aggregate_pubkey = u.next_sync_committee.pubkeys[0]
    }, InvalidMerkleBranchError))
  it('a valid update is accepted by the same harness', () => {
    const session = sessionAt862()
    session.applyUpdate(CURRENT_SLOT, mainnetLc().updates[0])
    expect(session.hasCommitteeFor(863)).toBe(true)
  })
})

import { describe, expect, it } from 'vitest'
import type { LightClientStatus } from '../bus/lightClientStatus.ts'
import { announcement } from './syncAnnouncement.ts'

const syncing = (done: number, total: number): LightClientStatus => ({
  code: 'syncing',
  phase: 'updates',
  progress: { fromPeriod: 862, toPeriod: 862 + total - 1, period: 862 + done, done, total },
})

describe('announcement', () => {
  it('announces period progress in quarters, not on every update', () => {
    const keys = Array.from({ length: 41 }, (_, done) => announcement(syncing(done, 40))?.key)
    expect(new Set(keys)).toEqual(new Set(['syncing:0', 'syncing:1', 'syncing:2', 'syncing:3']))
    expect(announcement(syncing(10, 40))?.text).toBe('Light client syncing: 10 of 40 sync-committee periods verified.')
    expect(announcement(syncing(19, 40))?.text).toBe('Light client syncing: 10 of 40 sync-committee periods verified.')
  })

  it('one key per state change: synced, stalled, failed by error code', () => {
    expect(announcement(undefined)).toBeNull()
    expect(announcement({ code: 'syncing', phase: 'bootstrap' })?.key).toBe('syncing')
    expect(announcement({ code: 'synced', headMode: 'sse' })).toEqual({ key: 'synced', text: 'Light client synced: the finalized header is verified.' })
    expect(announcement({ code: 'synced', headMode: 'polling' })?.key).toBe('synced')
    expect(announcement({ code: 'stalled', reason: 'no new head for 40 slots', slotsBehind: 40 })?.text).toBe('Light client stalled: no new head for 40 slots.')
    const error = {
      name: 'InvalidSyncCommitteeSignatureError',
      code: 'InvalidSyncCommitteeSignature',
      message: 'm',
      shortMessage: 'Sync committee signature is invalid.',
    }
    expect(announcement({ code: 'failed', error })).toEqual({
      key: 'failed:InvalidSyncCommitteeSignature',
      text: 'Light client failed: Sync committee signature is invalid.',
    })
  })
})

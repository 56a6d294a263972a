// The as-sha256 hasher gives the same SSZ roots as the default (noble) one, on real mainnet data.
import { setHasher } from '@chainsafe/persistent-merkle-tree'
import { hasher as nobleHasher } from '@chainsafe/persistent-merkle-tree/hasher/noble'
import { ssz } from '@lodestar/types'
import { afterAll, describe, expect, it } from 'vitest'
import bootstrap from '../../fixtures/mainnet-lc/bootstrap.json'
import updates from '../../fixtures/mainnet-lc/updates.json'
import { selectAsSha256Hasher } from './sszHasher.ts'

afterAll(() => setHasher(nobleHasher))

describe('selectAsSha256Hasher', () => {
  it('roots of real sync committees and headers equal the noble hasher’s; a changed byte changes them', () => {
    const committee = ssz.altair.SyncCommittee.fromJson((bootstrap as { data: { current_sync_committee: unknown } }).data.current_sync_committee)
    const header = ssz.capella.LightClientHeader.fromJson((updates as { data: { attested_header: unknown } }[])[0]?.data.attested_header)
    setHasher(nobleHasher)
    const expected = [ssz.altair.SyncCommittee.hashTreeRoot(committee), ssz.capella.LightClientHeader.hashTreeRoot(header)]
    selectAsSha256Hasher()
    expect([ssz.altair.SyncCommittee.hashTreeRoot(committee), ssz.capella.LightClientHeader.hashTreeRoot(header)]).toEqual(expected)
    const tampered = ssz.altair.SyncCommittee.clone(committee)
    const key = tampered.pubkeys[511] as Uint8Array
    key[47] = (key[47] as number) ^ 1
    expect(ssz.altair.SyncCommittee.hashTreeRoot(tampered)).not.toEqual(expected[0])
  })
})

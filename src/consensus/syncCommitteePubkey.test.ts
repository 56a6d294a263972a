import bls from '@chainsafe/bls/switchable'
import { BitArray } from '@chainsafe/ssz'
import { ssz } from '@lodestar/types'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { mainnetLc } from '../test/fixtures.ts'
import { ensureBls } from './bls.ts'
import { participantAggregatePubkey } from './syncCommitteePubkey.ts'

beforeAll(() => ensureBls())

// The real period-862 committee (512 mainnet keys and their aggregate_pubkey) of the bootstrap.
const committee = ssz.altair.SyncCommittee.fromJson(mainnetLc().bootstrap.data.current_sync_committee)
const reference = (bits: BitArray) =>
  bls.PublicKey.aggregate(bits.getTrueBitIndexes().map((i) => bls.PublicKey.fromBytes(committee.pubkeys[i] as Uint8Array))).toBytes()

describe('participantAggregatePubkey (aggregate_pubkey minus non-participants)', () => {
  it('equals aggregating the participants one by one, for any participation', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(511), { maxLength: 400 }), (missing) => {
        const bits = BitArray.fromBitLen(512)
        for (let i = 0; i < 512; i++) bits.set(i, true)
        for (const i of missing) bits.set(i, false)
        if (bits.getTrueBitIndexes().length === 0) return
        expect(Buffer.from(participantAggregatePubkey(committee, bits).toBytes()).toString('hex')).toBe(Buffer.from(reference(bits)).toString('hex'))
      }),
      { numRuns: 25 },
    )
  })
  it('with everyone participating it is the committee aggregate_pubkey itself', () => {
    const bits = BitArray.fromBitLen(512)
    for (let i = 0; i < 512; i++) bits.set(i, true)
    expect(Buffer.from(participantAggregatePubkey(committee, bits).toBytes())).toEqual(Buffer.from(committee.aggregatePubkey))
  })
  it('a committee whose aggregate_pubkey was altered gives another key (the Merkle branch is what binds it)', () => {
    const bits = BitArray.fromBitLen(512)
    for (let i = 0; i < 511; i++) bits.set(i, true)
    const other = { ...committee, aggregatePubkey: committee.pubkeys[3] as Uint8Array }
    expect(Buffer.from(participantAggregatePubkey(other, bits).toBytes())).not.toEqual(Buffer.from(reference(bits)))
  })
})

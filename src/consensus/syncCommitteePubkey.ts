import bls from '@chainsafe/bls/switchable'
import type { PublicKey } from '@chainsafe/bls/types'
import type { BitArray } from '@chainsafe/ssz'
import type { altair } from '@lodestar/types'

/**
 * The aggregate public key of a sync committee's participants, without decompressing all 512 keys.
 *
 * `SyncCommittee.aggregate_pubkey` is the sum of all 512 member keys (consensus-specs altair
 * `get_next_sync_committee`), committed in the state with them, so the participants' aggregate is
 * `aggregate_pubkey − Σ non-participants` (each key counted with its multiplicity, as
 * `eth_fast_aggregate_verify` does). A G1 point is negated by flipping the sign bit (0x20) of its
 * compressed form (ZCash BLS12-381 serialization), so the subtraction is one aggregation of 1 + k keys.
 * When more than half are missing it aggregates the participants directly. Each decompressed key is
 * validated (on curve, in G1, not infinity).
 * Same idea: a16z/helios PR #751.
 * @param committee - The period's verified SyncCommittee (512 × 48-byte compressed keys + 48-byte aggregate).
 * @param bits - `sync_committee_bits`, 512 bits.
 * @throws From @chainsafe/bls when a key does not decompress.
 */
export function participantAggregatePubkey(committee: altair.SyncCommittee, bits: BitArray): PublicKey {
  const participants: number[] = []
  const missing: number[] = []
  for (let i = 0; i < committee.pubkeys.length; i++) (bits.get(i) ? participants : missing).push(i)
  if (missing.length === 0) return bls.PublicKey.fromBytes(committee.aggregatePubkey, undefined, true)
  if (missing.length <= participants.length) {
    const negated = missing.map((i) => {
      const k = (committee.pubkeys[i] as Uint8Array).slice()
      k[0] = (k[0] as number) ^ 0x20
      return bls.PublicKey.fromBytes(k, undefined, true)
    })
    return bls.PublicKey.aggregate([bls.PublicKey.fromBytes(committee.aggregatePubkey, undefined, true), ...negated])
  }
  return bls.PublicKey.aggregate(participants.map((i) => bls.PublicKey.fromBytes(committee.pubkeys[i] as Uint8Array, undefined, true)))
}

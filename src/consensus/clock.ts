import { MalformedInputError } from '../errors/base.ts'

/**
 * `MAXIMUM_GOSSIP_CLOCK_DISPARITY`: the clock disparity (milliseconds) assumed between honest nodes.
 * Spec: https://github.com/ethereum/consensus-specs/blob/a30fdec08c1dbf3ee17c3b1eb9ecee58895e9533/specs/phase0/p2p-interface.md#configuration
 */
export const MAXIMUM_GOSSIP_CLOCK_DISPARITY_MS = 500

/**
 * The slot of the wall clock, allowing `MAXIMUM_GOSSIP_CLOCK_DISPARITY` of drift forward: a message
 * signed in the next slot is accepted up to 500 ms before that slot starts on this clock (the p2p
 * spec's "current slot (with a `MAXIMUM_GOSSIP_CLOCK_DISPARITY` allowance)").
 * Pure: the caller passes `Date.now()`.
 * @param nowMs - Wall-clock time, milliseconds since the Unix epoch.
 * @param genesisTimeSec - The chain's `genesis_time`, seconds since the Unix epoch (a recording's may be shifted).
 * @param secondsPerSlot - `SECONDS_PER_SLOT` of the chain config (12 on mainnet), > 0.
 * @returns `floor((nowMs + 500 - genesisTimeSec·1000) / (secondsPerSlot·1000))`; negative before genesis.
 * @throws {MalformedInputError} When an argument is not finite or `secondsPerSlot` is not positive.
 * Spec: https://github.com/ethereum/consensus-specs/blob/a30fdec08c1dbf3ee17c3b1eb9ecee58895e9533/specs/phase0/p2p-interface.md#configuration
 */
export function currentSlotAt(nowMs: number, genesisTimeSec: number, secondsPerSlot: number): number {
  if (!Number.isFinite(nowMs) || !Number.isFinite(genesisTimeSec) || !Number.isFinite(secondsPerSlot) || secondsPerSlot <= 0) {
    throw new MalformedInputError({ what: 'clock input', details: `now ${nowMs} ms, genesis ${genesisTimeSec} s, ${secondsPerSlot} s per slot` })
  }
  return Math.floor((nowMs + MAXIMUM_GOSSIP_CLOCK_DISPARITY_MS - genesisTimeSec * 1000) / (secondsPerSlot * 1000))
}

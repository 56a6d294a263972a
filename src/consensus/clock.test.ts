import { describe, expect, it } from 'vitest'
import { MalformedInputError } from '../errors/base.ts'
import { currentSlotAt, MAXIMUM_GOSSIP_CLOCK_DISPARITY_MS } from './clock.ts'

const GENESIS_SEC = 1_606_824_023 // mainnet genesis_time

describe('currentSlotAt', () => {
  it('counts SECONDS_PER_SLOT slots from genesis', () => {
    expect(currentSlotAt(GENESIS_SEC * 1000, GENESIS_SEC, 12)).toBe(0)
    expect(currentSlotAt((GENESIS_SEC + 12 * 7_109_344) * 1000 + 6_000, GENESIS_SEC, 12)).toBe(7_109_344)
    expect(currentSlotAt((GENESIS_SEC + 5) * 1000, GENESIS_SEC, 2)).toBe(2)
  })

  it('allows MAXIMUM_GOSSIP_CLOCK_DISPARITY (500 ms) of drift forward, not more', () => {
    expect(MAXIMUM_GOSSIP_CLOCK_DISPARITY_MS).toBe(500)
    const slot1Ms = (GENESIS_SEC + 12) * 1000
    expect(currentSlotAt(slot1Ms - 501, GENESIS_SEC, 12)).toBe(0)
    expect(currentSlotAt(slot1Ms - 500, GENESIS_SEC, 12)).toBe(1)
    expect(currentSlotAt(slot1Ms - 1, GENESIS_SEC, 12)).toBe(1)
  })

  it('is negative before genesis and rejects non-finite inputs or a non-positive slot time', () => {
    expect(currentSlotAt((GENESIS_SEC - 13) * 1000, GENESIS_SEC, 12)).toBe(-2)
    for (const [now, genesis, sps] of [
      [Number.NaN, GENESIS_SEC, 12],
      [0, Number.POSITIVE_INFINITY, 12],
      [0, GENESIS_SEC, 0],
      [0, GENESIS_SEC, -12],
    ] as const) {
      expect(() => currentSlotAt(now, genesis, sps)).toThrow(MalformedInputError)
    }
  })
})

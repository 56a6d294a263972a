/** Shares of time the Donate page offers (fraction of wall time spent proving). */
export const BUDGET_SHARES = [0.25, 0.5, 0.75, 1] as const

/**
 * Rest after a segment that took `segmentMs` milliseconds so that proving takes `share` of the time:
 * t·(1−s)/s ms (0 at s = 1). @throws {RangeError} for a share outside (0, 1].
 */
export function restAfterMs(segmentMs: number, share: number): number {
  if (!(share > 0 && share <= 1)) throw new RangeError(`share ${share} is not in (0, 1]`)
  return share >= 1 ? 0 : Math.max(0, segmentMs) * ((1 - share) / share)
}

/** Why the prover is paused: the tab is hidden, the device runs on battery, or the budget's rest. */
export type PauseReason = 'hidden' | 'battery' | 'budget'

export const PAUSE_TEXT: Record<PauseReason, string> = {
  hidden: 'the tab is hidden (proving runs only while it is visible)',
  battery: 'the device is on battery (uncheck “Pause on battery” to go on)',
  budget: 'resting to keep to the share of time',
}

/**
 * The set of reasons to pause; calls `pause()` when the first reason appears and `resume()` when the last
 * one goes, never twice in a row.
 */
export class PauseGate {
  private readonly reasons = new Set<PauseReason>()
  constructor(private readonly target: { pause(): void; resume(): void }) {}

  set(reason: PauseReason, on: boolean): void {
    const before = this.reasons.size > 0
    if (on) this.reasons.add(reason)
    else this.reasons.delete(reason)
    const after = this.reasons.size > 0
    if (!before && after) this.target.pause()
    else if (before && !after) this.target.resume()
  }

  /** The current reasons, in a stable order. */
  get active(): PauseReason[] {
    return (['hidden', 'battery', 'budget'] as const).filter((r) => this.reasons.has(r))
  }
}

import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from '@playwright/test'

const LOCK = join(import.meta.dirname, '..', 'test-results', '.devnet-coordinator.lock')

/**
 * Holds the devnet coordinator (18547/18548) for one spec's provers and tabs: tests that run provers on it
 * take each other's leases when they run at the same time (a tab takes any open segment). Acquire in
 * beforeAll, release in afterAll; waits on the lock (mkdir is atomic), never on a fixed time.
 */
export async function acquireCoordinator(timeoutMs = 600_000): Promise<void> {
  mkdirSync(join(LOCK, '..'), { recursive: true })
  await expect
    .poll(
      () => {
        try {
          mkdirSync(LOCK)
          return true
        } catch {
          return false
        }
      },
      { timeout: timeoutMs, intervals: [250] },
    )
    .toBe(true)
}

export function releaseCoordinator(): void {
  rmSync(LOCK, { recursive: true, force: true })
}

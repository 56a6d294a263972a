// Test helpers: load the real recordings in ../../fixtures (see fixtures/PROVENANCE.md).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { LightClientTransport } from '../consensus/syncPeriods.ts'

export const FIXTURES = join(import.meta.dirname, '../../fixtures')
export const MAINNET_CHECKPOINT = '0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275'

export const readFixture = (path: string): any => JSON.parse(readFileSync(join(FIXTURES, path), 'utf8'))

export const mainnetLc = () => ({
  bootstrap: readFixture('mainnet-lc/bootstrap.json'),
  updates: readFixture('mainnet-lc/updates.json') as any[],
  finality: readFixture('mainnet-lc/finality.json'),
  optimistic: readFixture('mainnet-lc/optimistic.json'),
})

/** Flips the last hex digit of a 0x-hex string. */
export const flipHex = (hex: string) => hex.slice(0, -1) + (hex.at(-1) === '0' ? '1' : '0')

/** A transport over in-memory recordings (same shapes as the beacon API). */
export function memoryTransport(rec: ReturnType<typeof mainnetLc>): LightClientTransport {
  const periodOf = (u: any) => Math.floor(Number(u.data.attested_header.beacon.slot) / 8192)
  return {
    getBootstrap: async () => rec.bootstrap,
    getUpdates: async (start, count) => rec.updates.filter((u) => periodOf(u) >= start && periodOf(u) < start + count),
    getFinalityUpdate: async () => rec.finality,
    getOptimisticUpdate: async () => rec.optimistic,
  }
}

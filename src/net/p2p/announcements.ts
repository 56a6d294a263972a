import { peerIdFromString } from '@libp2p/peer-id'
import type { JobAnnouncement } from './messages.ts'
import { peerIdOfAddr } from './node.ts'

/** Most coordinators a prover remembers from gossip (configured ones are never evicted). */
export const MAX_GOSSIP_COORDINATORS = 64
/** Most announced jobs a prover remembers. */
export const MAX_GOSSIP_JOBS = 256
/** An announcement not repeated for this long is forgotten (ms); coordinators re-announce every ~2 s. */
export const GOSSIP_STALE_MS = 60_000

/** The part of a gossipsub message the book needs: who signed it. */
export type GossipOrigin = { type: 'signed'; from: { toString(): string } } | { type: 'unsigned' }

/**
 * What a prover knows from gossip (docs/prover-network.md, "Job announcements"): coordinators (peer id →
 * addrs to dial) and their announced jobs. An announcement counts only if it is signed by the coordinator
 * it names (so nobody can advertise work, or addresses, for another peer id); a later one replaces the
 * coordinator's addresses; both maps are bounded, least recently announced evicted first, and entries not
 * re-announced within {@link GOSSIP_STALE_MS} are dropped. Coordinators given in configuration stay.
 */
export class AnnouncementBook {
  readonly coordinators = new Map<string, { addrs: string[]; seenAtMs: number; configured: boolean }>()
  readonly jobs = new Map<string, { a: JobAnnouncement; seenAtMs: number }>()

  constructor(private readonly limits = { coordinators: MAX_GOSSIP_COORDINATORS, jobs: MAX_GOSSIP_JOBS, staleMs: GOSSIP_STALE_MS }) {}

  /** A coordinator dialled from configuration (never evicted). */
  addConfigured(peer: string, addr: string): void {
    this.coordinators.set(peer, { addrs: [addr], seenAtMs: Number.POSITIVE_INFINITY, configured: true })
  }

  /**
   * Records an announcement if `origin` signed it as its `coordinator`.
   * @returns 'new' (first time this job is seen), 'update', or 'ignored'.
   */
  accept(origin: GossipOrigin, a: JobAnnouncement, nowMs = Date.now()): 'new' | 'update' | 'ignored' {
    if (origin.type !== 'signed' || origin.from.toString() !== a.coordinator) return 'ignored'
    try {
      peerIdFromString(a.coordinator)
    } catch {
      return 'ignored'
    }
    this.prune(nowMs)
    const addrs = a.addrs.slice(0, 16).map((x) => (peerIdOfAddr(x) ? x : `${x}/p2p/${a.coordinator}`))
    const known = this.coordinators.get(a.coordinator)
    this.coordinators.delete(a.coordinator)
    this.coordinators.set(a.coordinator, {
      addrs: known?.configured ? known.addrs : addrs,
      seenAtMs: known?.configured ? known.seenAtMs : nowMs,
      configured: known?.configured ?? false,
    })
    const key = `${a.coordinator}/${a.jobId}`
    const isNew = !this.jobs.has(key)
    this.jobs.delete(key)
    this.jobs.set(key, { a, seenAtMs: nowMs })
    this.evict()
    return isNew ? 'new' : 'update'
  }

  /** Drops entries not announced within the stale window. */
  prune(nowMs = Date.now()): void {
    for (const [k, j] of this.jobs) if (nowMs - j.seenAtMs > this.limits.staleMs) this.jobs.delete(k)
    for (const [k, c] of this.coordinators) if (!c.configured && nowMs - c.seenAtMs > this.limits.staleMs) this.coordinators.delete(k)
  }

  private evict(): void {
    for (const k of this.jobs.keys()) {
      if (this.jobs.size <= this.limits.jobs) break
      this.jobs.delete(k)
    }
    let gossiped = [...this.coordinators.values()].filter((c) => !c.configured).length
    for (const [k, c] of this.coordinators) {
      if (gossiped <= this.limits.coordinators) break
      if (c.configured) continue
      this.coordinators.delete(k)
      for (const j of this.jobs.keys()) if (j.startsWith(`${k}/`)) this.jobs.delete(j)
      gossiped--
    }
  }

  /** Coordinators announcing open segments. */
  withWork(): Set<string> {
    return new Set([...this.jobs.values()].filter((j) => j.a.open > 0).map((j) => j.a.coordinator))
  }
}

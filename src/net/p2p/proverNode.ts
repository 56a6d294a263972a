import type { SegmentLease } from '../../prover/network/lease.ts'
import { createProverNodeImpl } from './proverNodeImpl.ts'

/** What a prover node reports (one JSON line each in `lightbus prover`; the Donate page's state). */
export type ProverNodeEvent =
  | { type: 'peers'; peers: string[] }
  | { type: 'job'; jobId: string; coordinator: string; imageId: string; segments: number; cycles: number; program?: string }
  | { type: 'lease'; lease: SegmentLease }
  | { type: 'accepted'; leaseId: string; jobId: string; index: number; cycles: number; provingMs: number }
  | { type: 'rejected'; leaseId: string; jobId: string; index: number; code: string }
  | { type: 'idle' }
  | { type: 'error'; code: string; message: string }

/** Proves a lease; returns the encoded STARK proof. Must stop (reject) soon after `signal` aborts. */
export type ProveLeaseFn = (lease: SegmentLease, signal: AbortSignal) => Promise<Uint8Array>

export type ProverNode = { readonly peerId: string; start(): Promise<void>; stop(): Promise<void>; pause(): void; resume(): void }

export type ProverNodeOptions = {
  /** Coordinator multiaddrs to dial first (e.g. /ip4/127.0.0.1/tcp/18547/ws/p2p/12D3…). */
  coordinators: string[]
  prove: ProveLeaseFn
  /** Backend name sent in lease requests ('wasm', 'ts', 'webgpu'). */
  backend: string
  onEvent?: (e: ProverNodeEvent) => void
  /** Stop asking for leases after this many accepted segments. */
  maxSegments?: number
}

/**
 * Creates a prover node (its libp2p node runs; `start()` dials the coordinators, subscribes to job
 * announcements and starts asking for leases). Works in Node (after installNodeGlobals) and browsers.
 * Protocol: docs/prover-network.md. Implementation: proverNodeImpl.ts.
 */
export function createProverNode(options: ProverNodeOptions): Promise<ProverNode> {
  return createProverNodeImpl(options)
}

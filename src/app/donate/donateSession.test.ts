import { afterEach, describe, expect, it, vi } from 'vitest'
import { MalformedInputError } from '../../errors/base.ts'
import { HttpRequestError } from '../../errors/net.ts'
import { ProvingCancelledError } from '../../errors/zk.ts'
import type { ProverNodeEvent, ProverNodeOptions } from '../../net/p2p/proverNode.ts'
import type { SegmentLease } from '../../prover/network/lease.ts'
import { type DonateDeps, DonateSession } from './donateSession.ts'

const lease = (index: number): SegmentLease =>
  ({
    leaseId: `L${index}`,
    coordinator: 'C',
    jobId: `0x${'ab'.repeat(32)}`,
    imageId: `0x${'cd'.repeat(32)}`,
    po2: 15,
    index,
    segments: 9,
    cycles: 32768,
  }) as unknown as SegmentLease

/** A fake prover node and prover worker: the test drives leases and resolves proofs by hand. */
function harness(options: { infoFails?: boolean } = {}) {
  const calls: string[] = []
  let nodeOptions: ProverNodeOptions | undefined
  const proofs: { resolve: (b: Uint8Array) => void; reject: (e: unknown) => void; phase: ((p: string, d?: number, t?: number) => void) | undefined }[] = []
  const deps: DonateDeps = {
    fetchInfo: async (url) => {
      if (options.infoFails) throw new HttpRequestError({ url, status: 404 })
      return { peerId: 'Qm', multiaddrs: ['/ip4/127.0.0.1/tcp/1/ws'], topic: 't' }
    },
    createNode: async (o) => {
      nodeOptions = o
      return {
        peerId: 'tab',
        start: async () => void calls.push('start'),
        stop: async () => void calls.push('stop'),
        pause: () => void calls.push('pause'),
        resume: () => void calls.push('resume'),
      }
    },
    createBridge: () => ({
      terminate: () => void calls.push('terminate'),
      call: ((fn: (api: unknown) => Promise<unknown>, o: { signal?: AbortSignal; cancelError?: () => unknown }) =>
        new Promise((resolve, reject) => {
          o.signal?.addEventListener('abort', () => reject(o.cancelError?.()))
          const api = {
            proveLease: (_l: SegmentLease, backend: string, phase: (p: string) => void) => {
              calls.push(`prove ${backend}`)
              return new Promise<Uint8Array>((resolve, reject) => proofs.push({ resolve, reject, phase }))
            },
          }
          fn(api).then(resolve, reject)
        })) as never,
    }),
  }
  const session = new DonateSession(deps)
  const emit = (e: ProverNodeEvent) => nodeOptions?.onEvent?.(e)
  const prove = (l: SegmentLease, signal = new AbortController().signal) => (nodeOptions as ProverNodeOptions).prove(l, signal)
  return { session, calls, proofs, emit, prove }
}

afterEach(() => vi.useRealTimers())

describe('DonateSession', () => {
  it('proves leases in the worker and counts what the coordinator answers', async () => {
    const { session, calls, proofs, emit, prove } = harness()
    await session.start({ coordinatorInfoUrl: 'http://x/info', backend: 'wasm', share: 1, pauseOnBattery: true })
    expect(session.getSnapshot()).toMatchObject({ status: 'running', peerId: 'tab', coordinators: ['/ip4/127.0.0.1/tcp/1/ws'] })
    emit({ type: 'peers', peers: ['Qm'] })
    emit({ type: 'job', jobId: lease(0).jobId, coordinator: 'C', imageId: lease(0).imageId, segments: 9, cycles: 262146 })
    const p = prove(lease(0))
    await vi.waitFor(() => expect(proofs.length).toBe(1))
    expect(session.getSnapshot().inFlight).toMatchObject({ leaseId: 'L0', phase: 'leased' })
    proofs[0]?.phase?.('prove', 3, 10)
    expect(session.getSnapshot().inFlight).toMatchObject({ phase: 'prove', done: 3, total: 10 })
    proofs[0]?.resolve(new Uint8Array([1, 2, 3]))
    await expect(p).resolves.toEqual(new Uint8Array([1, 2, 3]))
    expect(session.getSnapshot()).toMatchObject({ inFlight: undefined, counts: { sent: 1, accepted: 0 }, job: { segments: 9, po2: 15, cycles: 262146 } })
    expect(session.getSnapshot().rows[0]).toMatchObject({ leaseId: 'L0', state: 'sent' })
    emit({ type: 'accepted', leaseId: 'L0', jobId: lease(0).jobId, index: 0, cycles: 32768, provingMs: 2000 })
    emit({ type: 'rejected', leaseId: 'L1', jobId: lease(0).jobId, index: 1, code: 'InvalidProof' })
    const s = session.getSnapshot()
    expect(s.counts).toEqual({ sent: 1, accepted: 1, rejected: 1, cyclesAccepted: 32768 })
    expect(s.rows.map((r) => [r.leaseId, r.state])).toEqual([
      ['L1', 'rejected'],
      ['L0', 'accepted'],
    ])
    expect(s.throughput).toHaveLength(1)
    expect(s.throughput[0]?.segment).toBe(16384)
    expect(s.peers).toEqual(['Qm'])
    expect(calls).toEqual(['start', 'prove wasm'])
  })

  it('rests t·(1−s)/s after a segment with the node paused, then resumes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const { session, calls, proofs, prove } = harness()
    await session.start({ coordinatorInfoUrl: 'http://x/info', backend: 'wasm', share: 0.25, pauseOnBattery: true })
    const p = prove(lease(0))
    await vi.waitFor(() => expect(proofs.length).toBe(1))
    vi.advanceTimersByTime(1000)
    proofs[0]?.resolve(new Uint8Array([9]))
    await p
    expect(calls.filter((c) => c === 'pause')).toHaveLength(1)
    expect(session.getSnapshot().paused).toEqual(['budget'])
    const provingMs = session.getSnapshot().rows[0]?.provingMs as number
    expect(provingMs).toBeGreaterThanOrEqual(1000)
    expect(session.getSnapshot().restUntilMs).toBe(Date.now() + 3 * provingMs)
    await vi.advanceTimersByTimeAsync(3 * provingMs - 1)
    expect(calls).not.toContain('resume')
    await vi.advanceTimersByTimeAsync(1)
    expect(calls.at(-1)).toBe('resume')
    expect(session.getSnapshot().paused).toEqual([])
  })

  it('pauses on battery while the option is on, and says so', async () => {
    const { session, calls } = harness()
    await session.start({ coordinatorInfoUrl: 'http://x/info', backend: 'wasm', share: 1, pauseOnBattery: true })
    session.setCharging(false)
    expect(session.getSnapshot().paused).toEqual(['battery'])
    session.setPauseOnBattery(false)
    expect(session.getSnapshot().paused).toEqual([])
    expect(calls).toEqual(['start', 'pause', 'resume'])
  })

  it('stop aborts the segment in flight, terminates the worker and stops the node', async () => {
    const { session, calls, proofs, prove } = harness()
    await session.start({ coordinatorInfoUrl: 'http://x/info', backend: 'webgpu', share: 1, pauseOnBattery: true })
    const p = prove(lease(3))
    await vi.waitFor(() => expect(proofs.length).toBe(1))
    await session.stop()
    await expect(p).rejects.toBeInstanceOf(ProvingCancelledError)
    expect(session.getSnapshot()).toMatchObject({ status: 'stopped', inFlight: undefined })
    expect(calls).toEqual(['start', 'prove webgpu', 'terminate', 'stop'])
    // A lease arriving after Stop is refused at once.
    await expect(prove(lease(4))).rejects.toBeInstanceOf(ProvingCancelledError)
  })

  it('a coordinator that cannot be reached ends in a failed state with the typed error', async () => {
    const { session, calls } = harness({ infoFails: true })
    await session.start({ coordinatorInfoUrl: 'http://x/info', backend: 'wasm', share: 1, pauseOnBattery: true })
    expect(session.getSnapshot()).toMatchObject({ status: 'failed', error: { code: 'HttpRequest' } })
    expect(calls).toEqual([])
  })

  it('a backend the worker lacks fails the session and stops the node instead of failing every lease', async () => {
    const { session, calls, proofs, prove } = harness()
    await session.start({ coordinatorInfoUrl: 'http://x/info', backend: 'webgpu', share: 1, pauseOnBattery: true })
    const p = prove(lease(0))
    await vi.waitFor(() => expect(proofs.length).toBe(1))
    proofs[0]?.reject(new MalformedInputError({ what: 'prover backend', details: 'unknown backend "webgpu"' }))
    await expect(p).rejects.toBeInstanceOf(MalformedInputError)
    await vi.waitFor(() => expect(calls).toContain('stop'))
    expect(session.getSnapshot()).toMatchObject({ status: 'failed', error: { code: 'MalformedInput' } })
    expect(session.getSnapshot().rows[0]).toMatchObject({ state: 'failed', code: 'MalformedInput' })
  })
})

import type { Connection, Stream } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { BaseError } from '../../errors/base.ts'
import { PeerConnectionError } from '../../errors/p2p.ts'
import { serializeError } from '../../errors/serialize.ts'
import type { SegmentLease } from '../../prover/network/lease.ts'
import { MAX_SEGMENT_PO2 } from '../../prover/vm/segments.ts'
import { AnnouncementBook } from './announcements.ts'
import { framed } from './frames.ts'
import {
  decodeJson,
  encodeMessage,
  type JobAnnouncement,
  parseAnnouncement,
  parseSegmentResponse,
  type SegmentRequest,
  type SegmentResponse,
} from './messages.ts'
import { createNetworkNode, JOBS_TOPIC, peerIdOfAddr, SEGMENT_PROTOCOL } from './node.ts'
import type { ProverNode, ProverNodeOptions } from './proverNode.ts'

/** How long an idle prover waits for an announcement before asking its coordinators again (ms). */
const IDLE_POLL_MS = 2000
/** Budget of one request-response exchange, proof upload included (ms). */
const REQUEST_TIMEOUT_MS = 60_000

/** A typed error for anything libp2p throws (it may throw plain Errors or even Events). */
const typed = (peer: string, e: unknown): BaseError => (e instanceof BaseError ? e : new PeerConnectionError({ peer, cause: e }))

/** See {@link createProverNode} (proverNode.ts) and docs/prover-network.md, "Provers". */
export async function createProverNodeImpl(options: ProverNodeOptions): Promise<ProverNode> {
  const node = await createNetworkNode({})
  const emit = options.onEvent ?? (() => {})
  /** Coordinators (peer id → addrs to dial) and their announced jobs, from configuration and signed gossip. */
  const book = new AnnouncementBook()
  const refused = new Set<string>()
  const pending = [...options.coordinators]
  let running = false
  let paused = false
  let accepted = 0
  let wake: (() => void) | undefined
  let controller: AbortController | undefined
  let loopDone: Promise<void> | undefined

  const wakeUp = () => {
    const w = wake
    wake = undefined
    w?.()
  }
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        wake = undefined
        resolve()
      }, ms)
      wake = () => {
        clearTimeout(t)
        resolve()
      }
    })
  const peersEvent = () => emit({ type: 'peers', peers: node.getPeers().map(String) })
  node.addEventListener('peer:connect', peersEvent)
  node.addEventListener('peer:disconnect', peersEvent)

  node.services.pubsub.addEventListener('message', (e) => {
    if (e.detail.topic !== JOBS_TOPIC) return
    let a: JobAnnouncement
    try {
      a = parseAnnouncement(decodeJson(e.detail.data, JOBS_TOPIC))
    } catch {
      return
    }
    // Only an announcement signed by the coordinator it names counts (docs/prover-network.md, "Job announcements").
    const kind = book.accept(e.detail, a)
    if (kind === 'ignored') return
    if (kind === 'new')
      emit({
        type: 'job',
        jobId: a.jobId,
        coordinator: a.coordinator,
        imageId: a.imageId,
        segments: a.segments,
        cycles: a.cycles,
        ...(a.program ? { program: a.program } : {}),
      })
    if (a.open > 0) wakeUp()
  })

  async function dialPending(): Promise<void> {
    for (const addr of pending.splice(0)) {
      try {
        const conn = await node.dial(multiaddr(addr), { signal: AbortSignal.timeout(10_000) })
        const id = conn.remotePeer.toString()
        book.addConfigured(id, peerIdOfAddr(addr) ? addr : `${addr}/p2p/${id}`)
      } catch (e) {
        pending.push(addr)
        const s = serializeError(typed(addr, e))
        emit({ type: 'error', code: s.code, message: `cannot dial ${addr}: ${s.message}` })
      }
    }
  }

  async function connection(peer: string): Promise<Connection> {
    let id: ReturnType<typeof peerIdFromString>
    try {
      id = peerIdFromString(peer)
    } catch (e) {
      throw typed(peer, e)
    }
    const open = node.getConnections(id).find((c) => c.status === 'open')
    if (open) return open
    let last: unknown
    for (const addr of book.coordinators.get(peer)?.addrs ?? []) {
      try {
        return await node.dial(multiaddr(addr), { signal: AbortSignal.timeout(10_000) })
      } catch (e) {
        last = e
      }
    }
    throw typed(peer, last ?? 'no address known')
  }

  async function request(peer: string, msg: SegmentRequest): Promise<SegmentResponse> {
    const conn = await connection(peer)
    const stream: Stream = await conn.newStream(SEGMENT_PROTOCOL, { signal: AbortSignal.timeout(10_000) }).catch((e: unknown) => {
      throw typed(peer, e)
    })
    try {
      const f = framed(stream, SEGMENT_PROTOCOL)
      const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS)
      await f.write(encodeMessage(msg), { signal })
      const res = parseSegmentResponse(await f.read({ signal }))
      await stream.close().catch(() => {})
      return res
    } catch (e) {
      stream.abort(e instanceof Error ? e : new Error('exchange failed'))
      throw typed(peer, e)
    }
  }

  /** Coordinators to ask, those announcing open segments first (in random order), then the rest. */
  function candidates(): string[] {
    book.prune()
    const withWork = book.withWork()
    const busy = [...withWork].sort(() => Math.random() - 0.5)
    return [...busy, ...[...book.coordinators.keys()].filter((c) => !withWork.has(c))].filter((c) => !refused.has(c))
  }

  async function work(peer: string, lease: SegmentLease): Promise<void> {
    emit({ type: 'lease', lease })
    controller = new AbortController()
    const t0 = performance.now()
    let proof: Uint8Array
    try {
      proof = await options.prove(lease, controller.signal)
    } catch (e) {
      if (controller.signal.aborted) return
      const s = serializeError(e)
      emit({ type: 'error', code: s.code, message: `segment ${lease.index}: ${s.message}` })
      return
    }
    if (!running) return
    const provingMs = performance.now() - t0
    const res = await request(peer, { type: 'result', leaseId: lease.leaseId, proof })
    const ids = { leaseId: lease.leaseId, jobId: lease.jobId, index: lease.index }
    if (res.type === 'accepted') {
      accepted++
      emit({ type: 'accepted', ...ids, cycles: lease.cycles, provingMs })
    } else if (res.type === 'rejected') emit({ type: 'rejected', ...ids, code: res.code })
    else if (res.type === 'error') {
      emit({ type: 'rejected', ...ids, code: res.code })
      if (res.code === 'ProverDropped') refused.add(peer)
    }
  }

  async function loop(): Promise<void> {
    let idle = false
    while (running) {
      if (paused) {
        await sleep(IDLE_POLL_MS)
        continue
      }
      if (options.maxSegments !== undefined && accepted >= options.maxSegments) {
        emit({ type: 'idle' })
        return
      }
      if (pending.length) await dialPending()
      let leased = false
      for (const peer of candidates()) {
        if (!running || paused) break
        let res: SegmentResponse
        try {
          res = await request(peer, { type: 'lease-request', backend: options.backend, maxPo2: MAX_SEGMENT_PO2 })
        } catch (e) {
          if (!running) return
          const s = serializeError(e)
          emit({ type: 'error', code: s.code, message: `lease request to ${peer}: ${s.message}` })
          continue
        }
        if (res.type === 'error') {
          emit({ type: 'error', code: res.code, message: res.message })
          if (res.code === 'ProverDropped') refused.add(peer)
          continue
        }
        if (res.type !== 'lease') continue
        leased = true
        idle = false
        try {
          await work(peer, res.lease)
        } catch (e) {
          if (!running) return
          const s = serializeError(e)
          emit({ type: 'error', code: s.code, message: `result of segment ${res.lease.index}: ${s.message}` })
        }
        break
      }
      if (!leased && running) {
        if (!idle) emit({ type: 'idle' })
        idle = true
        // Mark announced work as taken until the next announcement says otherwise.
        for (const j of book.jobs.values()) j.a.open = 0
        await sleep(IDLE_POLL_MS)
      }
    }
  }

  return {
    peerId: node.peerId.toString(),
    async start() {
      if (running) return
      running = true
      node.services.pubsub.subscribe(JOBS_TOPIC)
      await dialPending()
      loopDone = loop()
    },
    async stop() {
      running = false
      controller?.abort(new Error('prover stopped'))
      wakeUp()
      await node.stop()
      await loopDone?.catch(() => {})
    },
    pause() {
      paused = true
    },
    resume() {
      paused = false
      wakeUp()
    },
  }
}

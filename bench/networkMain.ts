// The prover-network half of `npm run bench`, in its own process; prints one JSON line.
// Usage: node --import tsx bench/networkMain.ts PO2 SEGMENTS
// 1. reference: the job's segments proven locally, one after another (proveLease, WASM), no network;
// 2. overhead: the same segments through the coordinator with the proofs of (1): lease round trip, result
//    round trip (proof transfer + verification) and the coordinator's verification time, per segment;
// 3. throughput: one and two Node provers (`lightbus prover` child processes) proving a job of SEGMENTS segments.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { Coordinator, type CoordinatorEvent } from '../devnet/coordinator/coordinator.ts'
import { installNodeGlobals } from '../devnet/coordinator/nodeEnv.ts'
import { EventLog, fibInputFor } from '../devnet/coordinator/testing.ts'
import { segmentExchange } from '../src/net/p2p/jobClient.ts'
import { createNetworkNode } from '../src/net/p2p/node.ts'
import { getBackend } from '../src/prover/backend/index.ts'
import { proveLease } from '../src/prover/network/lease.ts'

installNodeGlobals()
const po2 = Number(process.argv[2] ?? 12)
const segments = Number(process.argv[3] ?? 8)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number
const log = new EventLog<CoordinatorEvent>()
const c = await Coordinator.start({ port: 0, stateDir: mkdtempSync(join(tmpdir(), 'lightbus-bench-coord-')), announceMs: 500, onEvent: log.push })
const addr = c.multiaddrs[0] as string
const n0 = fibInputFor(segments, po2)
const completed = (jobId: string) => log.until((es) => es.some((e) => e.type === 'completed' && e.jobId === jobId))

// 1 + 2: lease every segment with a raw client, prove locally (reference), return the proofs.
const client = await createNetworkNode({})
const job0 = c.submit({ program: 'fibonacci', input: [n0], po2 })
const provingMs: number[] = []
const leaseMs: number[] = []
const resultMs: number[] = []
const leases = []
for (let i = 0; i < segments; i++) {
  const t0 = performance.now()
  const res = await segmentExchange(client, addr, { type: 'lease-request', backend: 'wasm', maxPo2: 16 })
  leaseMs.push(performance.now() - t0)
  if (res.type !== 'lease') throw new Error(`expected a lease, got ${res.type}`)
  leases.push(res.lease)
}
const proofs: Uint8Array[] = []
for (const lease of leases) {
  const t0 = performance.now()
  proofs.push(await proveLease(lease, getBackend('wasm')))
  provingMs.push(performance.now() - t0)
}
for (const [i, lease] of leases.entries()) {
  const t0 = performance.now()
  const res = await segmentExchange(client, addr, { type: 'result', leaseId: lease.leaseId, proof: proofs[i] as Uint8Array })
  resultMs.push(performance.now() - t0)
  if (res.type !== 'accepted') throw new Error(`expected accepted, got ${JSON.stringify(res)}`)
}
await completed(job0)
await client.stop()
const verifyMs = log.events.flatMap((e) => (e.type === 'accepted' && e.jobId === job0 ? [e.verifyMs] : []))
const localTotalMs = provingMs.reduce((a, b) => a + b, 0)

// 3: throughput with one and two `lightbus prover` processes (started and connected before the job is submitted).
const cli = new URL('../cli/lightbus.mjs', import.meta.url).pathname
/** Proving time of each accepted segment as the prover processes report it. */
const proverProvingMs: number[] = []
async function startProver(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [cli, 'prover', '--coordinator', addr], { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
  await new Promise<void>((resolve) => {
    lines.on('line', (l) => {
      if (l.includes('"type":"peers"') || l.includes('"type":"idle"')) resolve()
      if (l.includes('"type":"accepted"')) proverProvingMs.push(JSON.parse(l).event.provingMs)
    })
  })
  return child
}
async function throughput(provers: number, input: number) {
  const children = await Promise.all(Array.from({ length: provers }, startProver))
  const t0 = performance.now()
  const jobId = c.submit({ program: 'fibonacci', input: [input], po2 })
  await completed(jobId)
  const ms = performance.now() - t0
  const proving = proverProvingMs.splice(0)
  await Promise.all(
    children.map(
      (ch) =>
        new Promise<void>((resolve) => {
          ch.once('exit', () => resolve())
          ch.kill('SIGTERM')
        }),
    ),
  )
  return { provers, segments, ms, segmentsPerMin: (segments * 60_000) / ms, proverProvingMsMedian: median(proving) }
}
const one = await throughput(1, n0 + 1)
const two = await throughput(2, n0 + 2)
await c.stop()
process.stdout.write(
  `${JSON.stringify({
    po2,
    segments,
    local: { provingMsMedian: median(provingMs), segmentsPerMin: (segments * 60_000) / localTotalMs },
    overhead: { leaseMsMedian: median(leaseMs), resultMsMedian: median(resultMs), verifyMsMedian: median(verifyMs) },
    one,
    two,
  })}\n`,
)
process.exit(0)

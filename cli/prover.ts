import { parseArgs } from 'node:util'
import { installNodeGlobals } from '../devnet/coordinator/nodeEnv.ts'
import { flipByteProve } from '../devnet/coordinator/testing.ts'
import { WebGpuUnavailableError } from '../src/errors/prover.ts'
import { createProverNode, type ProveLeaseFn, type ProverNodeEvent } from '../src/net/p2p/proverNode.ts'
import { BACKEND_NAMES, type BackendName } from '../src/prover/backend/index.ts'
import { resolveBackend } from '../src/prover/backend/resolve.ts'
import { proveLease } from '../src/prover/network/lease.ts'
import { UsageError } from './usage.ts'
import { loadNodeGpu } from './webgpuNode.ts'

/** What `prover` logs per event: the event, with a lease shortened to its ids. */
function logLine(e: ProverNodeEvent): unknown {
  if (e.type !== 'lease') return { event: e }
  const { leaseId, coordinator, jobId, index, segments, cycles, po2, deadlineMs } = e.lease
  return { event: { type: 'lease', leaseId, coordinator, jobId, index, segments, cycles, po2, deadlineMs } }
}

/**
 * `prover`: joins the prover network through the given coordinators and proves segments until SIGINT or
 * SIGTERM (or `--max-segments` accepted). One JSON line per event on `out`; returns the totals.
 * `--dishonest flip-byte` is a TEST TOOL: it flips one byte of every proof (the coordinator must reject it).
 * @throws {UsageError}
 */
export async function proverCli(args: string[], out: (line: string) => void, signals: NodeJS.EventEmitter = process) {
  const { values } = parseArgs({
    args,
    options: {
      coordinator: { type: 'string', multiple: true },
      backend: { type: 'string' },
      'max-segments': { type: 'string' },
      dishonest: { type: 'string' },
    },
  })
  const coordinators = values.coordinator ?? []
  if (coordinators.length === 0) throw new UsageError('give at least one --coordinator MULTIADDR (e.g. /ip4/127.0.0.1/tcp/18547/ws/p2p/12D3…)')
  const backendName = (values.backend ?? 'wasm') as BackendName
  if (!BACKEND_NAMES.includes(backendName)) throw new UsageError(`--backend must be one of ${BACKEND_NAMES.join(', ')}`)
  const max = values['max-segments']
  if (max !== undefined && !/^[1-9][0-9]{0,6}$/.test(max)) throw new UsageError('--max-segments must be a positive integer')
  if (values.dishonest !== undefined && values.dishonest !== 'flip-byte') throw new UsageError('--dishonest (a test tool) takes flip-byte')
  installNodeGlobals()
  // WebGPU: Dawn (the webgpu package), loaded only when asked for; see cli/webgpuNode.ts for its environment.
  const gpu = backendName === 'webgpu' ? await loadNodeGpu() : null
  if (gpu && 'unavailable' in gpu) throw new WebGpuUnavailableError({ reason: gpu.unavailable })
  const { backend } = await resolveBackend(backendName, gpu)
  // The stop signal reaches the proof: it stops at the next phase boundary (ProvingCancelled).
  const prove: ProveLeaseFn = values.dishonest ? flipByteProve : (lease, signal) => proveLease(lease, backend, { signal })
  const totals = { accepted: 0, rejected: 0, errors: 0 }
  let finish!: () => void
  const done = new Promise<void>((r) => {
    finish = r
  })
  const node = await createProverNode({
    coordinators,
    prove,
    backend: backendName,
    ...(max ? { maxSegments: Number(max) } : {}),
    onEvent: (e) => {
      if (e.type === 'accepted') totals.accepted++
      if (e.type === 'rejected') totals.rejected++
      if (e.type === 'error') totals.errors++
      out(JSON.stringify(logLine(e)))
      if (e.type === 'idle' && max && totals.accepted >= Number(max)) finish()
    },
  })
  const onSignal = () => finish()
  signals.once('SIGINT', onSignal)
  signals.once('SIGTERM', onSignal)
  await node.start()
  await done
  signals.off('SIGINT', onSignal)
  signals.off('SIGTERM', onSignal)
  await node.stop()
  return { ok: true, command: 'prover', peerId: node.peerId, backend: backendName, ...totals }
}

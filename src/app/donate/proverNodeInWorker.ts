import * as Comlink from 'comlink'
import { ProvingCancelledError } from '../../errors/zk.ts'
import type { ProverNode, ProverNodeOptions } from '../../net/p2p/proverNode.ts'
import type { SegmentLease } from '../../prover/network/lease.ts'
import { WorkerBridge } from '../../workers/bridge.ts'
import type { ProverNodeWorkerApi } from '../../workers/proverNode.worker.ts'

/** How long stop() lets the node close its connections before the worker is terminated (ms). */
const STOP_GRACE_MS = 500

/**
 * A prover node (src/net/p2p/proverNode.ts) running in its own worker, with the ProverNode interface:
 * `options.prove` runs in the page (it hands the lease to the prover worker) and gets an AbortSignal that
 * fires when the node gives the lease up; events come back through `options.onEvent`. stop() stops the
 * node and terminates its worker (its connections close; the coordinator re-leases what was in flight).
 * @throws {WorkerStartError} when the worker cannot start; the node's errors.
 */
export async function createProverNodeInWorker(options: ProverNodeOptions): Promise<ProverNode> {
  const bridge = new WorkerBridge<ProverNodeWorkerApi>({
    name: 'prover-node',
    create: () => new Worker(new URL('../../workers/proverNode.worker.ts', import.meta.url), { type: 'module', name: 'prover-node' }),
  })
  const remote = await bridge.remote()
  const controllers = new Map<string, AbortController>()
  const prove = async (lease: SegmentLease): Promise<Uint8Array> => {
    const controller = new AbortController()
    controllers.set(lease.leaseId, controller)
    try {
      const proof = await options.prove(lease, controller.signal)
      // Moved, not copied, to the node's worker.
      return Comlink.transfer(proof, [proof.buffer])
    } finally {
      controllers.delete(lease.leaseId)
    }
  }
  const abort = (leaseId: string) => controllers.get(leaseId)?.abort(new ProvingCancelledError())
  let peerId: string
  try {
    peerId = await remote.create(
      options.coordinators,
      options.backend,
      Comlink.proxy(prove),
      Comlink.proxy(abort),
      Comlink.proxy((e) => options.onEvent?.(e)),
    )
  } catch (e) {
    bridge.terminate()
    throw e
  }
  return {
    peerId,
    start: () => remote.start(),
    async stop() {
      for (const c of controllers.values()) c.abort(new ProvingCancelledError())
      let timer: ReturnType<typeof setTimeout> | undefined
      await Promise.race([remote.stop().catch(() => {}), new Promise<void>((r) => (timer = setTimeout(r, STOP_GRACE_MS)))])
      clearTimeout(timer)
      bridge.terminate()
    },
    pause: () => void remote.pause(),
    resume: () => void remote.resume(),
  }
}

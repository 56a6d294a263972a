// The Donate page's libp2p prover node, off the main thread: noise encryption and base64 of a proof take
// tens of milliseconds, which in the page would be long tasks. Leases are proven by the page (in the
// prover worker) through the `prove` callback; the node here only talks to the network.
import * as Comlink from 'comlink'
import { createProverNode, type ProverNode, type ProverNodeEvent } from '../net/p2p/proverNode.ts'
import type { SegmentLease } from '../prover/network/lease.ts'
import { registerErrorTransfer } from './transferErrors.ts'

let node: ProverNode | undefined

const api = {
  /**
   * Creates the prover node (src/net/p2p/proverNode.ts). `prove`, `abort` and `onEvent` are Comlink proxies
   * to the page: `prove(lease)` returns the encoded proof; `abort(leaseId)` is called when the node gives a
   * lease up (its AbortSignal cannot cross the boundary). Returns the node's peer id.
   */
  async create(
    coordinators: string[],
    backend: string,
    prove: (lease: SegmentLease) => Promise<Uint8Array>,
    abort: (leaseId: string) => void,
    onEvent: (e: ProverNodeEvent) => void,
  ): Promise<string> {
    await node?.stop()
    node = await createProverNode({
      coordinators,
      backend,
      onEvent: (e) => void onEvent(e),
      prove: async (lease, signal) => {
        const onAbort = () => void abort(lease.leaseId)
        signal.addEventListener('abort', onAbort, { once: true })
        try {
          return await prove(lease)
        } finally {
          signal.removeEventListener('abort', onAbort)
        }
      },
    })
    return node.peerId
  },
  start: async () => node?.start(),
  stop: async () => node?.stop(),
  pause: () => node?.pause(),
  resume: () => node?.resume(),
}

export type ProverNodeWorkerApi = typeof api

registerErrorTransfer()
Comlink.expose(api)
self.postMessage({ type: 'lightbus-worker-ready' })

import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { gossipsub } from '@libp2p/gossipsub'
import { identify } from '@libp2p/identify'
import type { PrivateKey } from '@libp2p/interface'
import { ping } from '@libp2p/ping'
import { webSockets } from '@libp2p/websockets'
import { createLibp2p } from 'libp2p'

/** Gossipsub topic of job announcements (docs/prover-network.md, "Job announcements"). */
export const JOBS_TOPIC = '/lightbus/jobs/1.0.0'
/** Request-response protocol of leases and results. */
export const SEGMENT_PROTOCOL = '/lightbus/segment/1.0.0'
/** Request-response protocol of job submission. */
export const JOB_PROTOCOL = '/lightbus/job/1.0.0'

/**
 * A libp2p node of the prover network: WebSockets transport, noise, yamux, identify, ping and
 * gossipsub (signed messages, publishing allowed with no topic peers yet). `listen` are multiaddrs to
 * listen on (none in a browser tab). In Node, call `installNodeGlobals()` (devnet/coordinator/nodeEnv.ts) first.
 */
export async function createNetworkNode({
  listen = [],
  privateKey,
  denyPeer,
}: {
  listen?: string[]
  privateKey?: PrivateKey
  /** Connections from peers for which this returns true are refused (dropped provers). */
  denyPeer?: (peerId: string) => boolean
}) {
  return createLibp2p({
    ...(privateKey ? { privateKey } : {}),
    addresses: { listen },
    transports: [webSockets()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionGater: {
      // Loopback and private addresses are how the devnet runs.
      denyDialMultiaddr: () => false,
      denyInboundEncryptedConnection: (peerId) => denyPeer?.(peerId.toString()) ?? false,
      denyOutboundEncryptedConnection: (peerId) => denyPeer?.(peerId.toString()) ?? false,
    },
    services: {
      identify: identify(),
      ping: ping(),
      pubsub: gossipsub({ allowPublishToZeroTopicPeers: true, emitSelf: false, floodPublish: true }),
    },
  })
}

export type NetworkNode = Awaited<ReturnType<typeof createNetworkNode>>

/** The peer id (last /p2p/ component) of a multiaddr string, or undefined. */
export function peerIdOfAddr(addr: string): string | undefined {
  return /\/p2p\/([^/]+)(?:\/?$|\/p2p-circuit)/.exec(addr)?.[1] ?? /\/p2p\/([^/]+)/.exec(addr)?.[1]
}

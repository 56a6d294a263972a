import type { ProvenanceCheck } from '../bus/provenance.ts'
import { BlobNotAnchoredError } from '../errors/storage.ts'
import { createRpcCallStateSource } from '../net/callStateRpc.ts'
import type { AnchorStart } from '../net/storage/anchorBlob.ts'
import type { CallBlock, CallProofCache } from '../verify/call/types.ts'
import { verifiedCall } from '../verify/call/verifiedCall.ts'
import { verifyStoredBlob } from '../verify/storage/verifyStoredBlob.ts'
import { createEsReadPrecompile } from './esReadPrecompile.ts'
import { type CheckedCallFn, resolveWeb3Url, type Web3Resource } from './web3Task.ts'

export type VerifiedResolveOptions = {
  /** The network's JSON-RPC URL (eth_createAccessList, eth_getProof, eth_getCode). */
  rpcUrl: string
  /** The light-client-verified block every call runs at (CALL's fetchCallBlock of the finalized block hash). */
  block: CallBlock
  chainId: number
  chainName?: string
  /** The storage node serving `lightbus_getBlob` for the read precompile 0x33301; absent = blob-backed reads fail. */
  storageNodeUrl?: string
  maxBytes?: number
  cache?: CallProofCache
  /** The beacon API and a light-client-verified beacon block root: each blob read is also tied to its beacon block. */
  beacon?: { url: string; start: AnchorStart }
}

/**
 * The verified call function for web3:// resolution: each contract call web3protocol makes is a verifiedCall at
 * `block` over proofs from `rpcUrl`, with the EthStorage read precompile served from the storage node and verified
 * (KZG blob proof → versioned hash = the hash KVStorage holds in proven state → decoded). The call's checks plus
 * the blob checks of that call are returned with it.
 */
export function verifiedWeb3Call(o: Omit<VerifiedResolveOptions, 'chainId' | 'chainName' | 'maxBytes'>): CheckedCallFn {
  const source = createRpcCallStateSource(o.rpcUrl)
  return async (req) => {
    const blobChecks: ProvenanceCheck[] = []
    const precompiles = o.storageNodeUrl
      ? [
          createEsReadPrecompile({
            nodeUrl: o.storageNodeUrl,
            verify: (s, m) => verifyStoredBlob(s, m),
            onChecks: (c) => blobChecks.push(...c),
            ...(o.beacon ? { anchor: (h: `0x${string}`, n: number) => anchorBlob(o.beacon as NonNullable<typeof o.beacon>, h, n) } : {}),
          }),
        ]
      : []
    const r = await verifiedCall(source, { to: req.to, data: req.data, ...(req.from ? { from: req.from } : {}) }, o.block, {
      precompiles,
      ...(o.cache ? { cache: o.cache } : {}),
    })
    return { data: r.returnData as `0x${string}`, reverted: r.reverted, checks: [...r.checks, ...blobChecks] }
  }
}

/**
 * The beacon step of a blob read: anchored in a verified beacon block, or (when the block is out of the walk's reach:
 * older than its bound, or newer than the verified header) a check saying so, the KV hash in proven state being the
 * anchor then. A contradiction (a served block or sidecar that does not match the verified chain) fails the read.
 */
async function anchorBlob(beacon: { url: string; start: AnchorStart }, versionedHash: `0x${string}`, blockNumber: number) {
  try {
    // Loaded on the first blob read (it brings @lodestar/types' SSZ definitions).
    const { anchorBlobInBeacon } = await import('../net/storage/anchorBlob.ts')
    return (await anchorBlobInBeacon(beacon.url, beacon.start, { blockNumber, versionedHash })).checks
  } catch (e) {
    if (e instanceof BlobNotAnchoredError && e.reason === 'out-of-reach')
      return [
        {
          label: 'Beacon block of the blob',
          detail: `not reached from the ${beacon.start.label} (${e.shortMessage}); the hash in proven KVStorage state anchors the blob`,
        },
      ]
    throw e
  }
}

/**
 * Resolves a web3:// URL with every contract call verified (see {@link verifiedWeb3Call}); the storage worker's
 * `resolveWeb3` and the CLI's `fetch` run it.
 * @throws As resolveWeb3Url, and verifiedCall's / the blob verifier's typed errors (nothing unverified is returned).
 */
export function resolveWeb3Verified(url: string, o: VerifiedResolveOptions): Promise<Web3Resource> {
  return resolveWeb3Url(url, {
    chainId: o.chainId,
    ...(o.chainName ? { chainName: o.chainName } : {}),
    ...(o.maxBytes ? { maxBytes: o.maxBytes } : {}),
    call: verifiedWeb3Call(o),
  })
}

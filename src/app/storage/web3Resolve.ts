import type { LightClientSnapshot } from '../../bus/lightClientStatus.ts'
import { executionHeaderChecks, lightClientChecks, lightClientProvenance, type Provenance, type ProvenanceCheck } from '../../bus/provenance.ts'
import { EXECUTION_CHAIN_IDS } from '../../consensus/chainName.ts'
import { MalformedInputError } from '../../errors/base.ts'
import { ProofMismatchError } from '../../errors/verify.ts'
import type { NetworkConfig } from '../../net/networkConfig.ts'
import type { Web3Resource } from '../../workers/web3Task.ts'
import { callBlockInWorker, resolveWeb3InWorker } from '../storageClient.ts'
import { inlineImageRefs, joinWeb3Url, relativeImageRefs, toDataUrl } from './subresources.ts'

/** A resolved resource with what it took: the page's bytes (HTML with its images inlined), its provenance. */
export type Web3Resolution = {
  resource: Web3Resource
  /** HTML only: the page with its relative images resolved and inlined (data: URLs); otherwise = resource.bytes. */
  rendered: Uint8Array
  subresources: { ref: string; url: string; mime: string; size: number; sha256: string }[]
  /** The execution block every call ran at (the light client's finalized block). */
  block: { number: number; hash: string }
  provenance: Provenance
}

/** Caps of what the page resolves and shows (bytes): one resource, and a page with all its images. */
export const MAX_RESOURCE_BYTES = 16 * 1024 * 1024
export const MAX_PAGE_BYTES = 24 * 1024 * 1024

const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10

const callChecks = (r: Web3Resource): ProvenanceCheck[] => [
  ...r.steps,
  ...r.calls.flatMap((c, i) => [
    {
      label: `Contract call ${i + 1}: ${c.to}${c.reverted ? ' (reverted, proven)' : ''}`,
      detail: `calldata ${c.data.length > 74 ? `${c.data.slice(0, 74)}…` : c.data}; ${c.returnBytes} bytes returned`,
      ms: Math.round(c.ms * 10) / 10,
    },
    ...c.checks,
  ]),
  { label: `Content: ${r.mime}, ${r.size} bytes`, detail: `sha256 ${r.sha256}` },
]

/**
 * Resolves `url` on `network` at the light client's finalized execution block, in the storage worker: the block
 * header fetched by its verified hash, then every contract call a verified eth_call (blob reads through the verified
 * read precompile), then (HTML) its relative images the same way. The provenance chains the light client's checks,
 * the header, and every call's proofs and blob checks.
 * @throws {MalformedInputError} The light client has no finalized execution header yet.
 * @throws As resolveWeb3Url / verifiedCall / verifyStoredBlob: typed errors, nothing unverified is returned.
 */
export async function resolveWeb3OnNetwork(url: string, network: NetworkConfig, lc: LightClientSnapshot): Promise<Web3Resolution> {
  const fin = lc.finalized
  if (!fin?.execution) throw new MalformedInputError({ what: 'light client state', details: 'no finalized execution header yet' })
  const chainId = EXECUTION_CHAIN_IDS[network.chain]
  let t0 = performance.now()
  const block = await callBlockInWorker(network.executionRpcUrl, fin.execution.blockHash, BigInt(chainId))
  if (block.stateRoot !== fin.execution.stateRoot) {
    throw new ProofMismatchError({ what: 'block', requested: `state root ${fin.execution.stateRoot}`, answered: `state root ${block.stateRoot}` })
  }
  const checks: ProvenanceCheck[] = [
    ...lightClientChecks(lc.checkpointRoot, lc.steps),
    ...executionHeaderChecks(fin, 'finalized'),
    {
      label: `Block header ${block.number} by hash`,
      detail: 'keccak256(rlp(header)) = the light client’s block hash; every call runs at its state root',
      ms: ms(t0),
    },
  ]
  const opts = {
    rpcUrl: network.executionRpcUrl,
    block,
    chainId,
    chainName: network.name,
    maxBytes: MAX_RESOURCE_BYTES,
    ...(network.storage?.nodeUrl ? { storageNodeUrl: network.storage.nodeUrl } : {}),
    beacon: { url: network.beaconApiUrl, start: { root: fin.blockRoot, label: `light client's finalized header (slot ${fin.slot})` } },
  }
  t0 = performance.now()
  const resource = await resolveWeb3InWorker(url, opts)
  checks.push(...callChecks(resource))
  const subresources: Web3Resolution['subresources'] = []
  let rendered = resource.bytes
  if (resource.mime === 'text/html') {
    const html = new TextDecoder().decode(resource.bytes)
    const dataUrls = new Map<string, string>()
    let total = resource.size
    for (const ref of relativeImageRefs(html)) {
      const sub = await resolveWeb3InWorker(joinWeb3Url(resource.url, ref), opts)
      total += sub.size
      if (total > MAX_PAGE_BYTES) break
      dataUrls.set(ref, toDataUrl(sub.mime, sub.bytes))
      subresources.push({ ref, url: sub.url, mime: sub.mime, size: sub.size, sha256: sub.sha256 })
      checks.push({ label: `Image ${ref}`, detail: sub.url }, ...callChecks(sub))
    }
    if (dataUrls.size) rendered = new TextEncoder().encode(inlineImageRefs(html, dataUrls))
  }
  return {
    resource,
    rendered,
    subresources,
    block: { number: Number(block.number), hash: block.hash },
    provenance: lightClientProvenance(lc.checkpointRoot, fin.forced, checks),
  }
}

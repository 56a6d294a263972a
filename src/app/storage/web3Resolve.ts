import type { Provenance, ProvenanceCheck } from '../../bus/provenance.ts'
import { EXECUTION_CHAIN_IDS } from '../../consensus/chainName.ts'
import type { NetworkConfig } from '../../net/networkConfig.ts'
import type { Web3Resource } from '../../workers/web3Task.ts'
import { inlineImageRefs, joinWeb3Url, relativeImageRefs, toDataUrl } from './subresources.ts'

/** A resolved resource with what it took: the page's bytes (HTML with its images inlined), its provenance. */
export type Web3Resolution = {
  resource: Web3Resource
  /** HTML only: the page with its relative images resolved and inlined (data: URLs); otherwise = resource.bytes. */
  rendered: Uint8Array
  subresources: { ref: string; url: string; mime: string; size: number; sha256: string }[]
  provenance: Provenance
}

/** Caps of what the page resolves and shows (bytes): one resource, and a page with all its images. */
export const MAX_RESOURCE_BYTES = 16 * 1024 * 1024
export const MAX_PAGE_BYTES = 24 * 1024 * 1024

const callChecks = (r: Web3Resource): ProvenanceCheck[] => [
  ...r.steps,
  ...r.calls.flatMap((c, i) => [
    {
      label: `Contract call ${i + 1}: ${c.to}${c.reverted ? ' (reverted)' : ''}`,
      detail: `calldata ${c.data.length > 74 ? `${c.data.slice(0, 74)}…` : c.data}; ${c.returnBytes} bytes returned`,
      ms: c.ms,
    },
    ...c.checks,
  ]),
  { label: `Content: ${r.mime}, ${r.size} bytes`, detail: `sha256 ${r.sha256}` },
]

/**
 * Resolves `url` on `network`: the resource, then (HTML) its relative images, every contract call through the call
 * function. Until the verified eth_call is wired, calls are plain `eth_call`s to the network's RPC and the result
 * is `trusted`, never `verified`.
 * @throws As resolveWeb3Url (Web3UrlError, InputTooLargeError, the call's typed errors).
 */
export async function resolveWeb3OnNetwork(url: string, network: NetworkConfig): Promise<Web3Resolution> {
  const [{ resolveWeb3Url }, { createPlainCall }] = await Promise.all([import('../../workers/web3Task.ts'), import('../../net/plainCall.ts')])
  const chainId = EXECUTION_CHAIN_IDS[network.chain]
  const call = createPlainCall(network.executionRpcUrl)
  const opts = { chainId, chainName: network.name, call, maxBytes: MAX_RESOURCE_BYTES }
  const resource = await resolveWeb3Url(url, opts)
  const checks = callChecks(resource)
  const subresources: Web3Resolution['subresources'] = []
  let rendered = resource.bytes
  if (resource.mime === 'text/html') {
    const html = new TextDecoder().decode(resource.bytes)
    const refs = relativeImageRefs(html)
    const dataUrls = new Map<string, string>()
    let total = resource.size
    for (const ref of refs) {
      const sub = await resolveWeb3Url(joinWeb3Url(resource.url, ref), opts)
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
    provenance: {
      status: 'trusted',
      source: `the RPC ${network.executionRpcUrl}`,
      reason: 'every contract call was a plain eth_call (not proven against the light client)',
      checks,
    },
  }
}

import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import type { ProvenanceCheck } from '../bus/provenance.ts'
import { BaseError, InputTooLargeError } from '../errors/base.ts'
import { Web3UrlError } from '../errors/web3.ts'
import { sniffMime } from './mimeSniff.ts'
import { openCallSession, type Web3CallFn, type Web3CallResult } from './web3Fetch.ts'

/** One contract call made while resolving a URL, with what its verification checked. */
export type Web3CallRecord = { to: `0x${string}`; data: `0x${string}`; reverted: boolean; returnBytes: number; ms: number; checks: ProvenanceCheck[] }

/** A resolved web3:// resource. `bytes` are exactly what the contract calls returned (decoded per the mode). */
export type Web3Resource = {
  url: string
  chainId: number
  contract: `0x${string}`
  /** ERC-6860 resolve mode web3protocol chose: `manual`, `auto`, `resourceRequest` (ERC-5219/6944). */
  mode: string
  /** HTTP-like status: 200 in manual/auto mode, the contract's status in ERC-5219 mode. */
  status: number
  headers: Record<string, string>
  /** `Content-Type` header, else sniffed from the bytes (`text/html`, `image/svg+xml`, `image/png`, …). */
  mime: string
  size: number
  /** sha256 of `bytes`, 0x-hex 32 bytes. */
  sha256: `0x${string}`
  bytes: Uint8Array
  calls: Web3CallRecord[]
  /** Steps of the resolution in order, each with its time (parse, mode, calls, decode). */
  steps: ProvenanceCheck[]
}

/** A call function that also reports its checks (the verified eth_call's ProvenanceCheck list). */
export type CheckedCallFn = (request: Parameters<Web3CallFn>[0]) => Promise<Web3CallResult & { checks?: ProvenanceCheck[] }>

export type ResolveOptions = {
  /** EIP-155 chain id this call function serves; a URL naming another chain is refused with Web3UrlError. */
  chainId: number
  chainName?: string
  /** Every contract call goes here (the verified eth_call; a plain eth_call in tests). */
  call: CheckedCallFn
  /** Cap on the resource's size, bytes. Default 16 MiB. Over it → InputTooLargeError, nothing past it is read. */
  maxBytes?: number
}

export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024

const now = () => performance.now()

/**
 * Resolves a web3:// URL (ERC-4804/ERC-6860: manual and auto mode, ERC-5219/6944 resource requests, ERC-7617
 * chunks, ERC-7618 content encodings) with web3protocol 0.6.3, loaded lazily (it loads brotli-wasm, 1.38 MB), with
 * a chain list of one chain whose only "RPC" is `options.call` (see web3Fetch.ts: every eth_call web3protocol makes
 * is answered by it, nothing else is reachable).
 *
 * @throws {Web3UrlError} Malformed URL, another chain, no such resource, a non-2xx ERC-5219 status.
 * @throws The call function's own typed error when a call failed verification (never masked by web3protocol).
 * @throws {InputTooLargeError} The resource is larger than `maxBytes`.
 */
export async function resolveWeb3Url(url: string, options: ResolveOptions): Promise<Web3Resource> {
  const steps: ProvenanceCheck[] = []
  const calls: Web3CallRecord[] = []
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const trimmed = url.trim()
  const m = /^(web3|w3):\/\/([^:/?#]+)(?::([1-9][0-9]*))?/.exec(trimmed)
  if (!m) throw new Web3UrlError({ url: trimmed, reason: 'expected web3://<address or name>[:chainId]/path (ERC-6860).' })
  const urlChain = m[3] ? Number(m[3]) : 1
  if (urlChain !== options.chainId) {
    throw new Web3UrlError({
      url: trimmed,
      reason: `it names chain ${urlChain}${m[3] ? '' : ' (the default when no :chainId is given)'}, but this network is chain ${options.chainId}${options.chainName ? ` (${options.chainName})` : ''}. Add :${options.chainId} after the contract or pick the network of chain ${urlChain}.`,
    })
  }

  let t = now()
  const { Client } = await import('web3protocol')
  steps.push({ label: 'Loaded the web3:// resolver', detail: 'web3protocol 0.6.3 (ERC-4804/6860, 5219, 7617, 7618)', ms: now() - t })

  const { rpcUrl, session, release } = openCallSession(async (req) => {
    const started = now()
    const r = await options.call(req)
    calls.push({ to: req.to, data: req.data, reverted: r.reverted, returnBytes: (r.data.length - 2) / 2, ms: now() - started, checks: r.checks ?? [] })
    return r
  })
  try {
    const client = new Client([
      { id: options.chainId, name: options.chainName ?? `chain ${options.chainId}`, shortName: String(options.chainId), rpcUrls: [rpcUrl], contracts: {} },
    ])
    t = now()
    let parsed: Awaited<ReturnType<typeof client.parseUrl>>
    try {
      parsed = await client.parseUrl(trimmed)
    } catch (e) {
      throw session.failure ?? new Web3UrlError({ url: trimmed, reason: plain(e), cause: e })
    }
    steps.push({
      label: `Parsed the URL: ${parsed.mode} mode`,
      detail: `contract ${parsed.contractAddress} on chain ${parsed.chainId}; mode from resolveMode() (${parsed.modeDetermination?.calldata ?? 'cached'})`,
      ms: now() - t,
    })
    t = now()
    let fetched: Awaited<ReturnType<typeof client.processContractReturn>>
    try {
      const ret = await client.fetchContractReturn(parsed)
      fetched = await client.processContractReturn(parsed, ret)
    } catch (e) {
      throw session.failure ?? new Web3UrlError({ url: trimmed, reason: plain(e), cause: e })
    }
    const headers: Record<string, string> = { ...(fetched.httpHeaders ?? {}) }
    const status = Number(fetched.httpCode ?? 200)
    const bytes = await readCapped(fetched.output, maxBytes, trimmed).catch((e) => {
      throw session.failure ?? e
    })
    if (session.failure !== undefined) throw session.failure
    steps.push({ label: `Read the resource (${bytes.length} bytes)`, detail: `contract calls: ${calls.length}`, ms: now() - t })
    if (status < 200 || status > 299) {
      throw new Web3UrlError({ url: trimmed, reason: `the contract answered status ${status}.`, status })
    }
    const contentType = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1]
    return {
      url: trimmed,
      chainId: Number(parsed.chainId),
      contract: parsed.contractAddress as `0x${string}`,
      mode: String(parsed.mode),
      status,
      headers,
      mime: contentType ? contentType.split(';')[0]?.trim().toLowerCase() || sniffMime(bytes) : sniffMime(bytes),
      size: bytes.length,
      sha256: `0x${bytesToHex(sha256(bytes))}`,
      bytes,
      calls,
      steps,
    }
  } finally {
    release()
  }
}

const plain = (e: unknown) => (e instanceof BaseError ? e.shortMessage : e instanceof Error ? e.message : String(e))

async function readCapped(stream: ReadableStream<Uint8Array> | undefined, maxBytes: number, url: string): Promise<Uint8Array> {
  if (!stream) return new Uint8Array(0)
  const reader = stream.getReader()
  const parts: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.length
      if (size > maxBytes) {
        void reader.cancel().catch(() => {})
        throw new InputTooLargeError({ what: `The resource at ${url}`, limit: maxBytes, unit: 'bytes' })
      }
      parts.push(value)
    }
  } catch (e) {
    if (e instanceof BaseError) throw e
    throw new Web3UrlError({ url, reason: plain(e), cause: e })
  }
  const out = new Uint8Array(size)
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

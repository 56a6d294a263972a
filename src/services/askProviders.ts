import type { Hex, TypedDataDomain } from 'viem'
import { BaseError } from '../errors/base.ts'
import { HttpRequestError, TimeoutError } from '../errors/net.ts'
import { serializeError } from '../errors/serialize.ts'
import { fetchJson } from '../net/fetchJson.ts'
import type { ProviderOutcome, ProviderSlot } from './compare.ts'
import type { ServiceRequest } from './eip712.ts'
import { verifyProviderAnswer } from './verifyResponse.ts'

/** Budget of one provider's answer, milliseconds (the whole exchange). */
export const PROVIDER_TIMEOUT_MS = 10_000
/** The provider HTTP route (devnet/services/provider.ts). */
export const SERVICE_ROUTE = '/lightbus/service/v1/request'

/**
 * The URL a registered endpoint is asked at: the endpoint itself when it already names the route, else the
 * endpoint + {@link SERVICE_ROUTE}. Only http(s) URLs; anything else → undefined (never fetched).
 */
export function serviceUrlOf(endpoint: string): string | undefined {
  let u: URL
  try {
    u = new URL(endpoint)
  } catch {
    return undefined
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined
  if (u.pathname.endsWith(SERVICE_ROUTE)) return u.toString()
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}${SERVICE_ROUTE}`
}

/** The JSON body of a service request: bigints as decimal strings, bytes as 0x-hex. */
export const requestBody = (request: ServiceRequest, signature: Hex) => ({
  request: { serviceId: request.serviceId.toString(), user: request.user, input: request.input, nonce: request.nonce.toString() },
  signature,
})

/**
 * Asks one provider: POST the signed request to its endpoint, at most `timeoutMs`, then checks the answer
 * (verifyProviderAnswer: shape, our request hash, the Response signature recovers to the registered address).
 * Never throws: every failure is an outcome (timeout, unreachable with the HTTP status or network error, invalid).
 */
export async function askProvider(p: {
  provider: Hex
  endpoint: string
  request: ServiceRequest
  signature: Hex
  requestHash: Hex
  domain: TypedDataDomain
  timeoutMs?: number
  signal?: AbortSignal
}): Promise<Exclude<ProviderOutcome, { status: 'pending' }>> {
  const t0 = performance.now()
  const ms = () => Math.round(performance.now() - t0)
  const url = serviceUrlOf(p.endpoint)
  if (!url) return { status: 'unreachable', detail: `the registered endpoint ${JSON.stringify(p.endpoint.slice(0, 120))} is not an http(s) URL`, ms: 0 }
  let body: unknown
  try {
    body = await fetchJson(url, {
      method: 'POST',
      body: requestBody(p.request, p.signature),
      timeoutMs: p.timeoutMs ?? PROVIDER_TIMEOUT_MS,
      ...(p.signal ? { signal: p.signal } : {}),
    })
  } catch (e) {
    if (e instanceof TimeoutError) return { status: 'timeout', ms: ms() }
    if (e instanceof HttpRequestError) {
      const cause = e.cause instanceof Error ? `: ${e.cause.message.slice(0, 200)}` : ''
      return { status: 'unreachable', detail: `${e.shortMessage}${cause}`, ms: ms() }
    }
    if (e instanceof BaseError) return { status: 'invalid', error: serializeError(e), ms: ms() }
    return { status: 'unreachable', detail: e instanceof Error ? e.message : String(e), ms: ms() }
  }
  try {
    const a = await verifyProviderAnswer({ body, provider: p.provider, requestHash: p.requestHash, domain: p.domain })
    return { status: 'answered', response: a.response, signature: a.signature, words: a.words, ms: ms() }
  } catch (e) {
    return { status: 'invalid', error: serializeError(e), ms: ms() }
  }
}

/**
 * Asks every chosen provider in parallel; `onOutcome(i, outcome)` as each one finishes (for the page's live table).
 * @returns The slots with every outcome final.
 */
export async function askProviders(
  chosen: readonly { provider: Hex; endpoint: string }[],
  common: Omit<Parameters<typeof askProvider>[0], 'provider' | 'endpoint'>,
  onOutcome?: (index: number, outcome: ProviderOutcome) => void,
): Promise<ProviderSlot[]> {
  return Promise.all(
    chosen.map(async (c, i) => {
      const outcome = await askProvider({ ...common, ...c })
      onOutcome?.(i, outcome)
      return { ...c, outcome }
    }),
  )
}

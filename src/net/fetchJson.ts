import { MalformedInputError } from '../errors/base.ts'
import { HttpRequestError, TimeoutError } from '../errors/net.ts'

/** Default budget for one HTTP request, milliseconds. */
export const DEFAULT_TIMEOUT_MS = 15_000

/**
 * GET/POST returning parsed JSON. The only place Lightbus calls `fetch`.
 * @throws {TimeoutError} After `timeoutMs`.
 * @throws {HttpRequestError} On a network failure or a non-2xx status.
 * @throws {MalformedInputError} When the body is not JSON.
 */
export async function fetchJson(
  url: string,
  init: { method?: 'GET' | 'POST'; body?: unknown; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<unknown> {
  const timeoutMs = init.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(new TimeoutError({ url, timeoutMs })), timeoutMs)
  const onAbort = () => controller.abort(init.signal?.reason)
  init.signal?.addEventListener('abort', onAbort, { once: true })
  let res: Response
  try {
    res = await fetch(url, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      signal: controller.signal,
    })
  } catch (cause) {
    if (controller.signal.reason instanceof TimeoutError) throw controller.signal.reason
    throw new HttpRequestError({ url, cause })
  } finally {
    clearTimeout(timer)
    init.signal?.removeEventListener('abort', onAbort)
  }
  if (!res.ok) {
    const text = await res.text().catch(() => '')
    throw new HttpRequestError({ url, status: res.status, cause: text ? new Error(text.slice(0, 300)) : undefined })
  }
  const text = await res.text()
  try {
    return JSON.parse(text)
  } catch (cause) {
    throw new MalformedInputError({ what: `JSON from ${url}`, cause })
  }
}

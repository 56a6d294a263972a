import { InputTooLargeError, MalformedInputError } from '../errors/base.ts'
import { HttpRequestError, TimeoutError } from '../errors/net.ts'

/** Default budget for one HTTP request (headers and body), milliseconds. */
export const DEFAULT_TIMEOUT_MS = 15_000
/** Largest response body read, bytes (128 light-client updates are about 3.3 MB). */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024

/** Reads a body as text, at most `maxBytes`. @throws {InputTooLargeError} */
async function readCapped(res: Response, url: string, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > maxBytes) throw new InputTooLargeError({ what: `response from ${url}`, limit: maxBytes, unit: 'bytes' })
  if (!res.body) return ''
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => {})
      throw new InputTooLargeError({ what: `response from ${url}`, limit: maxBytes, unit: 'bytes' })
    }
    chunks.push(value)
  }
  const all = new Uint8Array(size)
  let offset = 0
  for (const c of chunks) {
    all.set(c, offset)
    offset += c.byteLength
  }
  return new TextDecoder().decode(all)
}

/**
 * GET/POST returning parsed JSON. The only place Lightbus calls `fetch`. A GET that fails before any response (the
 * browser's `TypeError`: a dropped connection, a transient network error) is sent once more after 100 ms; a POST
 * never is, nor anything with a status, a timeout or a caller's abort.
 * @throws {TimeoutError} After `timeoutMs` (the whole exchange: headers and body).
 * @throws {HttpRequestError} On a network failure or a non-2xx status.
 * @throws {InputTooLargeError} When the body exceeds {@link MAX_RESPONSE_BYTES}.
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
  if (init.signal?.aborted) onAbort() // an abort before the call: no request goes out
  let text: string
  try {
    let res: Response | undefined
    const retryable = (init.method ?? 'GET') === 'GET'
    for (let attempt = 0; res === undefined; attempt++) {
      try {
        res = await fetch(url, {
          method: init.method ?? 'GET',
          headers: init.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
          ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
          signal: controller.signal,
        })
      } catch (cause) {
        if (controller.signal.reason instanceof TimeoutError) throw controller.signal.reason
        if (!retryable || attempt > 0 || controller.signal.aborted) throw new HttpRequestError({ url, cause })
        await new Promise((r) => setTimeout(r, 100))
      }
    }
    if (!res.ok) {
      const body = await readCapped(res, url, 4096).catch(() => '')
      throw new HttpRequestError({ url, status: res.status, cause: body ? new Error(body.slice(0, 300)) : undefined })
    }
    try {
      text = await readCapped(res, url, MAX_RESPONSE_BYTES)
    } catch (cause) {
      if (cause instanceof InputTooLargeError) throw cause
      if (controller.signal.reason instanceof TimeoutError) throw controller.signal.reason
      throw new HttpRequestError({ url, cause })
    }
  } finally {
    clearTimeout(timer)
    init.signal?.removeEventListener('abort', onAbort)
  }
  try {
    return JSON.parse(text)
  } catch (cause) {
    throw new MalformedInputError({ what: `JSON from ${url}`, cause })
  }
}

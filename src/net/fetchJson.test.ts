import { afterEach, describe, expect, it } from 'vitest'
import { HttpRequestError } from '../errors/net.ts'
import { fetchJson } from './fetchJson.ts'

const realFetch = globalThis.fetch
afterEach(() => {
  globalThis.fetch = realFetch
})

/** A fetch that fails (TypeError, as browsers do for network errors) `failures` times, then answers `body`. */
function flaky(failures: number, body: unknown = { ok: 1 }) {
  const calls: string[] = []
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    // Files share a worker: a request another file's stopped light client still sends (its retry after a closed
    // server) is not this test's.
    if (!String(url).startsWith('http://127.0.0.1:1/')) return realFetch(url, init)
    calls.push(`${init.method} ${url}`)
    if (calls.length <= failures) throw new TypeError('Failed to fetch')
    return Response.json(body)
  }) as typeof fetch
  return calls
}

describe('fetchJson on a network error (no response)', () => {
  it('sends a GET once more and returns its answer', async () => {
    const calls = flaky(1)
    expect(await fetchJson('http://127.0.0.1:1/x')).toEqual({ ok: 1 })
    expect(calls).toEqual(['GET http://127.0.0.1:1/x', 'GET http://127.0.0.1:1/x'])
  })

  it('gives up after the second failure with HttpRequestError (no status)', async () => {
    const calls = flaky(5)
    const e = await fetchJson('http://127.0.0.1:1/x').catch((x: unknown) => x)
    expect(e).toBeInstanceOf(HttpRequestError)
    expect((e as HttpRequestError).shortMessage).toContain('Could not reach http://127.0.0.1:1/x')
    expect(calls).toHaveLength(2)
  })

  it('never sends a POST twice', async () => {
    const calls = flaky(1)
    await expect(fetchJson('http://127.0.0.1:1/rpc', { method: 'POST', body: { a: 1 } })).rejects.toBeInstanceOf(HttpRequestError)
    expect(calls).toEqual(['POST http://127.0.0.1:1/rpc'])
  })

  it('does not retry an answer with a status', async () => {
    let n = 0
    globalThis.fetch = (async () => {
      n++
      return new Response('nope', { status: 503 })
    }) as typeof fetch
    await expect(fetchJson('http://127.0.0.1:1/x')).rejects.toMatchObject({ shortMessage: 'HTTP 503 from http://127.0.0.1:1/x' })
    expect(n).toBe(1)
  })

  it('a signal aborted before the call sends nothing and fails with HttpRequestError; one aborted during the call too', async () => {
    const sent: boolean[] = []
    globalThis.fetch = ((_url: string, init: RequestInit) => {
      sent.push(init.signal?.aborted === true)
      return new Promise((_resolve, reject) => {
        if (init.signal?.aborted) return reject(init.signal.reason)
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason))
      })
    }) as typeof fetch
    const before = new AbortController()
    before.abort(new Error('run ended'))
    await expect(fetchJson('http://127.0.0.1:1/x', { signal: before.signal })).rejects.toBeInstanceOf(HttpRequestError)
    expect(sent).toEqual([true]) // handed to fetch already aborted, so nothing reaches the network; no retry
    const during = new AbortController()
    const pending = fetchJson('http://127.0.0.1:1/x', { signal: during.signal })
    during.abort(new Error('run ended'))
    await expect(pending).rejects.toBeInstanceOf(HttpRequestError)
    expect(sent).toEqual([true, false])
  })
})

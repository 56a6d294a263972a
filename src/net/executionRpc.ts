import { MalformedInputError } from '../errors/base.ts'
import { RpcRequestError } from '../errors/net.ts'
import { fetchJson } from './fetchJson.ts'

let nextId = 1

/**
 * One JSON-RPC 2.0 call. Returns `result` unverified.
 * @throws {RpcRequestError} When the endpoint answers with an `error`.
 * @throws {HttpRequestError | TimeoutError | MalformedInputError} From the transport.
 */
export async function rpcRequest(url: string, method: string, params: unknown[]): Promise<unknown> {
  const body = (await fetchJson(url, { method: 'POST', body: { jsonrpc: '2.0', id: nextId++, method, params } })) as {
    result?: unknown
    error?: { code?: number; message?: string }
  }
  if (!body || typeof body !== 'object') throw new MalformedInputError({ what: `JSON-RPC ${method} response` })
  if (body.error) throw new RpcRequestError({ method, code: body.error.code ?? 0, message: body.error.message ?? 'unknown error' })
  if (!('result' in body)) throw new MalformedInputError({ what: `JSON-RPC ${method} response`, details: 'no result' })
  return body.result
}

/** Most calls in one JSON-RPC batch. */
export const MAX_BATCH = 100

/**
 * JSON-RPC 2.0 batch: the results in the order of `calls` (matched by id, whatever order the server answers in).
 * Larger lists are sent as several batches of {@link MAX_BATCH}.
 * @throws {RpcRequestError} When any call answers with an `error`.
 * @throws {MalformedInputError} A response that is not an array, or lacks an id asked for.
 * @throws {HttpRequestError | TimeoutError} From the transport.
 */
export async function rpcBatch(url: string, calls: readonly { method: string; params: unknown[] }[], signal?: AbortSignal): Promise<unknown[]> {
  const out: unknown[] = []
  for (let at = 0; at < calls.length; at += MAX_BATCH) {
    const chunk = calls.slice(at, at + MAX_BATCH).map((c) => ({ jsonrpc: '2.0', id: nextId++, method: c.method, params: c.params }))
    const body = await fetchJson(url, { method: 'POST', body: chunk, ...(signal ? { signal } : {}) })
    if (!Array.isArray(body)) throw new MalformedInputError({ what: 'JSON-RPC batch response', details: 'not an array' })
    const byId = new Map<unknown, { result?: unknown; error?: { code?: number; message?: string } }>()
    for (const r of body) if (r && typeof r === 'object') byId.set((r as { id?: unknown }).id, r)
    for (const c of chunk) {
      const r = byId.get(c.id)
      if (!r) throw new MalformedInputError({ what: `JSON-RPC ${c.method} response`, details: `no answer to id ${c.id} in the batch` })
      if (r.error) throw new RpcRequestError({ method: c.method, code: r.error.code ?? 0, message: r.error.message ?? 'unknown error' })
      if (!('result' in r)) throw new MalformedInputError({ what: `JSON-RPC ${c.method} response`, details: 'no result' })
      out.push(r.result)
    }
  }
  return out
}

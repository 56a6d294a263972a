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

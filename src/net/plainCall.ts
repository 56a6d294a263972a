import type { ProvenanceCheck } from '../bus/provenance.ts'
import { MalformedInputError } from '../errors/base.ts'
import { RpcRequestError } from '../errors/net.ts'
import { isHexString } from '../verify/hex.ts'
import { fetchJson } from './fetchJson.ts'

let nextId = 1

/**
 * A plain, UNVERIFIED `eth_call` at `block` (default `latest`) over JSON-RPC, in the shape web3Task's call functions
 * have. A revert (JSON-RPC error code 3, or "execution reverted") is returned as `{ reverted: true }`, not thrown.
 * Used where no verified call is possible and the result is shown as `trusted`, and in tests.
 * @throws {RpcRequestError | HttpRequestError | TimeoutError | MalformedInputError}
 */
export function createPlainCall(rpcUrl: string, block: string = 'latest') {
  return async (req: { to: `0x${string}`; data: `0x${string}`; from?: `0x${string}` }) => {
    const t0 = performance.now()
    const body = (await fetchJson(rpcUrl, {
      method: 'POST',
      body: { jsonrpc: '2.0', id: nextId++, method: 'eth_call', params: [{ to: req.to, data: req.data, ...(req.from ? { from: req.from } : {}) }, block] },
    })) as { result?: unknown; error?: { code?: number; message?: string; data?: unknown } }
    const checks: ProvenanceCheck[] = [{ label: `eth_call ${req.to} (not verified)`, detail: `answered by ${rpcUrl} at ${block}`, ms: performance.now() - t0 }]
    if (body?.error) {
      if (body.error.code === 3 || /revert/i.test(body.error.message ?? '')) {
        return { data: (isHexString(body.error.data) ? body.error.data : '0x') as `0x${string}`, reverted: true, checks }
      }
      throw new RpcRequestError({ method: 'eth_call', code: body.error.code ?? 0, message: body.error.message ?? 'unknown error' })
    }
    if (!isHexString(body?.result)) throw new MalformedInputError({ what: 'eth_call result', details: 'expected 0x-hex' })
    return { data: body.result as `0x${string}`, reverted: false, checks }
  }
}

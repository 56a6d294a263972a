/**
 * The `fetch` web3protocol uses (bundlers alias its `cross-fetch` import to this module: vite.config.ts, and the
 * CLI's resolve hook cli/web3FetchHook.mjs). web3protocol's Client only ever POSTs JSON-RPC `eth_call` to the RPC
 * URLs of its chain list (node_modules/web3protocol/src/chains/client.js); Lightbus gives it one sentinel URL per
 * resolution (`https://call-N.lightbus.invalid/`, a reserved TLD that never resolves) and answers those calls here
 * from an injected call function, which is the verified eth_call. Every other URL is refused: web3:// resolution
 * never talks to an unverified RPC behind Lightbus's back.
 */

/** What a contract call answered: return data, or a revert (web3protocol treats a revert and `0x` as "no data"). */
export type Web3CallResult = { data: `0x${string}`; reverted: boolean }
export type Web3CallFn = (request: { to: `0x${string}`; data: `0x${string}`; from?: `0x${string}` }) => Promise<Web3CallResult>

type Session = { call: Web3CallFn; failure: unknown }
const sessions = new Map<string, Session>()
let counter = 0

/** Registers `call` under a fresh sentinel RPC URL; `release()` removes it. `session.failure` keeps the first thrown error. */
export function openCallSession(call: Web3CallFn): { rpcUrl: string; session: Session; release: () => void } {
  const rpcUrl = `https://call-${++counter}.lightbus.invalid/`
  const session: Session = { call, failure: undefined }
  sessions.set(rpcUrl, session)
  return { rpcUrl, session, release: () => sessions.delete(rpcUrl) }
}

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })

async function sentinelFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
  const session = sessions.get(url)
  if (!session) throw new Error(`web3:// resolution may only use the verified call; refused ${url}`)
  const req = JSON.parse(String(init?.body ?? '{}')) as { id?: number; method?: string; params?: unknown[] }
  const id = req.id ?? 1
  if (req.method !== 'eth_call') return json({ jsonrpc: '2.0', id, error: { code: -32601, message: `method ${req.method} not served` } })
  // After one call failed verification, every later call fails too: nothing resolved past a failure is shown.
  if (session.failure !== undefined) return json({ jsonrpc: '2.0', id, error: { code: -32000, message: 'an earlier call failed verification' } })
  const tx = (req.params?.[0] ?? {}) as { to?: `0x${string}`; input?: `0x${string}`; data?: `0x${string}`; from?: `0x${string}` }
  try {
    const r = await session.call({
      to: tx.to as `0x${string}`,
      data: (tx.input ?? tx.data ?? '0x') as `0x${string}`,
      ...(tx.from ? { from: tx.from } : {}),
    })
    if (r.reverted) return json({ jsonrpc: '2.0', id, error: { code: 3, message: 'execution reverted', data: r.data } })
    return json({ jsonrpc: '2.0', id, result: r.data })
  } catch (e) {
    session.failure = e
    return json({ jsonrpc: '2.0', id, error: { code: -32000, message: e instanceof Error ? e.message : String(e) } })
  }
}

export { sentinelFetch as fetch }
export default sentinelFetch

// Starts compiling herumi's BLS WebAssembly (bls-eth-wasm) the moment the light-client worker starts evaluating,
// before its SSZ and Lodestar modules (tens of milliseconds) and before BLS is imported at all. V8 compiles on
// background threads while the worker thread evaluates; the patched loader (scripts/vite/herumiWasm.ts) takes the
// compiled module instead of fetching its own copy. docs/performance.md, "Third round".
//
// Built apps only: the build plugin substitutes `__LIGHTBUS_HERUMI_WASM__` (the emitted asset's URL path, e.g.
// `/assets/herumi-023aeafd.wasm`). On the dev server and in tests it is not defined and nothing starts.

declare const __LIGHTBUS_HERUMI_WASM__: string | undefined

/**
 * Where the early compile is left for the loader: `globalThis[Symbol.for('lightbus.herumi-wasm')]`, a
 * `Promise<WebAssembly.Module | null>`. The patched `bls_c.js` reads it once and deletes it (a later `init` after
 * `destroy` fetches again); on `null` it fetches itself and reports any failure as before.
 */
export const HERUMI_WASM_KEY: unique symbol = Symbol.for('lightbus.herumi-wasm') as never

/**
 * Longest a `.wasm` fetch may take, headers and body, before it is aborted, milliseconds: this early compile's and the
 * patched loader's own (scripts/vite/herumiWasm.ts), so that a stalled response ends BLS's initialisation with an
 * error (`WorkerStartError` from `ensureBls`) instead of leaving it pending: at most twice this (the early compile
 * gives up, then the loader's own fetch does). A total deadline, not an idle one: a link slower than ~30 KB/s fails
 * too. Where the engine has no `AbortSignal.timeout` (Safari < 16, Chrome < 103) there is none, as before.
 */
export const WASM_FETCH_TIMEOUT_MS = 15_000

/**
 * Fetches and compiles a WebAssembly module: streaming when served as `application/wasm`, otherwise from the
 * downloaded bytes. Never rejects: any failure (network, HTTP status, invalid module, no complete answer within
 * `timeoutMs`) resolves to `null`, and the loader's own fetch then reports it.
 * @param url - Absolute URL of the `.wasm`.
 * @param timeoutMs - Aborts the fetch (and the compile reading its body) after this long; default {@link WASM_FETCH_TIMEOUT_MS}.
 */
export function compileWasm(url: URL, fetchImpl: typeof fetch = fetch, timeoutMs = WASM_FETCH_TIMEOUT_MS): Promise<WebAssembly.Module | null> {
  // Sent now, not from a promise callback: the worker's module evaluation runs before any callback would.
  let response: Promise<Response>
  try {
    response = fetchImpl(url, typeof AbortSignal.timeout === 'function' ? { signal: AbortSignal.timeout(timeoutMs) } : {})
  } catch {
    return Promise.resolve(null)
  }
  return response
    .then((r) => {
      if (!r.ok) return null
      const type = (r.headers.get('content-type') ?? '').split(';')[0]?.trim()
      if (typeof WebAssembly.compileStreaming === 'function' && type === 'application/wasm') return WebAssembly.compileStreaming(r)
      return r.arrayBuffer().then((b) => WebAssembly.compile(b))
    })
    .catch(() => null)
}

/**
 * Starts {@link compileWasm} of herumi's module once and leaves the promise at {@link HERUMI_WASM_KEY}.
 * @param path - The `.wasm`'s URL path (default: the build's substitution; none on the dev server and in tests).
 * @returns Whether a compile was started (or was already under way).
 */
export function startHerumiWasmCompile(
  path: string | undefined = typeof __LIGHTBUS_HERUMI_WASM__ === 'string' ? __LIGHTBUS_HERUMI_WASM__ : undefined,
  fetchImpl: typeof fetch = fetch,
): boolean {
  if (!path || typeof WebAssembly !== 'object' || !globalThis.location) return false
  const g = globalThis as unknown as Record<symbol, Promise<WebAssembly.Module | null> | undefined>
  g[HERUMI_WASM_KEY] ??= compileWasm(new URL(path, globalThis.location.origin), fetchImpl)
  return true
}

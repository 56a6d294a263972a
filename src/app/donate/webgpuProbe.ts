/** What the tab's WebGPU adapter is, or why there is none. */
export type AdapterProbe = { kind: 'adapter'; name: string; fallback: boolean } | { kind: 'none'; reason: string }

/** The backend choice of the Donate page, and what it resolves to. */
export type BackendChoice = 'auto' | 'webgpu' | 'wasm'

type AdapterLike = {
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean }
  isFallbackAdapter?: boolean
}

/**
 * Asks `navigator.gpu` for an adapter and names it from `adapter.info` (vendor, architecture, description).
 * `fallback` is `isFallbackAdapter` (on the adapter, or on its info in newer browsers): a software adapter
 * such as SwiftShader. Never throws.
 */
export async function probeWebGpu(gpu: unknown = (globalThis.navigator as { gpu?: unknown } | undefined)?.gpu): Promise<AdapterProbe> {
  const g = gpu as { requestAdapter?: () => Promise<AdapterLike | null> } | undefined
  if (!g?.requestAdapter) return { kind: 'none', reason: 'this browser has no navigator.gpu (WebGPU disabled or unsupported)' }
  try {
    const adapter = await g.requestAdapter()
    if (!adapter) return { kind: 'none', reason: 'requestAdapter() found none' }
    const info = adapter.info ?? {}
    const name = [info.vendor, info.architecture, info.description].filter((s) => typeof s === 'string' && s.length > 0).join(' ') || 'unnamed adapter'
    return { kind: 'adapter', name, fallback: Boolean(adapter.isFallbackAdapter ?? info.isFallbackAdapter) }
  } catch (e) {
    return { kind: 'none', reason: e instanceof Error ? e.message : String(e) }
  }
}

/** "google swiftshader — software adapter", "nvidia ampere — hardware adapter" or "no WebGPU adapter: <reason>". */
export function adapterLabel(p: AdapterProbe): string {
  return p.kind === 'adapter' ? `${p.name} — ${p.fallback ? 'software' : 'hardware'} adapter` : `no WebGPU adapter: ${p.reason}`
}

/** auto = WebGPU only with a non-fallback (hardware) adapter, else WASM; an explicit choice is kept. */
export function resolveBackend(choice: BackendChoice, probe: AdapterProbe | undefined): 'webgpu' | 'wasm' {
  if (choice !== 'auto') return choice
  return probe?.kind === 'adapter' && !probe.fallback ? 'webgpu' : 'wasm'
}

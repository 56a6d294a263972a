import { adapterNameOf, isFallback } from './adapter.ts'

/** What {@link probeWebGpu} found. */
export type WebGpuProbe = { available: true; adapterName: string; isFallbackAdapter: boolean } | { available: false; reason: string }

/**
 * Whether a WebGPU adapter exists (`gpu`, default `navigator.gpu`), its name and whether it is a
 * fallback (software) adapter such as SwiftShader. Requests no device.
 */
export async function probeWebGpu(gpu?: GPU): Promise<WebGpuProbe> {
  const g = gpu ?? (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu
  if (!g) return { available: false, reason: 'WebGPU is not supported here (no navigator.gpu)' }
  try {
    const adapter = await g.requestAdapter()
    if (!adapter) return { available: false, reason: 'no WebGPU adapter (requestAdapter() returned null)' }
    return { available: true, adapterName: adapterNameOf(adapter), isFallbackAdapter: isFallback(adapter) }
  } catch (e) {
    return { available: false, reason: `requestAdapter failed: ${e instanceof Error ? e.message : String(e)}` }
  }
}

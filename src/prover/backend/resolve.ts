import { WebGpuUnavailableError } from '../../errors/prover.ts'
import { getBackend } from './index.ts'
import type { BackendName, ProverBackend } from './types.ts'
import { createWebGpuBackend, type WebGpuBackend } from './webgpu/backend.ts'

/** A backend choice: a name, or "auto" (WebGPU only on a hardware adapter, else WASM). */
export type BackendChoice = BackendName | 'auto'

type Created = Promise<{ backend: WebGpuBackend } | { unavailable: string }>
// Keyed by GPU object and whether a fallback adapter is accepted ('webgpu': yes; 'auto': no).
const cache = new WeakMap<GPU, Map<boolean, Created>>()

/** The WebGPU backend on `gpu`, created once per GPU object (pipelines compile once) and again after a lost device. */
async function webGpuBackendOn(gpu: GPU, allowFallbackAdapter: boolean): Created {
  const perGpu = cache.get(gpu) ?? new Map<boolean, Created>()
  cache.set(gpu, perGpu)
  const cached = perGpu.get(allowFallbackAdapter)
  if (cached) {
    const r = await cached
    if (!('backend' in r) || r.backend.lost === null) return r
  }
  const created = createWebGpuBackend(gpu, { allowFallbackAdapter })
  perGpu.set(allowFallbackAdapter, created)
  return created
}

/**
 * The prover backend for a choice. 'webgpu' needs `gpu` (navigator.gpu, or Dawn's in Node) and an
 * adapter (a fallback adapter such as SwiftShader is accepted when asked for by name); 'auto' takes
 * WebGPU only on a hardware adapter, else WASM, with the reason in `note`.
 * @throws {WebGpuUnavailableError} for 'webgpu' without an adapter or device.
 */
export async function resolveBackend(choice: BackendChoice, gpu?: GPU | null): Promise<{ backend: ProverBackend; note: string | null }> {
  if (choice === 'ts' || choice === 'wasm') return { backend: getBackend(choice), note: null }
  if (!gpu) {
    if (choice === 'webgpu') throw new WebGpuUnavailableError({ reason: 'no navigator.gpu' })
    return { backend: getBackend('wasm'), note: 'auto: no WebGPU here, WASM' }
  }
  const r = await webGpuBackendOn(gpu, choice === 'webgpu')
  if ('unavailable' in r) {
    if (choice === 'webgpu') throw new WebGpuUnavailableError({ reason: r.unavailable })
    return { backend: getBackend('wasm'), note: `auto: ${r.unavailable}, WASM` }
  }
  return { backend: r.backend, note: null }
}

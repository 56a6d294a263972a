import { describe, expect, it } from 'vitest'
import { WebGpuUnavailableError } from '../../errors/prover.ts'
import { resolveBackend } from './resolve.ts'
import { wasmBackend } from './wasm.ts'

/** A GPU object whose adapter request answers `adapter` (null: no adapter). */
const fakeGpu = (adapter: unknown) => ({ requestAdapter: async () => adapter }) as unknown as GPU
/** A fallback (software) adapter whose device request must not be reached by 'auto'. */
const softwareAdapter = {
  info: { description: 'Soft GPU', vendor: '', architecture: '', device: '', isFallbackAdapter: true },
  limits: {},
  requestDevice: async () => {
    throw new Error('no device here')
  },
}

describe('resolveBackend', () => {
  it('ts and wasm need no GPU', async () => {
    expect((await resolveBackend('wasm')).backend).toBe(wasmBackend)
    expect((await resolveBackend('ts')).backend.name).toBe('ts')
  })

  it('webgpu without navigator.gpu or without an adapter is a typed error', async () => {
    await expect(resolveBackend('webgpu', null)).rejects.toThrow(WebGpuUnavailableError)
    await expect(resolveBackend('webgpu', fakeGpu(null))).rejects.toThrow('requestAdapter() returned null')
    await expect(resolveBackend('webgpu', fakeGpu(softwareAdapter))).rejects.toThrow('requestDevice failed on Soft GPU: no device here')
  })

  it('auto is WASM without an adapter, and on a software adapter', async () => {
    expect(await resolveBackend('auto', null)).toEqual({ backend: wasmBackend, note: 'auto: no WebGPU here, WASM' })
    expect((await resolveBackend('auto', fakeGpu(null))).backend).toBe(wasmBackend)
    const soft = await resolveBackend('auto', fakeGpu(softwareAdapter))
    expect(soft).toEqual({ backend: wasmBackend, note: 'auto: only a fallback (software) adapter: Soft GPU, WASM' })
  })
})

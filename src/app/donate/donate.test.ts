import { describe, expect, it } from 'vitest'
import { PauseGate, restAfterMs } from './budget.ts'
import { adapterLabel, probeWebGpu, resolveBackend } from './webgpuProbe.ts'

describe('budget', () => {
  it('rests t·(1−s)/s after a segment of t ms', () => {
    expect(restAfterMs(1000, 1)).toBe(0)
    expect(restAfterMs(1000, 0.5)).toBe(1000)
    expect(restAfterMs(1000, 0.25)).toBe(3000)
    expect(restAfterMs(900, 0.75)).toBeCloseTo(300)
    expect(() => restAfterMs(1000, 0)).toThrow(RangeError)
    expect(() => restAfterMs(1000, 1.5)).toThrow(RangeError)
  })

  it('PauseGate pauses on the first reason and resumes when the last one goes', () => {
    const calls: string[] = []
    const gate = new PauseGate({ pause: () => calls.push('pause'), resume: () => calls.push('resume') })
    gate.set('hidden', true)
    gate.set('budget', true)
    gate.set('hidden', true)
    expect(gate.active).toEqual(['hidden', 'budget'])
    gate.set('hidden', false)
    expect(calls).toEqual(['pause'])
    gate.set('budget', false)
    gate.set('battery', false)
    expect(calls).toEqual(['pause', 'resume'])
    expect(gate.active).toEqual([])
  })
})

describe('WebGPU probe', () => {
  it('names the adapter from adapter.info and flags a fallback adapter', async () => {
    const gpu = { requestAdapter: async () => ({ info: { vendor: 'google', architecture: 'swiftshader', description: '' }, isFallbackAdapter: true }) }
    const p = await probeWebGpu(gpu)
    expect(p).toEqual({ kind: 'adapter', name: 'google swiftshader', fallback: true })
    expect(adapterLabel(p)).toBe('google swiftshader — software adapter')
    expect(resolveBackend('auto', p)).toBe('wasm')
    expect(resolveBackend('webgpu', p)).toBe('webgpu')
    const hw = await probeWebGpu({ requestAdapter: async () => ({ info: { vendor: 'nvidia', architecture: 'ampere', isFallbackAdapter: false } }) })
    expect(resolveBackend('auto', hw)).toBe('webgpu')
    expect(adapterLabel(hw)).toBe('nvidia ampere — hardware adapter')
  })

  it('says why there is no adapter', async () => {
    expect(adapterLabel(await probeWebGpu(undefined))).toMatch(/^no WebGPU adapter: .*navigator\.gpu/)
    expect(await probeWebGpu({ requestAdapter: async () => null })).toEqual({ kind: 'none', reason: 'requestAdapter() found none' })
    expect(await probeWebGpu({ requestAdapter: async () => Promise.reject(new Error('blocked')) })).toEqual({ kind: 'none', reason: 'blocked' })
    expect(resolveBackend('auto', { kind: 'none', reason: 'x' })).toBe('wasm')
    expect(resolveBackend('wasm', undefined)).toBe('wasm')
  })
})

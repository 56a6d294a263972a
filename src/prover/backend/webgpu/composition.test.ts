import { describe, expect, it } from 'vitest'
import { loadNodeGpu } from '../../../../cli/webgpuNode.ts'
import type { CompositionInput } from '../../stark/composition.ts'
import { encodeStarkProof } from '../../stark/encoding.ts'
import { execute } from '../../vm/executor.ts'
import { decodeProgram } from '../../vm/isa.ts'
import { fibonacci } from '../../vm/programs/fibonacci.ts'
import { sort, sortInput } from '../../vm/programs/sort.ts'
import { cutSegments } from '../../vm/segments.ts'
import { zkvmKernels } from '../../zkvm/kernels.ts'
import { statementIds } from '../../zkvm/receipt.ts'
import { proveSegment } from '../../zkvm/segmentProof.ts'
import { zkvmCompositionWasm } from '../../zkvm/wasmComposition.ts'
import { wasmBackend } from '../wasm.ts'
import { createWebGpuBackend, type WebGpuBackend } from './backend.ts'

// The WGSL zkVM composition kernel (wgslComposition.ts) against the WASM kernel on real segment LDEs,
// and whole segment proofs with it. One device for the file (the shader compiles once).
const gpu = await loadNodeGpu()
const created = 'unavailable' in gpu ? gpu : await createWebGpuBackend(gpu)
const skip = 'unavailable' in created ? created.unavailable : null
if (skip) console.warn(`WebGPU composition tests skipped: ${skip}`)
const gpuBackend = ('backend' in created ? created.backend : null) as WebGpuBackend

function segmentOf(program: typeof fibonacci, input: number[]) {
  const exec = execute(program, input)
  const [segment] = cutSegments(exec, 10)
  if (!segment) throw new Error('no segment')
  return { segment, code: decodeProgram(program), input, ids: statementIds(program, input) }
}
type Segment = ReturnType<typeof segmentOf>

/** The composition input of a 2^10 segment proof (captured from the WASM prover) and that proof's bytes. */
async function capture(s: Segment): Promise<{ input: CompositionInput; proof: Buffer }> {
  let input: CompositionInput | null = null
  const wasm = zkvmKernels(wasmBackend)
  const kernels = {
    composition: (c: CompositionInput) => {
      input = c
      return zkvmCompositionWasm(c)
    },
    auxTrace: wasm.auxTrace,
  }
  const { proof } = await proveSegment(s.segment, s.code, s.input, s.ids, { backend: wasmBackend, kernels })
  if (!input) throw new Error('composition not called')
  return { input, proof: Buffer.from(encodeStarkProof(proof)) }
}

const firstDiff = (a: readonly Uint32Array[], b: readonly Uint32Array[]): string => {
  if (a.length !== b.length) return `${a.length} vs ${b.length} columns`
  for (let c = 0; c < a.length; c++)
    for (let i = 0; i < (a[c] as Uint32Array).length; i++) if (a[c]?.[i] !== b[c]?.[i]) return `column ${c} row ${i}: ${a[c]?.[i]} vs ${b[c]?.[i]}`
  return 'equal'
}

describe.skipIf(skip !== null)('WebGPU zkVM composition = WASM composition', () => {
  const cases: [string, () => Segment][] = [
    ['fibonacci', () => segmentOf(fibonacci, [150])],
    ['sort', () => segmentOf(sort, sortInput([5, 3, 9, 1, 7, 2, 8]))],
    // The first of several segments: not halted (11 last constraints instead of 12).
    ['fibonacci(2000), first segment', () => segmentOf(fibonacci, [2000])],
  ]
  for (const [name, make] of cases)
    it(`${name}: the composition on a 2^10 segment's LDE, then the whole proof byte for byte`, async () => {
      const s = make()
      const { input, proof } = await capture(s)
      expect(input.counts.last).toBe(name.includes('first segment') ? 12 : 13)
      const got = await gpuBackend.zkvmKernels.composition(input)
      expect(firstDiff(got, zkvmCompositionWasm(input))).toBe('equal')
      // A tampered column changes the GPU result (the kernel reads its input).
      const tampered = { ...input, main: input.main.map((c, i) => (i === 61 ? c.map((x) => (x + 1) % 2013265921) : c)) }
      expect(firstDiff(await gpuBackend.zkvmKernels.composition(tampered), got)).not.toBe('equal')
      const gpuProof = Buffer.from(encodeStarkProof((await proveSegment(s.segment, s.code, s.input, s.ids, { backend: gpuBackend })).proof))
      expect(gpuProof.equals(proof)).toBe(true)
      expect(gpuBackend.fallbacks()).toEqual([])
    }, 300_000)

  it('over the binding limit, the composition falls back to WASM with the same result', async () => {
    const s = segmentOf(fibonacci, [150])
    const { input } = await capture(s)
    const small = await createWebGpuBackend(gpu as GPU, { maxBindingBytes: 1 << 20 })
    if (!('backend' in small)) throw new Error(small.unavailable)
    try {
      expect(firstDiff(await small.backend.zkvmKernels.composition(input), zkvmCompositionWasm(input))).toBe('equal')
      expect(small.backend.fallbacks()).toEqual([
        expect.stringMatching(/^composition: \d+ bytes of LDE columns exceeds the 1048576-byte binding limit: on WASM$/),
      ])
    } finally {
      small.backend.destroy()
    }
  }, 120_000)

  it('a composition pipeline that fails to build: the composition stays on WASM, the device stays in use', async () => {
    const { input } = await capture(segmentOf(fibonacci, [40]))
    const fresh = await createWebGpuBackend(gpu as GPU)
    if (!('backend' in fresh)) throw new Error(fresh.unavailable)
    const device = fresh.backend.device
    device.createComputePipelineAsync = () => Promise.reject(new Error('forced pipeline failure'))
    try {
      expect(firstDiff(await fresh.backend.zkvmKernels.composition(input), zkvmCompositionWasm(input))).toBe('equal')
      expect(firstDiff(await fresh.backend.zkvmKernels.composition(input), zkvmCompositionWasm(input))).toBe('equal')
      expect(fresh.backend.fallbacks()).toEqual(['composition pipeline failed to build (forced pipeline failure): composition on WASM'])
      expect(fresh.backend.lost).toBeNull()
    } finally {
      fresh.backend.destroy()
    }
  }, 120_000)

  it('a lost device: the composition runs on WASM, same result (runs last: destroys the device)', async () => {
    const { input } = await capture(segmentOf(sort, sortInput([4, 2, 6])))
    gpuBackend.destroy()
    expect(firstDiff(await gpuBackend.zkvmKernels.composition(input), zkvmCompositionWasm(input))).toBe('equal')
    expect(gpuBackend.fallbacks().some((f) => f.endsWith('all kernels on WASM'))).toBe(true)
  }, 120_000)
})

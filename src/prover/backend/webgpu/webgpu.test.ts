import { describe, expect, it } from 'vitest'
import { loadNodeGpu } from '../../../../cli/webgpuNode.ts'
import { InvalidProverInputError } from '../../../errors/prover.ts'
import { fieldRng } from '../../../test/fieldRng.ts'
import { P } from '../../field/babybear.ts'
import { encodeStarkProof } from '../../stark/encoding.ts'
import { execute } from '../../vm/executor.ts'
import { decodeProgram } from '../../vm/isa.ts'
import { fibonacci } from '../../vm/programs/fibonacci.ts'
import { cutSegments } from '../../vm/segments.ts'
import { statementIds } from '../../zkvm/receipt.ts'
import { proveSegment } from '../../zkvm/segmentProof.ts'
import { tsBackend } from '../ts.ts'
import type { ColumnMerkleTree, ProverBackend } from '../types.ts'
import { wasmBackend } from '../wasm.ts'
import { createWebGpuBackend, type WebGpuBackend } from './backend.ts'
import { probeWebGpu } from './probe.ts'

// Differential tests of the WebGPU backend (Dawn + SwiftShader in Node) against the TypeScript reference.
// One backend (one device) for the file: each pipeline compiles once (seconds on SwiftShader). Its
// device is destroyed by the last test.
const gpu = await loadNodeGpu()
const created = 'unavailable' in gpu ? gpu : await createWebGpuBackend(gpu)
const skip = 'unavailable' in created ? created.unavailable : null
if (skip) console.warn(`WebGPU tests skipped: ${skip}`)
const gpuBackend = ('backend' in created ? created.backend : null) as WebGpuBackend

const rng = fieldRng
const firstDiff = (a: readonly ArrayLike<number>[], b: readonly ArrayLike<number>[]): string => {
  if (a.length !== b.length) return `${a.length} vs ${b.length} arrays`
  for (let c = 0; c < a.length; c++) {
    const x = a[c] as ArrayLike<number>
    const y = b[c] as ArrayLike<number>
    if (x.length !== y.length) return `array ${c}: length ${x.length} vs ${y.length}`
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return `array ${c} index ${i}: ${x[i]} vs ${y[i]}`
  }
  return 'equal'
}
const treeDiff = (a: ColumnMerkleTree, b: ColumnMerkleTree) =>
  a.depth !== b.depth || a.width !== b.width ? 'shape' : firstDiff([a.root, ...a.layers], [b.root, ...b.layers])

describe.skipIf(skip !== null)('WebGPU backend kernels equal tsBackend (random inputs)', () => {
  it('probeWebGpu finds the adapter; the device is in use', async () => {
    expect(gpuBackend.lost).toBeNull()
    const p = await probeWebGpu(gpu as GPU)
    expect(p).toMatchObject({ available: true, adapterName: gpuBackend.adapterName, isFallbackAdapter: gpuBackend.isFallbackAdapter })
  })

  it('interpolate and evaluateOnCoset (several sizes, mixed-length matrices, blowups 0–3)', async () => {
    const r = rng(1)
    for (const [w, log] of [
      [1, 2],
      [3, 3],
      [5, 6],
      [2, 10],
    ] as const) {
      const cols = r.cols(w, 2 ** log)
      expect(firstDiff(await gpuBackend.interpolate(cols), tsBackend.interpolate(cols))).toBe('equal')
      for (const b of [0, 1, 2, 3])
        expect(firstDiff(await gpuBackend.evaluateOnCoset(cols, b), tsBackend.evaluateOnCoset(cols, b)), `2^${log} ×${w} blowup ${b}`).toBe('equal')
    }
    const mixed = [...r.cols(2, 8), ...r.cols(3, 32), ...r.cols(1, 8)]
    expect(firstDiff(await gpuBackend.interpolate(mixed), tsBackend.interpolate(mixed))).toBe('equal')
    expect(firstDiff(await gpuBackend.evaluateOnCoset(mixed, 2), tsBackend.evaluateOnCoset(mixed, 2))).toBe('equal')
  })

  it('merkleTree (widths across the 34-word Keccak rate, depths 2–10)', async () => {
    const r = rng(2)
    for (const [w, log] of [
      [1, 2],
      [8, 5],
      [33, 4],
      [34, 3],
      [35, 6],
      [69, 3],
      [4, 10],
    ] as const) {
      const cols = r.cols(w, 2 ** log)
      expect(treeDiff(await gpuBackend.merkleTree(cols), tsBackend.merkleTree(cols)), `2^${log} × ${w}`).toBe('equal')
    }
  })

  it('foldLayer (several layers of a domain)', async () => {
    const r = rng(3)
    for (const [logDomain, round] of [
      [6, 0],
      [8, 1],
      [12, 3],
    ] as const) {
      const values = r.cols(1, 4 * 2 ** (logDomain - round))[0] as Uint32Array
      const beta = r.ext()
      expect(firstDiff([await gpuBackend.foldLayer(values, beta, logDomain, round)], [tsBackend.foldLayer(values, beta, logDomain, round)])).toBe('equal')
    }
  })

  it('malformed input gives the WASM backend typed errors', async () => {
    const r = rng(4)
    const bad = r.cols(3, 16)
    ;(bad[1] as Uint32Array)[5] = P + 5
    expect(() => gpuBackend.merkleTree(bad)).toThrow(`element ${P + 5} is not canonical`)
    expect(() => gpuBackend.interpolate(r.cols(1, 6))).toThrow(InvalidProverInputError)
    expect(() => gpuBackend.foldLayer(r.cols(1, 32)[0] as Uint32Array, r.ext(), 5, 0)).toThrow(InvalidProverInputError)
    expect(gpuBackend.fallbacks()).toEqual([])
  })
})

/** A first segment of 2^10 rows of a shipped program. */
function segmentOf(program: typeof fibonacci, input: number[]) {
  const exec = execute(program, input)
  const [segment] = cutSegments(exec, 10)
  if (!segment) throw new Error('no segment')
  return { segment, code: decodeProgram(program), input, ids: statementIds(program, input) }
}
const proofBytes = async (s: ReturnType<typeof segmentOf>, backend: ProverBackend) =>
  Buffer.from(encodeStarkProof((await proveSegment(s.segment, s.code, s.input, s.ids, { backend })).proof))

describe.skipIf(skip !== null)('zkVM segment proofs at 2^10: webgpu = wasm = ts, byte for byte', () => {
  // Whole segment proofs webgpu = wasm byte for byte (fibonacci, sort) are in composition.test.ts, with the same
  // device setup and inputs; ts = wasm whole proofs in src/prover/zkvm/kernels.test.ts.
  it('a kernel whose buffers exceed a (small) binding limit falls back to WASM, same proof', async () => {
    const small = await createWebGpuBackend(gpu as GPU, { maxBindingBytes: 4096 })
    if (!('backend' in small)) throw new Error(small.unavailable)
    try {
      const r = rng(5)
      const cols = r.cols(8, 256) // 8 KB of rows and a 16 KB tree: over 4 KB
      expect(treeDiff(await small.backend.merkleTree(cols), tsBackend.merkleTree(cols))).toBe('equal')
      expect(small.backend.fallbacks()).toEqual([expect.stringMatching(/^merkleTree: a 256×8 matrix exceeds the 4096-byte binding limit: on WASM$/)])
    } finally {
      small.backend.destroy()
    }
  }, 120_000)

  it('a device lost mid-segment: the rest runs on WASM, the proof is identical (runs last: destroys the device)', async () => {
    const s = segmentOf(fibonacci, [150])
    let calls = 0
    // The device is destroyed after the main trace's Merkle tree (between kernels of one segment).
    const losing: ProverBackend = {
      ...gpuBackend,
      name: 'webgpu',
      merkleTree: async (cols) => {
        const t = await gpuBackend.merkleTree(cols)
        if (++calls === 1) gpuBackend.device.destroy()
        return t
      },
    }
    const got = await proofBytes(s, losing)
    expect(got.equals(await proofBytes(s, wasmBackend))).toBe(true)
    expect(gpuBackend.fallbacks().some((f) => f.endsWith('all kernels on WASM'))).toBe(true)
    expect(gpuBackend.lost).toMatch(/device lost|GPU call failed/)
  }, 240_000)
})

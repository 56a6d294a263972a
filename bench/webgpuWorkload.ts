// WebGPU half of `npm run bench`: each GPU kernel against the WASM kernel on the same inputs, in Node
// through Dawn. Here the adapter is SwiftShader (a CPU implementation of Vulkan): the numbers say the
// kernels run and agree, not how fast a GPU is.
import { loadNodeGpu } from '../cli/webgpuNode.ts'
import type { ProverBackend } from '../src/prover/backend/types.ts'
import { wasmBackend } from '../src/prover/backend/wasm.ts'
import { createWebGpuBackend } from '../src/prover/backend/webgpu/backend.ts'
import { P } from '../src/prover/field/babybear.ts'
import type { CompositionInput } from '../src/prover/stark/composition.ts'
import { execute } from '../src/prover/vm/executor.ts'
import { decodeProgram } from '../src/prover/vm/isa.ts'
import { fibonacci } from '../src/prover/vm/programs/fibonacci.ts'
import { cutSegments } from '../src/prover/vm/segments.ts'
import { zkvmKernels } from '../src/prover/zkvm/kernels.ts'
import { statementIds } from '../src/prover/zkvm/receipt.ts'
import { proveSegment } from '../src/prover/zkvm/segmentProof.ts'
import { zkvmCompositionWasm } from '../src/prover/zkvm/wasmComposition.ts'

export type WebGpuRow = { kernel: string; size: string; webgpuMs: number; wasmMs: number; same: boolean }
export type WebGpuBench = { adapter: string; isFallbackAdapter: boolean; rows: WebGpuRow[]; fallbacks: string[] } | { skipped: string }

function columns(w: number, n: number, seed: number): Uint32Array[] {
  let s = seed
  const next = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0
    return s % P
  }
  return Array.from({ length: w }, () => Uint32Array.from({ length: n }, next))
}

/** The composition input of the first 2^log-row segment of fibonacci(4000), captured from a WASM segment proof. */
async function compositionInput(log: number): Promise<CompositionInput> {
  const input = [4000]
  const [segment] = cutSegments(execute(fibonacci, input), log)
  if (!segment) throw new Error('no segment')
  let captured: CompositionInput | null = null
  const kernels = {
    composition: (c: CompositionInput) => {
      captured = c
      return zkvmCompositionWasm(c)
    },
    auxTrace: zkvmKernels(wasmBackend).auxTrace,
  }
  await proveSegment(segment, decodeProgram(fibonacci), input, statementIds(fibonacci, input), { backend: wasmBackend, kernels })
  if (!captured) throw new Error('composition not called')
  return captured
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

async function time<T>(runs: number, f: () => T | Promise<T>): Promise<{ ms: number; out: T }> {
  let out = await f() // warm-up: pipeline compilation, twiddle tables, JIT
  const ms: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    out = await f()
    ms.push(performance.now() - t0)
  }
  return { ms: median(ms), out }
}

const same = (a: unknown, b: unknown) =>
  JSON.stringify(a, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v)) ===
  JSON.stringify(b, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v))

/** Per kernel and size: median ms of `runs` calls after one warm-up, WebGPU and WASM, and whether they agree. */
export async function benchWebGpu(logs: readonly number[], width: number, runs: number): Promise<WebGpuBench> {
  const gpu = await loadNodeGpu()
  if ('unavailable' in gpu) return { skipped: gpu.unavailable }
  const created = await createWebGpuBackend(gpu)
  if ('unavailable' in created) return { skipped: created.unavailable }
  const g = created.backend
  const rows: WebGpuRow[] = []
  const both = async (kernel: string, size: string, f: (b: ProverBackend) => unknown) => {
    const a = await time(runs, () => f(g))
    const b = await time(runs, () => f(wasmBackend))
    rows.push({ kernel, size, webgpuMs: a.ms, wasmMs: b.ms, same: same(a.out, b.out) })
  }
  try {
    for (const log of logs) {
      const cols = columns(width, 2 ** log, log)
      await both('NTT: interpolate', `${width} × 2^${log}`, (b) => b.interpolate(cols))
      await both('LDE: evaluateOnCoset ×4', `${width} × 2^${log}`, (b) => b.evaluateOnCoset(cols, 2))
      const lde = await wasmBackend.evaluateOnCoset(cols, 2)
      await both('Merkle tree (Keccak-256)', `${width} × 2^${log + 2}`, (b) => b.merkleTree(lde))
      const values = columns(1, 4 * 2 ** (log + 2), log + 7)[0] as Uint32Array
      await both('FRI fold', `2^${log + 2} ext4`, (b) => b.foldLayer(values, [1, 2, 3, 4], log + 2, 0))
      const comp = await compositionInput(log)
      await both('zkVM composition', `115 × 2^${comp.logDomain}`, (b) => (b === g ? g.zkvmKernels.composition(comp) : zkvmCompositionWasm(comp)))
    }
    return { adapter: g.adapterName, isFallbackAdapter: g.isFallbackAdapter, rows, fallbacks: g.fallbacks() }
  } finally {
    g.destroy()
  }
}

import { P, TWO_ADICITY } from '../../field/babybear.ts'
import type { Ext4 } from '../../field/ext4.ts'
import type { ZkvmKernels } from '../../zkvm/kernels.ts'
import { zkvmAuxTraceWasm } from '../../zkvm/wasmAux.ts'
import { zkvmCompositionShape, zkvmCompositionWasm } from '../../zkvm/wasmComposition.ts'
import type { ColumnMerkleTree, Columns, ProverBackend } from '../types.ts'
import { wasmBackend } from '../wasm.ts'
import { adapterNameOf, isFallback } from './adapter.ts'
import { compositionBindingBytes, zkvmCompositionOnGpu } from './composition.ts'
import { GpuContext, type GpuKernel, PipelineError } from './context.ts'
import { foldOnGpu } from './fold.ts'
import { merkleOnGpu } from './merkle.ts'
import { nttOnGpu } from './ntt.ts'

/**
 * The WebGPU prover backend: NTT/LDE, Merkle trees and FRI folds run as WGSL compute shaders, bit-identical
 * to `tsBackend`/`wasmBackend`; the DEEP quotient, out-of-domain evaluations (and, in proveSegment, the
 * zkVM aux trace) run on the WASM backend; the zkVM composition (`zkvmKernels.composition`) runs on the GPU. Per kernel call, WASM is used instead when
 * the input is malformed (so the WASM backend throws its typed error), tiny, larger than one storage
 * binding (`maxBindingBytes`), when the kernel's pipeline failed to build, or — for the rest of this
 * backend's life — once the device is lost or a GPU call failed. `fallbacks()` lists what fell back and why.
 */
export type WebGpuBackend = ProverBackend & {
  readonly name: 'webgpu'
  readonly adapterName: string
  readonly isFallbackAdapter: boolean
  /** Each distinct reason a kernel ran on WASM instead (in order of first occurrence). */
  fallbacks(): string[]
  /** Why the GPU is no longer used (device lost, a GPU call failed, destroyed), or null while it is. */
  readonly lost: string | null
  /** The device (tests destroy it to simulate a lost device). */
  readonly device: GPUDevice
  /** Destroys the device; every later call runs on WASM. */
  destroy(): void
  /** The zkVM kernels proveSegment uses with this backend: the composition on the GPU, the aux trace on WASM. */
  readonly zkvmKernels: ZkvmKernels
}

export type WebGpuBackendOptions = {
  /** Ask for the fallback (software) adapter. */
  readonly forceFallbackAdapter?: boolean
  /** Accept a fallback adapter such as SwiftShader (default true; 'auto' backend selection passes false). */
  readonly allowFallbackAdapter?: boolean
  /** Caps the bytes of one storage binding below the device's limit (tests of the size fallback). */
  readonly maxBindingBytes?: number
}

/**
 * Requests an adapter and a device (with the adapter's buffer, binding and workgroup limits) and returns
 * the backend, or `{ unavailable }` with the reason when there is no (acceptable) adapter or no device.
 */
export async function createWebGpuBackend(gpu: GPU, options: WebGpuBackendOptions = {}): Promise<{ backend: WebGpuBackend } | { unavailable: string }> {
  let adapter: GPUAdapter | null
  try {
    adapter = await gpu.requestAdapter(options.forceFallbackAdapter ? { forceFallbackAdapter: true } : undefined)
  } catch (e) {
    return { unavailable: `requestAdapter failed: ${e instanceof Error ? e.message : String(e)}` }
  }
  if (!adapter) return { unavailable: 'no WebGPU adapter (navigator.gpu.requestAdapter() returned null)' }
  const fallbackAdapter = isFallback(adapter)
  const adapterName = adapterNameOf(adapter)
  if (fallbackAdapter && options.allowFallbackAdapter === false) return { unavailable: `only a fallback (software) adapter: ${adapterName}` }
  const l = adapter.limits
  let device: GPUDevice
  try {
    device = await adapter.requestDevice({
      requiredLimits: {
        maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
        maxBufferSize: l.maxBufferSize,
        maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
        maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
        maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
        maxComputeWorkgroupSizeX: l.maxComputeWorkgroupSizeX,
      },
    })
  } catch (e) {
    return { unavailable: `requestDevice failed on ${adapterName}: ${e instanceof Error ? e.message : String(e)}` }
  }
  const dl = device.limits
  const ctx = new GpuContext(device, {
    maxBindingBytes: Math.min(dl.maxStorageBufferBindingSize, dl.maxBufferSize, options.maxBindingBytes ?? Number.POSITIVE_INFINITY),
    maxWorkgroupsPerDimension: dl.maxComputeWorkgroupsPerDimension,
  })
  return { backend: makeBackend(ctx, adapterName, fallbackAdapter) }
}

/** Smallest column length worth a GPU submission (below it the WASM kernel is used, same result). */
const MIN_GPU_ROWS = 4

function powerOfTwoLog(n: number): number | null {
  const k = Math.log2(n)
  return Number.isInteger(k) && k <= TWO_ADICITY ? k : null
}

function makeBackend(ctx: GpuContext, adapterName: string, isFallbackAdapter: boolean): WebGpuBackend {
  const reasons = new Set<string>()
  const broken = new Map<GpuKernel, string>()
  const note = (r: string) => reasons.add(r)

  /**
   * Runs `gpu` unless the device is gone or the kernel is broken; a null result (too large) or a failure
   * runs `cpu` instead. A failing pipeline build disables the kernel; any other failure the device.
   */
  async function guarded<T>(method: string, kernel: GpuKernel, gpu: () => Promise<T | null>, cpu: () => T, tooBig: string): Promise<T> {
    if (ctx.lost) {
      note(`${ctx.lost}: all kernels on WASM`)
      return cpu()
    }
    if (broken.has(kernel)) return cpu()
    try {
      const out = await gpu()
      if (out !== null) return out
      note(`${method}: ${tooBig} exceeds the ${ctx.limits.maxBindingBytes}-byte binding limit: on WASM`)
      return cpu()
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e)
      if (e instanceof PipelineError && !ctx.lost) {
        const why = `${kernel} pipeline failed to build (${message}): ${method} on WASM`
        broken.set(kernel, why)
        note(why)
        return cpu()
      }
      ctx.lost ??= `GPU call failed in ${method} (${message})`
      note(`${ctx.lost}: all kernels on WASM`)
      return cpu()
    }
  }

  /** Runs equal-length runs of columns through the GPU NTT (order kept). */
  async function nttColumns(columns: Columns, logBlowup: number, forward: boolean): Promise<Uint32Array[] | null> {
    const out: Uint32Array[] = []
    for (let i = 0; i < columns.length; ) {
      const n = (columns[i] as Uint32Array).length
      let j = i + 1
      while (j < columns.length && (columns[j] as Uint32Array).length === n) j++
      const log = Math.log2(n)
      const part = await nttOnGpu(ctx, columns.slice(i, j), log, log + logBlowup, forward)
      if (part === null) return null
      out.push(...part)
      i = j
    }
    return out
  }

  /** Whether every column has a power-of-two length ≥ MIN_GPU_ROWS and the extended size fits 2^27. */
  const nttShapeOk = (columns: Columns, logBlowup: number) =>
    columns.length > 0 &&
    columns.every((c) => {
      const k = powerOfTwoLog(c.length)
      return k !== null && c.length >= MIN_GPU_ROWS && k + logBlowup <= TWO_ADICITY
    })

  const backend: WebGpuBackend = {
    name: 'webgpu',
    adapterName,
    isFallbackAdapter,
    device: ctx.device,
    get lost() {
      return ctx.lost
    },
    fallbacks: () => [...reasons],
    destroy: () => {
      ctx.lost ??= 'device destroyed'
      ctx.device.destroy()
    },
    interpolate(columns) {
      if (!nttShapeOk(columns, 0)) return wasmBackend.interpolate(columns)
      return guarded(
        'interpolate',
        'ntt',
        () => nttColumns(columns, 0, false),
        () => wasmBackend.interpolate(columns),
        `one column of ${(columns[0] as Uint32Array).length} elements`,
      )
    },
    evaluateOnCoset(coeffs, logBlowup) {
      if (!Number.isInteger(logBlowup) || logBlowup < 0 || !nttShapeOk(coeffs, logBlowup)) return wasmBackend.evaluateOnCoset(coeffs, logBlowup)
      return guarded(
        'evaluateOnCoset',
        'ntt',
        () => nttColumns(coeffs, logBlowup, true),
        () => wasmBackend.evaluateOnCoset(coeffs, logBlowup),
        `one column of ${(coeffs[0] as Uint32Array).length << logBlowup} elements`,
      )
    },
    merkleTree(columns): ColumnMerkleTree | Promise<ColumnMerkleTree> {
      const n = columns.length > 0 ? (columns[0] as Uint32Array).length : 0
      const depth = powerOfTwoLog(n)
      // Malformed or non-canonical input: the WASM kernel throws the typed error.
      if (depth === null || n < MIN_GPU_ROWS || columns.some((c) => c.length !== n || !canonical(c))) return wasmBackend.merkleTree(columns)
      return guarded(
        'merkleTree',
        'merkle',
        () => merkleOnGpu(ctx, columns, depth),
        () => wasmBackend.merkleTree(columns),
        `a ${n}×${columns.length} matrix`,
      )
    },
    foldLayer(values, beta, logDomain, r) {
      const m = values.length / 4
      if (
        !Number.isInteger(logDomain) ||
        !Number.isInteger(r) ||
        r < 0 ||
        logDomain > TWO_ADICITY ||
        logDomain - r < 1 ||
        m !== 2 ** (logDomain - r) ||
        m < 2 * MIN_GPU_ROWS
      )
        return wasmBackend.foldLayer(values, beta, logDomain, r)
      return guarded(
        'foldLayer',
        'fold',
        () => foldOnGpu(ctx, values, beta, logDomain, r),
        () => wasmBackend.foldLayer(values, beta, logDomain, r),
        `a layer of ${m} points`,
      )
    },
    zkvmKernels: {
      composition(c) {
        // Not the zkVM AIR or malformed: the WASM kernel takes the generic path or throws its typed error.
        if (!zkvmCompositionShape(c) || 2 ** c.logDomain < MIN_GPU_ROWS) return zkvmCompositionWasm(c)
        return guarded(
          'composition',
          'composition',
          () => zkvmCompositionOnGpu(ctx, c),
          () => zkvmCompositionWasm(c),
          `${compositionBindingBytes(2 ** c.logDomain)} bytes of LDE columns`,
        )
      },
      auxTrace: (main, [gamma, beta]) => zkvmAuxTraceWasm(main, gamma as Ext4, beta as Ext4),
    },
    deepQuotient: (args) => wasmBackend.deepQuotient(args),
    evaluateAt: (coeffs, points) => wasmBackend.evaluateAt(coeffs, points),
  }
  return backend
}

function canonical(c: Uint32Array): boolean {
  for (let i = 0; i < c.length; i++) if ((c[i] as number) >= P) return false
  return true
}

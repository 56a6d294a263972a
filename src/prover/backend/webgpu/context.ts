import { WGSL_COMPOSITION } from './wgslComposition.ts'
import { WGSL_KECCAK } from './wgslKeccak.ts'
import { WGSL_FOLD, WGSL_NTT } from './wgslKernels.ts'

/** The kernels of the WebGPU backend, each with its own pipelines (built on first use, once per device). */
export type GpuKernel = 'ntt' | 'merkle' | 'fold' | 'composition'

/** Buffer and dispatch limits the backend sizes its work from (the device's, or smaller for tests). */
export type GpuLimits = {
  /** Bytes of one storage-buffer binding (min of maxStorageBufferBindingSize and maxBufferSize). */
  readonly maxBindingBytes: number
  readonly maxWorkgroupsPerDimension: number
}

const MODULES: Record<GpuKernel, { code: string; entries: readonly string[] }> = {
  ntt: { code: WGSL_NTT, entries: ['spread', 'butterfly', 'scaleAll'] },
  merkle: { code: WGSL_KECCAK, entries: ['leaves', 'nodes'] },
  fold: { code: WGSL_FOLD, entries: ['fold'] },
  composition: { code: WGSL_COMPOSITION, entries: ['composition'] },
}

/** A kernel's shader module or pipelines failed to build (the kernel then runs on WASM). */
export class PipelineError extends Error {
  override name = 'PipelineError'
}

/** Workgroup width of every kernel (@workgroup_size(64)). */
const WG = 64
/** Uniform slot stride: minUniformBufferOffsetAlignment is at most 256. */
const SLOT = 256

/**
 * One GPU device and the backend's pipelines on it. Pipelines are compiled lazily per kernel (SwiftShader
 * takes seconds per pipeline) and kept for the device's life. `lost` is set once the device is lost
 * (`device.lost`) or a GPU call failed; callers then fall back to WASM.
 */
export class GpuContext {
  readonly device: GPUDevice
  readonly limits: GpuLimits
  lost: string | null = null
  private readonly pipelines = new Map<GpuKernel, Promise<Map<string, GPUComputePipeline>>>()
  private readonly tables = new Map<string, GPUBuffer>()

  constructor(device: GPUDevice, limits: GpuLimits) {
    this.device = device
    this.limits = limits
    device.lost.then((info) => {
      this.lost ??= `device lost (${info.reason}${info.message ? `: ${info.message}` : ''})`
    })
  }

  /** The compute pipelines of a kernel (rejects if the shader or a pipeline fails to build). */
  pipelinesOf(kernel: GpuKernel): Promise<Map<string, GPUComputePipeline>> {
    let p = this.pipelines.get(kernel)
    if (!p) {
      const { code, entries } = MODULES[kernel]
      const module = this.device.createShaderModule({ code, label: kernel })
      p = Promise.all(
        entries.map((e) => this.device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: e }, label: `${kernel}.${e}` })),
      )
        .then((list) => new Map(entries.map((e, i) => [e, list[i] as GPUComputePipeline])))
        .catch((e: unknown) => {
          throw new PipelineError(e instanceof Error ? e.message : String(e))
        })
      this.pipelines.set(kernel, p)
    }
    return p
  }

  /** A storage buffer holding a copy of `data` (at least 16 bytes). */
  upload(data: Uint32Array, label: string): GPUBuffer {
    const buffer = this.device.createBuffer({ size: Math.max(16, data.byteLength), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST, label })
    this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength)
    return buffer
  }

  /** An uninitialised storage buffer of `bytes` (copyable out). */
  storage(bytes: number, label: string): GPUBuffer {
    return this.device.createBuffer({ size: Math.max(16, bytes), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST, label })
  }

  /** A constant table, uploaded once per key for the device's life. */
  table(key: string, make: () => Uint32Array): GPUBuffer {
    let b = this.tables.get(key)
    if (!b) {
      b = this.upload(make(), key)
      this.tables.set(key, b)
    }
    return b
  }

  /** Uniform slots (256-byte aligned) for a sequence of dispatches, each up to 64 bytes of u32. */
  uniforms(slots: readonly (readonly number[])[]): GPUBuffer {
    const data = new Uint32Array((SLOT / 4) * Math.max(1, slots.length))
    slots.forEach((s, i) => {
      data.set(s, (SLOT / 4) * i)
    })
    const buffer = this.device.createBuffer({ size: data.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST })
    this.device.queue.writeBuffer(buffer, 0, data)
    return buffer
  }

  /** A binding of uniform slot i. */
  slot(buffer: GPUBuffer, i: number, size = 32): GPUBufferBinding {
    return { buffer, offset: SLOT * i, size }
  }

  /** Records a dispatch of `threads` invocations (64 per workgroup, an (x, y) grid within the per-dimension limit). */
  dispatch(pass: GPUComputePassEncoder, pipeline: GPUComputePipeline, entries: GPUBindGroupEntry[], threads: number): void {
    const groups = Math.max(1, Math.ceil(threads / WG))
    const x = Math.min(groups, this.limits.maxWorkgroupsPerDimension)
    const y = Math.ceil(groups / x)
    if (y > this.limits.maxWorkgroupsPerDimension) throw new Error(`dispatch of ${threads} invocations exceeds the workgroup grid`)
    pass.setPipeline(pipeline)
    pass.setBindGroup(0, this.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries }))
    pass.dispatchWorkgroups(x, y)
  }

  /**
   * Runs `record` in one compute pass, submits it with a validation and out-of-memory error scope, and
   * reads `bytes` bytes of `from` back. Throws if the device reports an error.
   */
  async run(record: (pass: GPUComputePassEncoder) => void, from: GPUBuffer, bytes: number): Promise<ArrayBuffer> {
    const device = this.device
    const read = device.createBuffer({ size: Math.max(16, bytes), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST })
    device.pushErrorScope('out-of-memory')
    device.pushErrorScope('validation')
    let failure: unknown = null
    try {
      const encoder = device.createCommandEncoder()
      const pass = encoder.beginComputePass()
      record(pass)
      pass.end()
      encoder.copyBufferToBuffer(from, 0, read, 0, Math.max(16, bytes))
      device.queue.submit([encoder.finish()])
    } catch (e) {
      failure = e
    }
    const validation = await device.popErrorScope()
    const oom = await device.popErrorScope()
    try {
      if (failure) throw failure
      const error = validation ?? oom
      if (error) throw new Error(`GPU error: ${error.message}`)
      await read.mapAsync(GPUMapMode.READ)
      return read.getMappedRange(0, bytes).slice(0)
    } finally {
      read.destroy()
    }
  }
}

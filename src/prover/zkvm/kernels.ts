import type { BackendName, MaybePromise, ProverBackend } from '../backend/types.ts'
import type { Ext4 } from '../field/ext4.ts'
import type { Air } from '../stark/air.ts'
import { type CompositionInput, compositionOnDomain } from '../stark/composition.ts'
import { ZKVM_AIR } from './air.ts'
import { zkvmAuxTraceWasm } from './wasmAux.ts'
import { zkvmCompositionWasm } from './wasmComposition.ts'

/** The zkVM's composition evaluator and aux-trace builder for one prover backend (bit-identical across backends). */
export type ZkvmKernels = {
  readonly composition: (c: CompositionInput) => MaybePromise<Uint32Array[]>
  readonly auxTrace: (...args: Parameters<Air['auxTrace']>) => MaybePromise<Uint32Array[]>
}

const TS_KERNELS: ZkvmKernels = { composition: compositionOnDomain, auxTrace: (main, ch, pi) => ZKVM_AIR.auxTrace(main, ch, pi) }

const WASM_KERNELS: ZkvmKernels = {
  composition: (c) => zkvmCompositionWasm(c),
  auxTrace: (main, [gamma, beta]) => zkvmAuxTraceWasm(main, gamma as Ext4, beta as Ext4),
}

/** A backend that brings its own zkVM kernels (the WebGPU backend: GPU composition, WASM aux trace). */
export type WithZkvmKernels = { readonly zkvmKernels?: ZkvmKernels }

/**
 * `ts`: the generic reference (compositionOnDomain, ZKVM_AIR.auxTrace); `wasm`: the specialised
 * AssemblyScript kernels (wasm/assembly/zkvm.ts, zkvmAux.ts); a backend object with its own
 * `zkvmKernels` (WebGPU): those; any other backend object: by its name (`webgpu` without kernels: WASM).
 */
export function zkvmKernels(backend: BackendName | (ProverBackend & WithZkvmKernels)): ZkvmKernels {
  if (typeof backend !== 'string') return backend.zkvmKernels ?? zkvmKernels(backend.name)
  return backend === 'ts' ? TS_KERNELS : WASM_KERNELS
}

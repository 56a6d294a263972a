import type { Ext4 } from '../field/ext4.ts'
import type { Air } from '../stark/air.ts'
import { compositionOnDomain } from '../stark/composition.ts'
import { ZKVM_AIR } from './air.ts'
import { zkvmAuxTraceWasm } from './wasmAux.ts'
import { zkvmCompositionWasm } from './wasmComposition.ts'

/** The zkVM's composition evaluator and aux-trace builder for one prover backend (bit-identical across backends). */
export type ZkvmKernels = {
  readonly composition: typeof compositionOnDomain
  readonly auxTrace: Air['auxTrace']
}

const TS_KERNELS: ZkvmKernels = { composition: compositionOnDomain, auxTrace: (main, ch, pi) => ZKVM_AIR.auxTrace(main, ch, pi) }

const WASM_KERNELS: ZkvmKernels = {
  composition: (c) => zkvmCompositionWasm(c),
  auxTrace: (main, [gamma, beta]) => zkvmAuxTraceWasm(main, gamma as Ext4, beta as Ext4),
}

/**
 * `ts`: the generic reference (compositionOnDomain, ZKVM_AIR.auxTrace); `wasm`: the specialised
 * AssemblyScript kernels (wasm/assembly/zkvm.ts, zkvmAux.ts).
 */
export function zkvmKernels(backendName: 'ts' | 'wasm'): ZkvmKernels {
  return backendName === 'wasm' ? WASM_KERNELS : TS_KERNELS
}

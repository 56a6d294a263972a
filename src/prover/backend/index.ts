import { tsBackend } from './ts.ts'
import type { BackendName, SyncProverBackend } from './types.ts'
import { wasmBackend } from './wasm.ts'

export type { BackendName } from './types.ts'

/** Backend names accepted by the CLI and the app ('webgpu' is created asynchronously: resolve.ts). */
export const BACKEND_NAMES = ['wasm', 'ts', 'webgpu'] as const satisfies readonly BackendName[]

/** The synchronous CPU backend of that name ('wasm', the default, or 'ts', the reference). */
export function getBackend(name: 'ts' | 'wasm' = 'wasm'): SyncProverBackend {
  return name === 'ts' ? tsBackend : wasmBackend
}

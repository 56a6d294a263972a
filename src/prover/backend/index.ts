import { tsBackend } from './ts.ts'
import type { SyncProverBackend } from './types.ts'
import { wasmBackend } from './wasm.ts'

/** Backend names accepted by the CLI and the app. */
export const BACKEND_NAMES = ['wasm', 'ts'] as const
export type BackendName = (typeof BACKEND_NAMES)[number]

/** The prover backend of that name ('wasm', the default, or 'ts', the reference). */
export function getBackend(name: BackendName = 'wasm'): SyncProverBackend {
  return name === 'ts' ? tsBackend : wasmBackend
}

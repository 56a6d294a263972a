import { init } from '@chainsafe/bls/switchable'
import { WorkerStartError } from '../errors/net.ts'

let ready: Promise<void> | undefined

/**
 * Selects the BLS backend once: blst (native addon) in Node, herumi (`bls-eth-wasm`) in browsers, whose WebAssembly
 * the production build serves as a streamed `.wasm` asset (scripts/vite/herumiWasm.ts).
 * `@chainsafe/bls` is aliased to its switchable entry in the Vite build (rolldown#9548, see
 * ../shared/research/lc.md §2), so nothing can verify a signature before this resolves.
 * @throws {WorkerStartError} When the backend does not load (e.g. the `.wasm` asset is not served); the next call
 * tries again.
 */
export function ensureBls(): Promise<void> {
  ready ??= init((globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node !== undefined ? 'blst-native' : 'herumi').then(
    () => undefined,
    (cause: unknown) => {
      ready = undefined
      throw new WorkerStartError({ worker: 'BLS (herumi WebAssembly)', cause })
    },
  )
  return ready
}

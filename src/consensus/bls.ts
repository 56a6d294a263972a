import { init } from '@chainsafe/bls/switchable'

let ready: Promise<void> | undefined

/**
 * Selects the BLS backend once: blst (native addon) in Node, herumi (`bls-eth-wasm`) in browsers.
 * `@chainsafe/bls` is aliased to its switchable entry in the Vite build (rolldown#9548, see
 * ../shared/research/lc.md §2), so nothing can verify a signature before this resolves.
 */
export function ensureBls(): Promise<void> {
  ready ??= init((globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node !== undefined ? 'blst-native' : 'herumi').then(
    () => undefined,
  )
  return ready
}

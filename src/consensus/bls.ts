import bls, { init } from '@chainsafe/bls/switchable'
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

// A valid (public key, message, signature) triple: secret key 0x0102…20, message = the first 32 bytes of
// "lightbus: BLS warm-up, not a vote". Made with blst; checked by bls.test.ts. Trusted for nothing.
export const WARM_UP = {
  publicKey: '96a20bb9485ff6d8950955a629e8043a43775968ac133eb7b19c5f0389a2253676abdd6c86c7b68d38a1b7f6af8650e7',
  message: '6c696768746275733a20424c53207761726d2d75702c206e6f74206120766f74',
  signature:
    '80f6f008f622d252716e7ef4087f8c3a5a117bcc71d2d447999a95eb199909ec2a88c67b0ea832b03365946eb5aec93b054bc2a697ceac81c69ef90002c17680258086d0d38dd251d592195930b092c31873279376fadff14c7692251ba5d81b',
}

/**
 * Verifies one fixed signature with the selected backend, so that the WebAssembly functions a sync-committee check
 * runs (decompression, subgroup checks, hash to G2, pairing) are compiled before the first real one: V8 compiles a
 * module's functions on their first call. The light-client worker calls it while it waits for the network
 * (docs/performance.md). Its result decides nothing.
 * @returns Whether the triple verified (false only if the backend is broken).
 */
export function warmUpBls(): boolean {
  const bytes = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (b) => Number.parseInt(b, 16))
  try {
    const signature = bls.Signature.fromBytes(bytes(WARM_UP.signature), undefined, true)
    return signature.verify(bls.PublicKey.fromBytes(bytes(WARM_UP.publicKey), undefined, true), bytes(WARM_UP.message))
  } catch {
    return false
  }
}

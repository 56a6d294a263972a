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
  ready ??= loadBackend().then(
    () => undefined,
    (cause: unknown) => {
      ready = undefined
      throw new WorkerStartError({ worker: 'BLS (herumi WebAssembly)', cause })
    },
  )
  return ready
}

function loadBackend(): Promise<void> {
  if ((globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node !== undefined) return init('blst-native')
  return initHerumi().then(() => init('herumi'))
}

type HerumiEntry = { init(): Promise<void>; destroy(): void }

/**
 * Initialises `@chainsafe/bls/herumi` (bls-eth-wasm: fetches, compiles and instantiates its WebAssembly, sets up the
 * curve). The build removes that entry's top-level `await init()` (scripts/vite/herumiWasm.ts), so that the
 * light-client worker imports it with its first chunks without being held by it; on the dev server, where the
 * top-level await stays, this is the same promise. A failed init is reset (`destroy`), so a later call tries again.
 * @throws What the init threw (e.g. the `.wasm` not served).
 */
export async function initHerumi(load: () => Promise<HerumiEntry> = () => import('@chainsafe/bls/herumi')): Promise<void> {
  const herumi = await load()
  try {
    await herumi.init()
  } catch (cause) {
    herumi.destroy()
    throw cause
  }
}

// The light client's Web Worker entry. Its body and the herumi BLS backend are static imports, so the module loader
// fetches all of the worker's chunks in one round; the body starts BLS initialisation (the streamed .wasm, see
// scripts/vite/herumiWasm.ts) at once and awaits it only before the first signature check (docs/performance.md).
// `Buffer`, which its dependencies read at module load, is injected into each module by the build (vite.config.ts
// `worker`); the polyfill import keeps the dev server (unbundled, in import order) working.
import './polyfills.ts'
import '@chainsafe/bls/herumi'
import './lightClientWorkerMain.ts'

export type { LightClientWorkerApi } from './lightClientWorkerMain.ts'

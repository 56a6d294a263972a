// The light client's Web Worker entry. All static imports, so the module loader fetches the worker's chunks in one
// round. First the preboot module (when the page's preboot script created this worker, it requests config.json at
// once, to start the light client without waiting for the page: lightClientPreboot.ts), then the body and the herumi
// BLS backend, which the body starts initialising at once (the streamed .wasm, scripts/vite/herumiWasm.ts) and
// awaits only before the first signature check (docs/performance.md).
// `Buffer`, which the dependencies read at module load, is injected into each module by the build (vite.config.ts
// `worker`); the polyfill import keeps the dev server (unbundled, in import order) working.
import './lightClientPreboot.ts'
import './polyfills.ts'
import '@chainsafe/bls/herumi'
import './lightClientWorkerMain.ts'

export type { LightClientWorkerApi } from './lightClientWorkerMain.ts'

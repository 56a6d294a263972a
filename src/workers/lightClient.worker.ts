// The light client's Web Worker entry. Static imports, so the module loader fetches the worker's chunks in one round:
// - the early module, in a chunk of its own evaluated first: it starts compiling herumi's WebAssembly while the other
//   chunks are evaluated (lightClientEarly.ts);
// - the preboot module: when the page's preboot script created this worker, it requests config.json at once, to start
//   the light client without waiting for the page (lightClientPreboot.ts);
// - herumi's BLS entry, whose top-level `await init()` the build removes (scripts/vite/herumiWasm.ts): with it, the
//   whole entry chunk, body included, waited for the WebAssembly to be instantiated;
// - the body, which initialises BLS (src/consensus/bls.ts `ensureBls`) once a signature is to be checked
//   (docs/performance.md).
// `Buffer`, which the dependencies read at module load, is injected into each module by the build (vite.config.ts
// `worker`); the polyfill import keeps the dev server (unbundled, in import order) working.
import './lightClientEarly.ts'
import './lightClientPreboot.ts'
import './polyfills.ts'
import '@chainsafe/bls/herumi'
import './lightClientWorkerMain.ts'

export type { LightClientWorkerApi } from './lightClientWorkerMain.ts'

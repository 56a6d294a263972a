// The light client's Web Worker. Order matters (../shared/research/lc.md §2): the Buffer polyfill first, then
// everything else. The body is a dynamic import so that no shared chunk of the worker bundle (SSZ, Lodestar types,
// code split off for the lazily loaded execution verifiers) is evaluated before the polyfill.
import './polyfills.ts'

export type { LightClientWorkerApi } from './lightClientWorkerMain.ts'

// BLS (herumi WASM, the worker's largest chunk) starts loading now, alongside the body; the body's ensureBls() is the
// same memoised promise, awaited only before the first signature check (docs/performance.md).
void import('../consensus/bls.ts').then((m) => m.ensureBls()).catch(() => {})
await import('./lightClientWorkerMain.ts')

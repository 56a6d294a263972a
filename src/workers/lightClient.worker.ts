// The light client's Web Worker. Order matters (../shared/research/lc.md §2): the Buffer polyfill first, then
// everything else. The body is a dynamic import so that no shared chunk of the worker bundle (SSZ, Lodestar types,
// code split off for the lazily loaded execution verifiers) is evaluated before the polyfill.
import './polyfills.ts'

export type { LightClientWorkerApi } from './lightClientWorkerMain.ts'

await import('./lightClientWorkerMain.ts')

// The light client's Web Worker body (loaded by lightClient.worker.ts once the Buffer polyfill is installed):
// exposes LightClientService over comlink, then posts the "ready" message the main thread waits for. BLS (herumi
// WASM, compiling since the worker's first module) is initialised by `start` once a signature is to be checked
// (docs/performance.md).

import * as Comlink from 'comlink'
import { selectAsSha256Hasher } from '../consensus/sszHasher.ts'
import { prebootFromLocation } from './lightClientPreboot.ts'
import { LightClientService } from './lightClientService.ts'
import { forwardMarks, mark } from './perfMarks.ts'
import { registerErrorTransfer } from './transferErrors.ts'

mark('worker-eval')
// SSZ roots (sync committees, headers) with WASM SHA-256 rather than pure JS, before anything hashes.
selectAsSha256Hasher()
const service = new LightClientService()
const api = {
  start: service.start.bind(service),
  stop: service.stop.bind(service),
  forget: service.forget.bind(service),
  verifyFinalizedBlock: service.verifyFinalizedBlock.bind(service),
  verifyStateProof: service.verifyStateProof.bind(service),
}
export type LightClientWorkerApi = typeof api

registerErrorTransfer()
forwardMarks((m) => self.postMessage(m))
Comlink.expose(api)
self.postMessage({ type: 'lightbus-worker-ready' })
// Created by the preboot script (before the page's bundle): start the light client now and post its snapshots to the
// first view (src/firstView); the page's app attaches later.
void prebootFromLocation(service, (m) => self.postMessage(m))

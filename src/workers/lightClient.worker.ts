// The light client's Web Worker: exposes LightClientService over comlink.
// Order matters (../shared/research/lc.md §2): Buffer polyfill first, then BLS init, then expose,
// then the "ready" message the main thread waits for.
import './polyfills.ts'
import * as Comlink from 'comlink'
import { ensureBls } from '../consensus/bls.ts'
import { LightClientService } from './lightClientService.ts'
import { registerErrorTransfer } from './transferErrors.ts'

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
await ensureBls()
Comlink.expose(api)
self.postMessage({ type: 'lightbus-worker-ready' })

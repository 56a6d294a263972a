import '../../src/workers/polyfills.ts'
import * as Comlink from 'comlink'
import { ensureBls } from '../../src/consensus/bls.ts'
import { runOurs, runStock } from '../workload.ts'

const api = {
  run: (kind: 'ours' | 'stock', beaconUrl: string) => (kind === 'ours' ? runOurs(beaconUrl) : runStock(beaconUrl)),
}
export type BenchWorkerApi = typeof api
await ensureBls()
Comlink.expose(api)
self.postMessage('ready')

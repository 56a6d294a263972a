import '../../src/workers/polyfills.ts'
import * as Comlink from 'comlink'
import { ensureBls } from '../../src/consensus/bls.ts'
import { runOurs, runStock } from '../workload.ts'
import { coldOurs, coldSnarkjs, warm } from '../zkWorkload.ts'
import { zkBenchVectors } from './zkVectors.ts'

const api = {
  run: (kind: 'ours' | 'stock', beaconUrl: string) => (kind === 'ours' ? runOurs(beaconUrl) : runStock(beaconUrl)),
  /** Cold = first verify in this (fresh) worker, including WASM/curve initialisation. */
  zkCold: (which: 'ours' | 'snarkjs') => {
    const v = zkBenchVectors()[0]
    if (!v) throw new Error('no vectors')
    return which === 'ours' ? coldOurs(v) : coldSnarkjs(v)
  },
  zkWarm: (runs: number) => warm(zkBenchVectors(), runs),
}
export type BenchWorkerApi = typeof api
await ensureBls()
Comlink.expose(api)
self.postMessage('ready')

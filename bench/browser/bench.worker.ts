import '../../src/workers/polyfills.ts'
import * as Comlink from 'comlink'
import block from '../../fixtures/mainnet-execution/block.json'
import proof from '../../fixtures/mainnet-execution/proof.json'
import { ensureBls } from '../../src/consensus/bls.ts'
import { benchKernels } from '../kernelsWorkload.ts'
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
  kernels: () => benchKernels(proof, block.stateRoot),
}
export type BenchWorkerApi = typeof api
await ensureBls()
Comlink.expose(api)
self.postMessage('ready')

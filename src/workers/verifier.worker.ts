// A proof-verifier worker (one of the pool's): Groth16 on mcl-wasm, initialised once per worker.
import * as Comlink from 'comlink'
import { createMclBackend } from '../verify/groth16/mclBackend.ts'
import type { ZkFamily } from '../verify/zk/types.ts'
import { verifyZkProof } from '../verify/zk/verifyZkProof.ts'
import { registerErrorTransfer } from './transferErrors.ts'

const backend = createMclBackend()
const api = {
  async verifyZkProof(family: ZkFamily, json: unknown) {
    return verifyZkProof(await backend, family, json)
  },
}
export type VerifierWorkerApi = typeof api

registerErrorTransfer()
Comlink.expose(api)
self.postMessage({ type: 'lightbus-worker-ready' })

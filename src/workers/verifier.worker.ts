// A proof-verifier worker (one of the pool's): Groth16 on mcl-wasm, initialised once per worker, and
// Lightbus STARK receipts of the zkVM (pure TypeScript, no initialisation).
import * as Comlink from 'comlink'
import { verifyReceiptText } from '../prover/zkvm/receiptReport.ts'
import { createMclBackend } from '../verify/groth16/mclBackend.ts'
import type { ZkFamily } from '../verify/zk/types.ts'
import { verifyZkProof } from '../verify/zk/verifyZkProof.ts'
import { registerErrorTransfer } from './transferErrors.ts'

const backend = createMclBackend()
const api = {
  async verifyZkProof(family: ZkFamily, json: unknown) {
    return verifyZkProof(await backend, family, json)
  },
  /**
   * Parses and verifies a composite receipt given as JSON text; `onSegment` (a Comlink.proxy) hears after
   * each segment proof verified.
   */
  verifyReceipt(text: string, onSegment?: (index: number, segments: number, ms: number) => void) {
    return verifyReceiptText(text, onSegment ? (i, n, ms) => void onSegment(i, n, ms) : undefined)
  },
}
export type VerifierWorkerApi = typeof api

registerErrorTransfer()
Comlink.expose(api)
self.postMessage({ type: 'lightbus-worker-ready' })

// Loads the benchmark vectors (Node only; the browser bench receives them from the page).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ZkVector } from './zkWorkload.ts'

const ZK = join(import.meta.dirname, '../fixtures/zk')
const read = (p: string) => JSON.parse(readFileSync(join(ZK, p), 'utf8'))

export const zkBenchVectors = (): ZkVector[] => [
  { name: 'Telepathy step (1 input)', family: 'telepathy-step', json: read('telepathy/slot6000991.json'), vkey: read('telepathy/vkey_StepVerifier.json') },
  {
    name: 'Telepathy rotate (65 inputs)',
    family: 'telepathy-rotate',
    json: read('telepathy/slot6000991.json'),
    vkey: read('telepathy/vkey_RotateVerifier.json'),
  },
  { name: 'RISC Zero receipt v3.0 (5 inputs)', family: 'risc0', json: read('risc0/TestReceiptV3_0.json'), vkey: read('risc0/vkey_risc0_groth16.json') },
  { name: 'SP1 v4.0.0-rc.3 (2 inputs)', family: 'sp1', json: read('sp1/test_groth16_v4.0.0-rc.3.json'), vkey: read('sp1/vkey_groth16_v4.0.0-rc.3.json') },
  {
    name: 'SP1-Helios v2.0.0 (2 inputs)',
    family: 'sp1-helios',
    json: read('sp1-helios/sepolia_v2.0.0_contracts_proof_bin.json'),
    vkey: read('sp1/vkey_groth16_v2.0.0.json'),
  },
]

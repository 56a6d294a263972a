// The same vectors as ../zkVectors.ts, bundled by Vite for the browser bench.

import risc0 from '../../fixtures/zk/risc0/TestReceiptV3_0.json'
import risc0Vkey from '../../fixtures/zk/risc0/vkey_risc0_groth16.json'
import sp1 from '../../fixtures/zk/sp1/test_groth16_v4.0.0-rc.3.json'
import sp1Vkey2 from '../../fixtures/zk/sp1/vkey_groth16_v2.0.0.json'
import sp1Vkey4 from '../../fixtures/zk/sp1/vkey_groth16_v4.0.0-rc.3.json'
import helios from '../../fixtures/zk/sp1-helios/sepolia_v2.0.0_contracts_proof_bin.json'
import tele from '../../fixtures/zk/telepathy/slot6000991.json'
import rotateVkey from '../../fixtures/zk/telepathy/vkey_RotateVerifier.json'
import stepVkey from '../../fixtures/zk/telepathy/vkey_StepVerifier.json'
import type { ZkVector } from '../zkWorkload.ts'

export const zkBenchVectors = (): ZkVector[] => [
  { name: 'Telepathy step (1 input)', family: 'telepathy-step', json: tele, vkey: stepVkey },
  { name: 'Telepathy rotate (65 inputs)', family: 'telepathy-rotate', json: tele, vkey: rotateVkey },
  { name: 'RISC Zero receipt v3.0 (5 inputs)', family: 'risc0', json: risc0, vkey: risc0Vkey },
  { name: 'SP1 v4.0.0-rc.3 (2 inputs)', family: 'sp1', json: sp1, vkey: sp1Vkey4 },
  { name: 'SP1-Helios v2.0.0 (2 inputs)', family: 'sp1-helios', json: helios, vkey: sp1Vkey2 },
]

// Real proof vectors of fixtures/zk (see fixtures/PROVENANCE.md), by family.

import type { ZkFamily } from '../verify/zk/types.ts'
import { readFixture } from './fixtures.ts'

export type Vector = { name: string; family: ZkFamily; json: any }

export const TELEPATHY_FILES = ['periodBoundaryEarlySlot', 'periodBoundaryLateSlot', 'slot6000991', 'slot6001055']

export const groth16Vectors = (): Vector[] => [
  ...TELEPATHY_FILES.flatMap((f) => [
    { name: `telepathy/${f} step`, family: 'telepathy-step' as const, json: readFixture(`zk/telepathy/${f}.json`) },
    { name: `telepathy/${f} rotate`, family: 'telepathy-rotate' as const, json: readFixture(`zk/telepathy/${f}.json`) },
  ]),
  { name: 'risc0/TestReceiptV2_0', family: 'risc0', json: readFixture('zk/risc0/TestReceiptV2_0.json') },
  { name: 'risc0/TestReceiptV3_0', family: 'risc0', json: readFixture('zk/risc0/TestReceiptV3_0.json') },
  { name: 'sp1/test_groth16_v4.0.0-rc.3', family: 'sp1', json: readFixture('zk/sp1/test_groth16_v4.0.0-rc.3.json') },
  { name: 'sp1-helios/sepolia_v2.0.0', family: 'sp1-helios', json: readFixture('zk/sp1-helios/sepolia_v2.0.0_contracts_proof_bin.json') },
]

export const plonkVectors = () => [readFixture('zk/sp1/test_plonk_v4.0.0-rc.3.json'), readFixture('zk/sp1/test_plonk_v6.0.0.json')]

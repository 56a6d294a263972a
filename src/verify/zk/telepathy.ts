import { MalformedInputError } from '../../errors/base.ts'
import { ClaimRejectedError, InvalidPublicInputError } from '../../errors/zk.ts'
import { sha256Wasm as sha256 } from '../../kernels/kernels.ts'
import { parseSnarkjsProof, parseVerifyingKey } from '../groth16/types.ts'
import { concatBytes, hexBytes, leBytes, leToBig, MASK_253, parseInteger, toHex } from './bytes.ts'
import optimizedRotateKey from './keys/telepathy_OptimizedRotateVerifier.json'
import rotateKey from './keys/telepathy_RotateVerifier.json'
import stepKey from './keys/telepathy_StepVerifier.json'
import type { Groth16Check, TelepathyCommittee, ZkClaim } from './types.ts'

/**
 * Succinct Telepathy zk light client (Ethereum mainnet 2023). Public inputs as `LightClient.sol` derives
 * them: succinctlabs/telepathy-contracts `src/lightclient/LightClient.sol` (`step`, `rotate`).
 */
const STEP_VK = parseVerifyingKey(stepKey, 'telepathy-step')
const ROTATE_VK = parseVerifyingKey(rotateKey, 'telepathy-rotate')
const OPTIMIZED_ROTATE_VK = parseVerifyingKey(optimizedRotateKey, 'telepathy-optimized-rotate')
const SLOTS_PER_PERIOD = 8192n

/**
 * Telepathy's own light-client thresholds (succinctlabs/telepathy-contracts `src/lightclient/LightClient.sol` at
 * 2f2200f971c78eb79b4ed42c917549c886190e03): `processStep` reverts below `MIN_SYNC_COMMITTEE_PARTICIPANTS` (10);
 * `step` reverts and `rotate` stores no committee unless `participation > FINALITY_THRESHOLD`. The threshold is a
 * constructor argument; 350 of 512 is the value of the repository's own tests (`test/lightclient/LightClient.t.sol`),
 * stricter than the 2/3 (> 341) of the contract's earlier versions.
 */
export const TELEPATHY_MIN_SYNC_COMMITTEE_PARTICIPANTS = 10
export const TELEPATHY_FINALITY_THRESHOLD = 350
export const TELEPATHY_SYNC_COMMITTEE_SIZE = 512

/** 32-byte little-endian encoding (the contract's `toLittleEndian(uint256)`). */
const le32 = (n: bigint) => leBytes(n, 32)

export type TelepathyStep = {
  attestedSlot: bigint
  finalizedSlot: bigint
  participation: bigint
  finalizedHeaderRoot: Uint8Array
  executionStateRoot: Uint8Array
}

/**
 * `step` public input: a SHA-256 chain over LE32(attestedSlot), LE32(finalizedSlot), finalizedHeaderRoot,
 * LE32(participation), executionStateRoot, LE32(syncCommitteePoseidon), read little-endian, & (2^253 − 1).
 */
export function telepathyStepInput(s: TelepathyStep, syncCommitteePoseidon: bigint): bigint {
  let h = sha256(concatBytes(le32(s.attestedSlot), le32(s.finalizedSlot)))
  h = sha256(concatBytes(h, s.finalizedHeaderRoot))
  h = sha256(concatBytes(h, le32(s.participation)))
  h = sha256(concatBytes(h, s.executionStateRoot))
  h = sha256(concatBytes(h, le32(syncCommitteePoseidon)))
  return leToBig(h) & MASK_253
}

/** `rotate` public inputs (65): the 32 bytes of the SSZ committee root, the Poseidon commitment, the 32 bytes of the finalized header root. */
export const telepathyRotateInputs = (syncCommitteeSsz: Uint8Array, poseidon: bigint, finalizedHeaderRoot: Uint8Array) => [
  ...Array.from(syncCommitteeSsz, BigInt),
  poseidon,
  ...Array.from(finalizedHeaderRoot, BigInt),
]

/** `optimizedRotate` public input: LE(sha256(finalizedHeaderRoot ‖ syncCommitteeSSZ ‖ LE32(poseidon))) & (2^253 − 1). */
export const telepathyOptimizedRotateInput = (syncCommitteeSsz: Uint8Array, poseidon: bigint, finalizedHeaderRoot: Uint8Array) =>
  leToBig(sha256(concatBytes(finalizedHeaderRoot, syncCommitteeSsz, le32(poseidon)))) & MASK_253

type Fixture = {
  initial?: Record<string, unknown>
  step?: Record<string, unknown>
  rotate?: Record<string, unknown>
  optimizedRotate?: Record<string, unknown>
}

function readStep(f: Fixture): { step: TelepathyStep; poseidon: bigint } {
  const s = f.step
  if (!s) throw new MalformedInputError({ what: 'Telepathy fixture', details: 'no step' })
  const step: TelepathyStep = {
    attestedSlot: parseInteger(s.attestedSlot, 'step.attestedSlot'),
    finalizedSlot: parseInteger(s.finalizedSlot, 'step.finalizedSlot'),
    participation: parseInteger(s.participation, 'step.participation'),
    finalizedHeaderRoot: hexBytes(s.finalizedHeaderRoot, 'step.finalizedHeaderRoot', 32),
    executionStateRoot: hexBytes(s.executionStateRoot, 'step.executionStateRoot', 32),
  }
  // The contract reads the attested period's Poseidon commitment from its own storage; here it comes with the data.
  const period = step.attestedSlot / SLOTS_PER_PERIOD
  const poseidonText =
    s.syncCommitteePoseidon ??
    (f.initial && parseInteger(f.initial.syncCommitteePeriod, 'initial.syncCommitteePeriod') === period ? f.initial.syncCommitteePoseidon : undefined)
  if (poseidonText === undefined)
    throw new MalformedInputError({ what: 'Telepathy step', details: `no sync-committee Poseidon commitment for period ${period}` })
  if (step.participation < BigInt(TELEPATHY_MIN_SYNC_COMMITTEE_PARTICIPANTS) || step.participation > BigInt(TELEPATHY_SYNC_COMMITTEE_SIZE)) {
    throw new ClaimRejectedError({
      reason: `participation ${step.participation} is outside [${TELEPATHY_MIN_SYNC_COMMITTEE_PARTICIPANTS}, ${TELEPATHY_SYNC_COMMITTEE_SIZE}] (Telepathy LightClient.processStep reverts)`,
    })
  }
  return { step, poseidon: parseInteger(poseidonText, 'syncCommitteePoseidon') }
}

function committeeOf(step: TelepathyStep, poseidon: bigint): TelepathyCommittee {
  return {
    period: Number(step.attestedSlot / SLOTS_PER_PERIOD),
    syncCommitteePoseidon: poseidon.toString(),
    participation: Number(step.participation),
    meetsFinalityThreshold: step.participation > BigInt(TELEPATHY_FINALITY_THRESHOLD),
  }
}

/** Whether the fixture's `step` embeds a step proof (any of `a`, `b`, `c`; a partial one is malformed, not absent). */
const embedsStepProof = (s: Record<string, unknown>) => 'a' in s || 'b' in s || 'c' in s

/** The step proof's check, after the fixture's own `inputs` (when given) agree with the derived input. */
function stepCheck(f: Fixture, step: TelepathyStep, poseidon: bigint, label: string): Groth16Check {
  const input = telepathyStepInput(step, poseidon)
  const given = (f.step as { inputs?: unknown[] }).inputs
  if (Array.isArray(given) && given.length > 0 && parseInteger(given[0], 'step.inputs[0]') !== input) {
    throw new InvalidPublicInputError({ reason: 'the fixture’s step input disagrees with the one derived from its data' })
  }
  return { label, vk: STEP_VK, publicInputs: [input], proof: parseSnarkjsProof(f.step) }
}

/**
 * A Telepathy step verified on its own (the CLI: no feed of verified rotates to chain its committee from) is
 * `proof-only`: its sync-committee commitment comes from the proof file. Other claims are returned unchanged. Pure.
 */
export function withoutCommitteeChain(claim: ZkClaim): ZkClaim {
  if (claim.family !== 'telepathy-step' || claim.kind !== 'zkpos' || !claim.committee) return claim
  const notProven = `period ${claim.committee.period}'s sync-committee commitment comes from the proof file, and no verified rotate proof chains it here`
  return { ...claim, kind: 'proof-only', notProven, statement: `proof valid, committee not chained (${notProven}): ${claim.statement}` }
}

/**
 * Decodes a Telepathy fixture (`{ initial, step, rotate[, optimizedRotate] }`, telepathy-contracts
 * test format) into the claim of one of its proofs, with public inputs derived from the application data.
 *
 * A rotate proof's public inputs bind only the next committee (SSZ root, Poseidon commitment) to a finalized
 * header root: the finalized slot — hence the period the commitment is for — and the participation come from the
 * step. As `LightClient.rotate` does (telepathy-contracts `src/lightclient/LightClient.sol` at
 * 2f2200f971c78eb79b4ed42c917549c886190e03: `processStep(update.step)` verifies the step proof, and
 * `zkLightClientRotate` takes the header root from that same `update.step`), a rotate claim carries the embedded
 * step proof as a second check over the same `step.finalizedHeaderRoot`; only then are its period, participation
 * and threshold facts and its `committee` given. A rotate file without a step proof is `proof-only` ("proof valid,
 * period not proven"): no committee, no finalized slot, never used for chaining.
 * @throws {MalformedInputError} For missing or malformed fields.
 * @throws {InvalidPublicInputError} When the fixture's own `inputs` disagree with the derived ones, or a rotate
 *   names a finalized header root other than its step's.
 */
export function decodeTelepathy(json: unknown, which: 'step' | 'rotate' | 'optimized-rotate'): ZkClaim {
  const f = json as Fixture | null
  if (!f || typeof f !== 'object' || Array.isArray(f)) throw new MalformedInputError({ what: 'Telepathy fixture', details: 'expected an object' })
  if (!f.step || typeof f.step !== 'object' || Array.isArray(f.step)) throw new MalformedInputError({ what: 'Telepathy fixture', details: 'no step object' })
  if (which === 'step') {
    const { step, poseidon } = readStep(f)
    return {
      family: 'telepathy-step',
      kind: 'zkpos',
      statement: `Telepathy step: ${step.participation}/512 of period ${step.attestedSlot / SLOTS_PER_PERIOD}'s sync committee (Poseidon commitment from the proof file) signed slot ${step.attestedSlot}, finalizing slot ${step.finalizedSlot}`,
      system: 'groth16',
      programId: 'Telepathy StepVerifier',
      version: 'mainnet 2023',
      checks: [stepCheck(f, step, poseidon, 'step')],
      facts: {
        attestedSlot: Number(step.attestedSlot),
        finalizedSlot: Number(step.finalizedSlot),
        finalizedHeaderRoot: toHex(step.finalizedHeaderRoot),
        executionStateRoot: toHex(step.executionStateRoot),
        participation: Number(step.participation),
        syncCommitteePoseidon: poseidon.toString(),
      },
      committee: committeeOf(step, poseidon),
    }
  }
  const r = which === 'rotate' ? f.rotate : f.optimizedRotate
  if (!r || typeof r !== 'object' || Array.isArray(r)) throw new MalformedInputError({ what: 'Telepathy fixture', details: `no ${which} proof` })
  const ssz = hexBytes(r.syncCommitteeSSZ, `${which}.syncCommitteeSSZ`, 32)
  const nextPoseidon = parseInteger(r.syncCommitteePoseidon, `${which}.syncCommitteePoseidon`)
  // The rotate's header root is its step's (`update.step.finalizedHeaderRoot`): one field feeds both proofs' inputs.
  const headerRoot = hexBytes(f.step.finalizedHeaderRoot, 'step.finalizedHeaderRoot', 32)
  if (r.finalizedHeaderRoot !== undefined && toHex(hexBytes(r.finalizedHeaderRoot, `${which}.finalizedHeaderRoot`, 32)) !== toHex(headerRoot)) {
    throw new InvalidPublicInputError({ reason: `the ${which} proof names a finalized header root other than its step's` })
  }
  const rotateCheck: Groth16Check =
    which === 'rotate'
      ? { label: 'rotate', vk: ROTATE_VK, publicInputs: telepathyRotateInputs(ssz, nextPoseidon, headerRoot), proof: parseSnarkjsProof(r) }
      : {
          label: 'optimized rotate',
          vk: OPTIMIZED_ROTATE_VK,
          publicInputs: [telepathyOptimizedRotateInput(ssz, nextPoseidon, headerRoot)],
          proof: parseSnarkjsProof(r),
        }
  const base = {
    family: which === 'rotate' ? ('telepathy-rotate' as const) : ('telepathy-optimized-rotate' as const),
    system: 'groth16' as const,
    programId: which === 'rotate' ? 'Telepathy RotateVerifier' : 'Telepathy OptimizedRotateVerifier',
    version: 'mainnet 2023',
  }
  const committeeText = `the sync committee with SSZ root ${toHex(ssz)} has Poseidon commitment ${nextPoseidon}`
  if (!embedsStepProof(f.step)) {
    const notProven =
      'the file embeds no step proof of its finalized header, so the finalized slot (hence the period the commitment is for) and the participation are not proven'
    return {
      ...base,
      kind: 'proof-only',
      notProven,
      statement: `Telepathy ${which}: ${committeeText}, under finalized header ${toHex(headerRoot)}; period not proven (${notProven})`,
      checks: [rotateCheck],
      facts: { syncCommitteeSSZ: toHex(ssz), syncCommitteePoseidon: nextPoseidon.toString(), finalizedHeaderRoot: toHex(headerRoot) },
    }
  }
  const { step, poseidon } = readStep(f)
  // `rotate` stores the commitment for period(finalizedSlot) + 1, and only when the step is finalized.
  const nextPeriod = Number(step.finalizedSlot / SLOTS_PER_PERIOD) + 1
  return {
    ...base,
    kind: 'zkpos',
    statement: `Telepathy ${which}: ${committeeText} (period ${nextPeriod}), under finalized header ${toHex(headerRoot)} of slot ${step.finalizedSlot}, which the embedded step proof shows ${step.participation}/512 of period ${step.attestedSlot / SLOTS_PER_PERIOD}'s sync committee (Poseidon commitment from the proof file) signed`,
    checks: [rotateCheck, stepCheck(f, step, poseidon, 'embedded step')],
    facts: {
      syncCommitteeSSZ: toHex(ssz),
      syncCommitteePoseidon: nextPoseidon.toString(),
      finalizedHeaderRoot: toHex(headerRoot),
      finalizedSlot: Number(step.finalizedSlot),
      attestedSlot: Number(step.attestedSlot),
      participation: Number(step.participation),
    },
    committee: { ...committeeOf(step, poseidon), next: { period: nextPeriod, syncCommitteePoseidon: nextPoseidon.toString(), syncCommitteeSSZ: toHex(ssz) } },
  }
}

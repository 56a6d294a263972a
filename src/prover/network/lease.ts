import { bytesToHex, concat, hexToBytes, keccak256, numberToHex } from 'viem'
import { MalformedLeaseError } from '../../errors/p2p.ts'
import { ProvingCancelledError } from '../../errors/zk.ts'
import type { ProverBackend } from '../backend/types.ts'
import type { OnPhase } from '../stark/prover.ts'
import type { VmState } from '../vm/executor.ts'
import { P } from '../vm/field.ts'
import { imageId as computeImageId } from '../vm/imageId.ts'
import { INSN_BYTES, MEM_WORDS, NUM_REGS, type Program } from '../vm/isa.ts'
import { MAX_SEGMENT_PO2, MIN_SEGMENT_PO2 } from '../vm/segments.ts'
import { inputDigest, proveSegmentFromCheckpoint } from '../zkvm/receipt.ts'
import { MAX_CODE_LENGTH } from '../zkvm/statement.ts'

/** Most input words a lease may carry (= the receipt parser's cap, 2^20). */
export const MAX_LEASE_INPUT = 1 << 20
/** Most journal words a lease's start state may carry (2^20). */
export const MAX_LEASE_JOURNAL = 1 << 20
/** Most segments a job may have (= the receipt parser's cap, 4096). */
export const MAX_LEASE_SEGMENTS = 4096

/**
 * The machine state a segment starts from: the executor's {@link VmState} as plain JSON. `regs`: 8
 * field elements; `memory`: 256 field elements; `journal`: the words written before this segment;
 * `cycle`: cycles executed before it (= index · 2^po2).
 */
export type LeaseStart = VmState

/**
 * One segment leased to one prover (docs/prover-network.md, "SegmentLease"). Plain JSON.
 * `code` is the program's code as bytes (8 per instruction, Program.code), `entry` its entry pc;
 * `imageId` = keccak-256(code ‖ entry as u32 LE) (src/prover/vm/imageId.ts) and is checked by
 * {@link parseLease}. `jobId` = {@link jobIdOf}. `deadlineMs` is unix milliseconds.
 */
export type SegmentLease = {
  leaseId: string
  coordinator: string
  jobId: `0x${string}`
  imageId: `0x${string}`
  code: number[]
  entry: number
  input: number[]
  po2: number
  index: number
  segments: number
  start: LeaseStart
  cycles: number
  deadlineMs: number
}

/**
 * A job's id: keccak-256(imageId (32 bytes) ‖ inputDigest (32 bytes) ‖ po2 (1 byte)), 0x-hex 32 bytes.
 * The same program, input and segment size give the same id on every coordinator.
 */
export function jobIdOf(imageId: `0x${string}`, input: readonly number[], po2: number): `0x${string}` {
  return jobIdOfDigest(imageId, inputDigest(input), po2)
}

/** {@link jobIdOf} from the input's digest (keccak-256 of the words as u32 LE), e.g. a verified receipt's `inputDigest`. */
export function jobIdOfDigest(imageId: `0x${string}`, digest: `0x${string}`, po2: number): `0x${string}` {
  return keccak256(concat([imageId, digest, numberToHex(po2, { size: 1 })]))
}

/** The {@link Program} a lease proves. */
export function leaseProgram(lease: Pick<SegmentLease, 'code' | 'entry'>): Program {
  return { code: Uint8Array.from(lease.code), entry: lease.entry }
}

/**
 * Proves a lease: re-executes 2^po2 rows from `lease.start` and proves them (proveSegmentFromCheckpoint)
 * with `backend` (default: WASM). `onPhase` receives the prover's own phases (src/prover/stark/prover.ts
 * PROVE_PHASES, then 'done'). `signal` is checked before proving and at every phase boundary; once aborted
 * the proof stops there (a phase in progress runs to its end).
 * @returns the encoded STARK proof (docs/zkvm-stark.md "Proof layout").
 * @throws {MalformedLeaseError} if the image id does not match the code; {@link ProvingCancelledError} once `signal` aborted; the VM's and prover's errors.
 */
export async function proveLease(
  lease: SegmentLease,
  backend?: ProverBackend,
  { onPhase, signal }: { onPhase?: OnPhase; signal?: AbortSignal } = {},
): Promise<Uint8Array> {
  const program = leaseProgram(lease)
  if (computeImageId(program) !== lease.imageId.toLowerCase()) throw new MalformedLeaseError({ reason: 'imageId is not keccak-256(code ‖ entry)' })
  const check = () => {
    if (signal?.aborted) throw new ProvingCancelledError()
  }
  check()
  const phases: OnPhase = (phase, done, total) => {
    check()
    onPhase?.(phase, done, total)
  }
  // `await` works whether proveSegmentFromCheckpoint returns a receipt or a promise of one.
  const receipt = await proveSegmentFromCheckpoint(program, lease.input, lease.po2, lease.index, structuredClone(lease.start), backend, { onPhase: phases })
  check()
  return hexToBytes(receipt.proof)
}

const fail = (reason: string): never => {
  throw new MalformedLeaseError({ reason })
}
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isUint = (v: unknown, max = Number.MAX_SAFE_INTEGER): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max
const hex32 = /^0x[0-9a-fA-F]{64}$/

function words(v: unknown, what: string, max: number, bound: number, exact?: number): number[] {
  if (!Array.isArray(v)) return fail(`${what} is not an array`)
  if (v.length > max) fail(`${what} has ${v.length} entries; at most ${max}`)
  if (exact !== undefined && v.length !== exact) fail(`${what} has ${v.length} entries, not ${exact}`)
  for (const w of v) if (!isUint(w, bound - 1)) fail(`${what} holds ${String(w).slice(0, 20)}, not an integer in [0, ${bound})`)
  return v as number[]
}

function parseStart(v: unknown, po2: number): LeaseStart {
  if (!isObj(v)) return fail('start is not an object')
  const regs = words(v.regs, 'start.regs', NUM_REGS, P, NUM_REGS)
  const memory = words(v.memory, 'start.memory', MEM_WORDS, P, MEM_WORDS)
  const journal = words(v.journal, 'start.journal', MAX_LEASE_JOURNAL, P)
  if (!isUint(v.pc, MAX_CODE_LENGTH)) fail('start.pc is not a pc')
  if (!isUint(v.inputPos, MAX_LEASE_INPUT)) fail('start.inputPos is out of range')
  if (!isUint(v.cycle)) fail('start.cycle is not a count')
  if (typeof v.halted !== 'boolean') fail('start.halted is not a boolean')
  if (!(v.exitCode === null || isUint(v.exitCode, P - 1))) fail('start.exitCode is neither null nor a field element')
  if ((v.cycle as number) % 2 ** po2 !== 0) fail('start.cycle is not a multiple of the segment size')
  return {
    pc: v.pc as number,
    regs: [...regs],
    memory: [...memory],
    inputPos: v.inputPos as number,
    journal: [...journal],
    halted: v.halted as boolean,
    exitCode: v.exitCode as number | null,
    cycle: v.cycle as number,
  }
}

/**
 * Strictly validates a lease received as JSON: every field present and typed, hex ids of 32 bytes,
 * code a whole number of 8-byte instructions (at most 4096), po2 in [10, 16], index < segments ≤ 4096,
 * words field elements, and imageId = keccak-256(code ‖ entry). Returns a fresh copy.
 * @throws {MalformedLeaseError}
 */
export function parseLease(json: unknown): SegmentLease {
  if (!isObj(json)) return fail('not an object')
  const j = json
  for (const k of ['leaseId', 'coordinator'] as const)
    if (typeof j[k] !== 'string' || (j[k] as string).length === 0 || (j[k] as string).length > 128) fail(`${k} is not a string of 1..128 characters`)
  for (const k of ['jobId', 'imageId'] as const) if (typeof j[k] !== 'string' || !hex32.test(j[k] as string)) fail(`${k} is not 32 bytes of 0x-hex`)
  const code = words(j.code, 'code', MAX_CODE_LENGTH * INSN_BYTES, 256)
  if (code.length === 0 || code.length % INSN_BYTES !== 0) fail(`code is ${code.length} bytes, not a positive multiple of ${INSN_BYTES}`)
  if (!isUint(j.entry, code.length / INSN_BYTES - 1)) fail('entry is outside the code')
  const input = words(j.input, 'input', MAX_LEASE_INPUT, P)
  if (!isUint(j.po2) || (j.po2 as number) < MIN_SEGMENT_PO2 || (j.po2 as number) > MAX_SEGMENT_PO2)
    fail(`po2 is not an integer in [${MIN_SEGMENT_PO2}, ${MAX_SEGMENT_PO2}]`)
  const po2 = j.po2 as number
  if (!isUint(j.segments, MAX_LEASE_SEGMENTS) || (j.segments as number) < 1) fail(`segments is not in [1, ${MAX_LEASE_SEGMENTS}]`)
  if (!isUint(j.index, (j.segments as number) - 1)) fail('index is not below segments')
  if (!isUint(j.cycles, 2 ** po2) || (j.cycles as number) < 1) fail('cycles is not in [1, 2^po2]')
  if (!isUint(j.deadlineMs)) fail('deadlineMs is not a unix time in ms')
  const start = parseStart(j.start, po2)
  const lease: SegmentLease = {
    leaseId: j.leaseId as string,
    coordinator: j.coordinator as string,
    jobId: (j.jobId as string).toLowerCase() as `0x${string}`,
    imageId: (j.imageId as string).toLowerCase() as `0x${string}`,
    code: [...code],
    entry: j.entry as number,
    input: [...input],
    po2,
    index: j.index as number,
    segments: j.segments as number,
    start,
    cycles: j.cycles as number,
    deadlineMs: j.deadlineMs as number,
  }
  let id: string
  try {
    id = computeImageId(leaseProgram(lease))
  } catch (e) {
    throw new MalformedLeaseError({ reason: `code: ${(e as Error).message}` })
  }
  if (id !== lease.imageId) fail('imageId is not keccak-256(code ‖ entry)')
  return lease
}

/** The lease's code as 0x-hex (for logs and receipts). */
export function leaseCodeHex(lease: Pick<SegmentLease, 'code'>): `0x${string}` {
  return bytesToHex(Uint8Array.from(lease.code))
}

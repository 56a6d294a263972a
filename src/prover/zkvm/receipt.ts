import { bytesToHex, hexToBytes, keccak256 } from 'viem'
import type { ProverBackend } from '../backend/types.ts'
import { encodeStarkProof } from '../stark/encoding.ts'
import type { OnPhase, ProvePhase } from '../stark/prover.ts'
import type { VmState } from '../vm/executor.ts'
import { execute } from '../vm/executor.ts'
import { imageId } from '../vm/imageId.ts'
import { decodeProgram, type Program } from '../vm/isa.ts'
import { cutSegments, executeSegment, type Segment } from '../vm/segments.ts'
import { proveSegment, SEGMENT_PARAMS } from './segmentProof.ts'
import type { SegmentState, SegmentStatement } from './statement.ts'

/**
 * A composite receipt: "program P (image id) on input X (digest) halted with exit code E and
 * journal J after C cycles", proven as the ordered list of its segments' STARK proofs
 * (docs/zkvm-air.md, "Receipt"). Byte strings are 0x-hex; words are numbers in [0, p).
 */
export type SegmentReceipt = {
  readonly index: number
  readonly start: ReceiptState
  readonly end: ReceiptState & { readonly halted: boolean; readonly exitCode: number; readonly cycles: number }
  readonly romMultiplicities: readonly number[]
  readonly byteMultiplicities: readonly number[]
  readonly lastAccess: readonly number[]
  /** The STARK proof, docs/zkvm-stark.md "Proof layout". */
  readonly proof: `0x${string}`
}

export type ReceiptState = {
  readonly pc: number
  readonly regs: readonly number[]
  /** 256 words, each u32 little-endian: 1024 bytes. */
  readonly memory: `0x${string}`
  readonly inputPos: number
  readonly journalLength: number
}

export type Receipt = {
  readonly version: 1
  readonly system: 'lightbus-stark'
  readonly imageId: `0x${string}`
  readonly program: { readonly code: `0x${string}`; readonly entry: number }
  readonly input: readonly number[]
  readonly inputDigest: `0x${string}`
  readonly journal: readonly number[]
  readonly exitCode: number
  readonly cycles: number
  readonly segmentPo2: number
  readonly params: { readonly logBlowup: number; readonly numQueries: number; readonly powBits: number; readonly finalPolyLogDegree: number }
  readonly segments: readonly SegmentReceipt[]
}

/** keccak-256 of the input words, each as u32 little-endian. */
export function inputDigest(input: readonly number[]): `0x${string}` {
  const bytes = new Uint8Array(4 * input.length)
  const view = new DataView(bytes.buffer)
  input.forEach((w, i) => {
    view.setUint32(4 * i, w, true)
  })
  return keccak256(bytes)
}

/** 256 words → 1024 bytes hex (u32 LE). */
export function encodeMemory(words: readonly number[]): `0x${string}` {
  const bytes = new Uint8Array(4 * words.length)
  const view = new DataView(bytes.buffer)
  words.forEach((w, i) => {
    view.setUint32(4 * i, w, true)
  })
  return bytesToHex(bytes)
}

function receiptState(s: SegmentState): ReceiptState {
  return { pc: s.pc, regs: [...s.regs], memory: encodeMemory(s.memory), inputPos: s.inputPos, journalLength: s.journalLength }
}

/** The receipt entry of one proven segment. */
export function segmentReceipt(statement: SegmentStatement, proof: Uint8Array): SegmentReceipt {
  const e = statement.end
  return {
    index: statement.index,
    start: receiptState(statement.start),
    end: { ...receiptState(e), halted: e.halted, exitCode: e.exitCode, cycles: e.cycles },
    romMultiplicities: [...statement.romMultiplicities],
    byteMultiplicities: [...statement.byteMultiplicities],
    lastAccess: [...statement.lastAccess],
    proof: bytesToHex(proof),
  }
}

/** Progress of {@link proveReceipt}: after execution (`proven` 0) and after each segment. */
export type ProveProgress = {
  readonly segments: number
  readonly proven: number
  readonly index: number | null
  readonly cycles: number
  readonly elapsedMs: number
}

/** Identifiers a segment proof binds: image id and input digest as 32 bytes. */
export function statementIds(program: Program, input: readonly number[]): { imageId: Uint8Array; inputDigest: Uint8Array } {
  return { imageId: hexToBytes(imageId(program)), inputDigest: hexToBytes(inputDigest(input)) }
}

/**
 * Proves one segment on its own from the execution's checkpoint at its start (what a prover on the
 * network receives): re-executes 2^po2 rows from `start` and proves them.
 * @throws {VmFaultError} {@link InvalidSegmentSizeError} {@link InvalidProverInputError}
 */
export async function proveSegmentFromCheckpoint(
  program: Program,
  input: readonly number[],
  po2: number,
  index: number,
  start: VmState,
  backend?: ProverBackend,
  options: { onPhase?: OnPhase } = {},
): Promise<SegmentReceipt> {
  const { rows, end } = executeSegment(program, start, input, po2)
  const segment: Segment = { index, po2, start, end, rows, journal: end.journal }
  const { statement, proof } = await proveSegment(segment, decodeProgram(program), input, statementIds(program, input), { backend, onPhase: options.onPhase })
  return segmentReceipt(statement, encodeStarkProof(proof))
}

/**
 * Executes `program` on `input`, cuts the trace into segments of 2^po2 rows and proves each one.
 * @throws {VmFaultError} {@link CycleLimitExceededError} {@link InvalidSegmentSizeError} {@link MalformedInputError}
 */
export async function proveReceipt(
  program: Program,
  input: readonly number[],
  po2: number,
  options: {
    backend?: ProverBackend
    onProgress?: (p: ProveProgress) => void
    /** Progress within each segment's proof (phase, phases done, phases in all); `segment` is its index. */
    onPhase?: (phase: ProvePhase, done: number, total: number, segment: number) => void
    maxCycles?: number
  } = {},
): Promise<Receipt> {
  const t0 = Date.now()
  const exec = execute(program, input, { maxCycles: options.maxCycles })
  const segments = cutSegments(exec, po2)
  const code = decodeProgram(program)
  const ids = statementIds(program, input)
  const report = (proven: number, index: number | null) =>
    options.onProgress?.({ segments: segments.length, proven, index, cycles: exec.cycles, elapsedMs: Date.now() - t0 })
  report(0, null)
  const proven: SegmentReceipt[] = []
  for (const [i, s] of segments.entries()) {
    const onPhase = options.onPhase
    const { statement, proof } = await proveSegment(s, code, input, ids, {
      backend: options.backend,
      onPhase: onPhase && ((phase, done, total) => onPhase(phase, done, total, s.index)),
    })
    proven.push(segmentReceipt(statement, encodeStarkProof(proof)))
    report(i + 1, s.index)
  }
  return assembleReceipt(program, input, po2, exec.journal, exec.exitCode, exec.cycles, proven)
}

/** The receipt object around proven segments (in order). */
export function assembleReceipt(
  program: Program,
  input: readonly number[],
  po2: number,
  journal: readonly number[],
  exitCode: number,
  cycles: number,
  segments: readonly SegmentReceipt[],
): Receipt {
  const p = SEGMENT_PARAMS
  return {
    version: 1,
    system: 'lightbus-stark',
    imageId: imageId(program),
    program: { code: bytesToHex(program.code), entry: program.entry },
    input: [...input],
    inputDigest: inputDigest(input),
    journal: [...journal],
    exitCode,
    cycles,
    segmentPo2: po2,
    params: { logBlowup: p.logBlowup, numQueries: p.numQueries, powBits: p.powBits, finalPolyLogDegree: p.finalPolyLogDegree },
    segments: [...segments],
  }
}

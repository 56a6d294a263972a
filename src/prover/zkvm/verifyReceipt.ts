import { hexToBytes } from 'viem'
import { InvalidReceiptError, MalformedReceiptError } from '../../errors/prover.ts'
import { P } from '../field/babybear.ts'
import { decodeStarkProof } from '../stark/encoding.ts'
import { imageId as computeImageId } from '../vm/imageId.ts'
import { decodeProgram, MEM_WORDS } from '../vm/isa.ts'
import { MAX_SEGMENT_PO2, MIN_SEGMENT_PO2 } from '../vm/segments.ts'
import { inputDigest, type Receipt, type ReceiptState } from './receipt.ts'
import { SEGMENT_PARAMS, verifySegment } from './segmentProof.ts'
import type { SegmentStatement } from './statement.ts'

/** What a verified receipt proves. */
export type VerifiedReceipt = {
  readonly imageId: `0x${string}`
  readonly inputDigest: `0x${string}`
  readonly exitCode: number
  readonly journal: readonly number[]
  readonly segments: number
  readonly cycles: number
  readonly segmentPo2: number
}

function memoryWords(hex: `0x${string}`): number[] {
  const bytes = hexToBytes(hex)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return Array.from({ length: MEM_WORDS }, (_, i) => view.getUint32(4 * i, true))
}

function sameState(a: ReceiptState, b: ReceiptState): string | null {
  if (a.pc !== b.pc) return `pc ${b.pc} ≠ ${a.pc}`
  if (a.regs.some((r, j) => r !== b.regs[j])) return 'registers differ'
  if (a.memory !== b.memory) return 'memory differs'
  if (a.inputPos !== b.inputPos) return `input position ${b.inputPos} ≠ ${a.inputPos}`
  if (a.journalLength !== b.journalLength) return `journal length ${b.journalLength} ≠ ${a.journalLength}`
  return null
}

/**
 * Verifies a composite receipt (docs/zkvm-air.md, "Receipt"): image id = keccak-256(code ‖ entry);
 * input digest = keccak-256 of the input; Lightbus's parameters exactly (a receipt claiming fewer
 * queries or less grinding is rejected); segments numbered 0..N−1 in order, each of 2^segmentPo2 rows;
 * segment 0 starts at the program's initial state; each segment starts where the previous ended;
 * every segment but the last runs 2^k cycles without halting, the last halts; exit code, journal and
 * cycle count equal what the segments prove; and every segment's STARK proof verifies against its
 * statement (the input words it read and journal words it wrote are taken from the receipt's input
 * and journal). Segment proofs are checked last, after every cheap check.
 * @param onSegment called after each segment proof is verified (for progress).
 * @throws {MalformedReceiptError} {@link InvalidReceiptError}, or the STARK's errors
 * ({@link InvalidStarkProofError}, {@link MalformedStarkProofError}, {@link InvalidMerkleOpeningError},
 * {@link InvalidFriProofError}, {@link InvalidProofOfWorkError}).
 */
export function verifyReceipt(r: Receipt, onSegment?: (index: number) => void): VerifiedReceipt {
  const fail = (reason: string, segment?: number): never => {
    throw new InvalidReceiptError({ reason, segment })
  }
  const p = SEGMENT_PARAMS
  const q = r.params
  if (q.logBlowup !== p.logBlowup || q.numQueries !== p.numQueries || q.powBits !== p.powBits || q.finalPolyLogDegree !== p.finalPolyLogDegree)
    fail(`parameters ${JSON.stringify(q)} are not Lightbus's (${p.logBlowup}, ${p.numQueries} queries, ${p.powBits} grinding bits, ${p.finalPolyLogDegree})`)
  const k = r.segmentPo2
  if (k < MIN_SEGMENT_PO2 || k > MAX_SEGMENT_PO2) fail(`segment size 2^${k} is outside 2^${MIN_SEGMENT_PO2}..2^${MAX_SEGMENT_PO2}`)
  const program = { code: hexToBytes(r.program.code), entry: r.program.entry }
  let code: ReturnType<typeof decodeProgram>
  try {
    code = decodeProgram(program)
  } catch (e) {
    throw new MalformedReceiptError({ reason: `program: ${(e as Error).message}` })
  }
  if (computeImageId(program) !== r.imageId) fail('the image id is not keccak-256 of the program code and entry')
  if (inputDigest(r.input) !== r.inputDigest) fail('the input digest is not keccak-256 of the input')
  const n = 2 ** k
  const zeroMemory = `0x${'0'.repeat(8 * MEM_WORDS)}`
  const initial: ReceiptState = { pc: program.entry, regs: Array(8).fill(0), memory: zeroMemory as `0x${string}`, inputPos: 0, journalLength: 0 }
  let cycles = 0
  // Each segment's start and end memory as words, decoded once (checked here, used by its statement).
  const memories = r.segments.map((s) => ({ start: memoryWords(s.start.memory), end: memoryWords(s.end.memory) }))
  r.segments.forEach((s, i) => {
    const mem = memories[i] as { start: number[]; end: number[] }
    if (!mem.start.every((w) => w < P) || !mem.end.every((w) => w < P))
      throw new MalformedReceiptError({ reason: `segment ${i}: a memory word is not a field element` })
    if (s.index !== i) fail(`segment ${s.index} is at position ${i}`, i)
    const diff = sameState(i === 0 ? initial : (r.segments[i - 1] as Receipt['segments'][number]).end, s.start)
    if (diff) fail(`it does not start where ${i === 0 ? 'the program starts' : `segment ${i - 1} ended`}: ${diff}`, i)
    const last = i === r.segments.length - 1
    if (!last && (s.end.halted || s.end.cycles !== n)) fail(`a segment before the last must run ${n} cycles without halting`, i)
    if (last && !s.end.halted) fail('the last segment does not halt', i)
    if (!s.end.halted && s.end.exitCode !== 0) fail('an exit code without halting', i)
    if (s.end.inputPos < s.start.inputPos || s.end.inputPos > r.input.length) fail('its input position is outside the input', i)
    if (s.end.journalLength < s.start.journalLength || s.end.journalLength > r.journal.length) fail('its journal position is outside the journal', i)
    if (s.romMultiplicities.length !== code.length) fail(`${s.romMultiplicities.length} ROM multiplicities for ${code.length} instructions`, i)
    if (s.end.cycles < 1 || s.end.cycles > n) fail(`${s.end.cycles} cycles in a segment of ${n} rows`, i)
    cycles += s.end.cycles
  })
  const final = (r.segments.at(-1) as Receipt['segments'][number]).end
  if (final.exitCode !== r.exitCode) fail(`claimed exit code ${r.exitCode}, the segments prove ${final.exitCode}`)
  if (final.journalLength !== r.journal.length) fail(`claimed journal of ${r.journal.length} words, the segments prove ${final.journalLength}`)
  if (cycles !== r.cycles) fail(`claimed ${r.cycles} cycles, the segments prove ${cycles}`)
  if (r.journal.some((w) => w >= P) || r.input.some((w) => w >= P)) fail('a word is not a field element')

  const ids = { imageId: hexToBytes(r.imageId), inputDigest: hexToBytes(r.inputDigest) }
  r.segments.forEach((s, i) => {
    let proof: ReturnType<typeof decodeStarkProof>
    try {
      proof = decodeStarkProof(hexToBytes(s.proof))
    } catch (e) {
      throw new MalformedReceiptError({ reason: `segment ${i} proof: ${(e as Error).message}` })
    }
    if (proof.logTraceLength !== k) fail(`its proof is for 2^${proof.logTraceLength} rows, not 2^${k}`, i)
    const statement: SegmentStatement = {
      ...ids,
      index: i,
      code,
      start: { ...s.start, memory: (memories[i] as { start: number[] }).start },
      end: { ...s.end, memory: (memories[i] as { end: number[] }).end },
      romMultiplicities: s.romMultiplicities,
      byteMultiplicities: s.byteMultiplicities,
      lastAccess: s.lastAccess,
      inputWords: r.input.slice(s.start.inputPos, s.end.inputPos),
      journalWords: r.journal.slice(s.start.journalLength, s.end.journalLength),
    }
    verifySegment(statement, proof)
    onSegment?.(i)
  })
  return { imageId: r.imageId, inputDigest: r.inputDigest, exitCode: r.exitCode, journal: r.journal, segments: r.segments.length, cycles, segmentPo2: k }
}

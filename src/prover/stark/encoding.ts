import { InvalidProverInputError, MalformedStarkProofError } from '../../errors/prover.ts'
import { type Base, P, readU32le, writeBase } from '../field/babybear.ts'
import type { Ext4 } from '../field/ext4.ts'
import { decodeFriProof, encodeFriProof } from '../fri/encoding.ts'
import type { StarkOpening, StarkProof, StarkQuery } from './shape.ts'

/**
 * Canonical byte encoding of a {@link StarkProof} (docs/zkvm-stark.md, "STARK", "Proof layout"):
 *
 *   u8 version = 1 ‖ u8 logN ‖ u16le w ‖ u8 K ‖ u16le Q ‖ u8 depth
 *   ‖ trace root (32) ‖ composition root (32) ‖ w × T_i(z) ‖ w × T_i(g·z) ‖ K × H_k(z) (16 bytes each)
 *   ‖ Q × [trace row q (w × 4 bytes) ‖ depth × digest ‖ trace row q + N/2 ‖ depth × digest
 *          ‖ composition row q (4K × 4 bytes) ‖ depth × digest ‖ composition row q + N/2 ‖ depth × digest]
 *   ‖ u32le length ‖ FRI proof (fri/encoding.ts)
 *
 * depth = log2 N. Limits: 3 ≤ logN ≤ 27, 1 ≤ w ≤ 4096, 1 ≤ K ≤ 255, 1 ≤ Q ≤ 1024, depth ≤ 27.
 * Every byte string decodes to at most one proof and every decoded proof re-encodes to the same bytes.
 */
export const STARK_PROOF_VERSION = 1
const HEADER = 8

function size(w: number, k: number, q: number, d: number, fri: number): number {
  return HEADER + 64 + 16 * (2 * w + k) + q * (2 * (4 * w + 32 * d) + 2 * (16 * k + 32 * d)) + 4 + fri
}

/**
 * Encodes a proof.
 * @throws {InvalidProverInputError} if counts are out of range or the openings are inconsistent.
 */
export function encodeStarkProof(proof: StarkProof): Uint8Array {
  const bad = (reason: string) => new InvalidProverInputError({ what: 'STARK proof', reason })
  const w = proof.oodTrace.length
  const k = proof.oodComposition.length
  const q = proof.queries.length
  const d = proof.queries[0]?.trace[0].path.length ?? -1
  if (proof.logTraceLength < 3 || proof.logTraceLength > 27 || w < 1 || w > 4096 || k < 1 || k > 255 || q < 1 || q > 1024 || d < 0 || d > 27)
    throw bad(`logN ${proof.logTraceLength}, width ${w}, ${k} chunks, ${q} queries, depth ${d}`)
  if (proof.oodTraceNext.length !== w) throw bad('T(g·z) count differs from the width')
  const fri = encodeFriProof(proof.fri)
  const out = new Uint8Array(size(w, k, q, d, fri.length))
  const view = new DataView(out.buffer)
  out[0] = STARK_PROOF_VERSION
  out[1] = proof.logTraceLength
  view.setUint16(2, w, true)
  out[4] = k
  view.setUint16(5, q, true)
  out[7] = d
  let o = HEADER
  const digest = (b: Uint8Array) => {
    if (b.length !== 32) throw bad('a digest is not 32 bytes')
    out.set(b, o)
    o += 32
  }
  const base = (v: Base) => {
    writeBase(out, o, v)
    o += 4
  }
  const ext = (e: Ext4) => {
    for (const c of e) base(c)
  }
  const opening = (op: StarkOpening, width: number) => {
    if (op.row.length !== width || op.path.length !== d) throw bad('an opening has the wrong width or depth')
    for (const v of op.row) base(v)
    for (const s of op.path) digest(s)
  }
  digest(proof.traceRoot)
  digest(proof.compositionRoot)
  for (const e of [...proof.oodTrace, ...proof.oodTraceNext, ...proof.oodComposition]) ext(e)
  for (const query of proof.queries) {
    for (const op of query.trace) opening(op, w)
    for (const op of query.composition) opening(op, 4 * k)
  }
  view.setUint32(o, fri.length, true)
  out.set(fri, o + 4)
  return out
}

/**
 * Decodes the canonical encoding.
 * @throws {MalformedStarkProofError} on a wrong version, a count out of range, a length that differs
 * from the header's, an element ≥ p, or a malformed FRI part (the FRI error is the cause).
 */
export function decodeStarkProof(bytes: Uint8Array): StarkProof {
  const bad = (reason: string) => new MalformedStarkProofError({ reason })
  if (bytes.length < HEADER) throw bad(`${bytes.length} bytes, shorter than the ${HEADER}-byte header`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes[0] !== STARK_PROOF_VERSION) throw bad(`version ${bytes[0]}`)
  const logN = bytes[1] as number
  const w = view.getUint16(2, true)
  const k = bytes[4] as number
  const q = view.getUint16(5, true)
  const d = bytes[7] as number
  if (logN < 3 || logN > 27 || w < 1 || w > 4096 || k < 1 || q < 1 || q > 1024 || d > 27)
    throw bad(`logN ${logN}, width ${w}, ${k} chunks, ${q} queries, depth ${d}`)
  const friAt = size(w, k, q, d, 0) - 4
  if (bytes.length < friAt + 4) throw bad(`${bytes.length} bytes, the header implies at least ${friAt + 4}`)
  const friLen = view.getUint32(friAt, true)
  if (bytes.length !== friAt + 4 + friLen) throw bad(`${bytes.length} bytes, the header implies ${friAt + 4 + friLen}`)
  let o = HEADER
  const digest = (): Uint8Array => {
    const s = bytes.slice(o, o + 32)
    o += 32
    return s
  }
  const base = (): Base => {
    const v = readU32le(bytes, o)
    if (v >= P) throw bad(`element ${v} ≥ p at byte ${o}`)
    o += 4
    return v
  }
  const ext = (): Ext4 => [base(), base(), base(), base()]
  const opening = (width: number): StarkOpening => ({ row: Array.from({ length: width }, base), path: Array.from({ length: d }, digest) })
  const traceRoot = digest()
  const compositionRoot = digest()
  const oodTrace = Array.from({ length: w }, ext)
  const oodTraceNext = Array.from({ length: w }, ext)
  const oodComposition = Array.from({ length: k }, ext)
  const queries = Array.from({ length: q }, (): StarkQuery => ({ trace: [opening(w), opening(w)], composition: [opening(4 * k), opening(4 * k)] }))
  let fri: StarkProof['fri']
  try {
    fri = decodeFriProof(bytes.subarray(friAt + 4))
  } catch (e) {
    throw new MalformedStarkProofError({ reason: `FRI part: ${(e as Error).message}` })
  }
  return { logTraceLength: logN, traceRoot, compositionRoot, oodTrace, oodTraceNext, oodComposition, fri, queries }
}

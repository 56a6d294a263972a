import { InvalidProverInputError, MalformedStarkProofError } from '../../errors/prover.ts'
import { type Base, P, readU32le, writeBase } from '../field/babybear.ts'
import type { Ext4 } from '../field/ext4.ts'
import { decodeFriProof, encodeFriProof } from '../fri/encoding.ts'
import { MAX_WIDTH, type StarkOpening, type StarkProof, type StarkQuery } from './shape.ts'

/**
 * Canonical byte encoding of a {@link StarkProof} (docs/zkvm-stark.md, "STARK", "Proof layout"):
 *
 *   u8 version = 2 ‖ u8 logN ‖ u16le mw ‖ u16le aw ‖ u16le cw ‖ u16le Q ‖ u8 depth
 *   ‖ main root (32) ‖ aux root (32, only if aw > 0) ‖ composition root (32)
 *   ‖ mw × main(z) ‖ mw × main(g·z) ‖ aw × aux(z) ‖ aw × aux(g·z) ‖ cw × composition(z) (16 bytes each)
 *   ‖ Q × [main row q ‖ path ‖ main row q + N/2 ‖ path ‖ (aux row q ‖ path ‖ aux row q + N/2 ‖ path, if aw > 0)
 *          ‖ composition row q ‖ path ‖ composition row q + N/2 ‖ path]   (rows: 4 bytes per element; paths: depth × 32)
 *   ‖ u32le length ‖ FRI proof (fri/encoding.ts)
 *
 * depth = log2 N. Limits: 3 ≤ logN ≤ 27, 1 ≤ mw ≤ 4096, 0 ≤ aw ≤ 4096 (a multiple of 4),
 * 4 ≤ cw ≤ 4096 (a multiple of 4), 1 ≤ Q ≤ 1024, depth ≤ 27. Every byte string decodes to at most
 * one proof and every decoded proof re-encodes to the same bytes.
 */
export const STARK_PROOF_VERSION = 2
const HEADER = 12

function size(mw: number, aw: number, cw: number, q: number, d: number, fri: number): number {
  const roots = 32 * (aw > 0 ? 3 : 2)
  const opening = (w: number) => 2 * (4 * w + 32 * d)
  return HEADER + roots + 16 * (2 * mw + 2 * aw + cw) + q * (opening(mw) + (aw > 0 ? opening(aw) : 0) + opening(cw)) + 4 + fri
}

function countsOk(logN: number, mw: number, aw: number, cw: number, q: number, d: number): boolean {
  return (
    logN >= 3 &&
    logN <= 27 &&
    mw >= 1 &&
    mw <= MAX_WIDTH &&
    aw >= 0 &&
    aw <= MAX_WIDTH &&
    aw % 4 === 0 &&
    cw >= 4 &&
    cw <= MAX_WIDTH &&
    cw % 4 === 0 &&
    q >= 1 &&
    q <= 1024 &&
    d >= 0 &&
    d <= 27
  )
}

/**
 * Encodes a proof.
 * @throws {InvalidProverInputError} if counts are out of range or the openings are inconsistent.
 */
export function encodeStarkProof(proof: StarkProof): Uint8Array {
  const bad = (reason: string) => new InvalidProverInputError({ what: 'STARK proof', reason })
  const mw = proof.oodMain.length
  const aw = proof.oodAux.length
  const cw = proof.oodComposition.length
  const q = proof.queries.length
  const d = proof.queries[0]?.main[0].path.length ?? -1
  if (!countsOk(proof.logTraceLength, mw, aw, cw, q, d)) throw bad(`logN ${proof.logTraceLength}, widths ${mw}/${aw}/${cw}, ${q} queries, depth ${d}`)
  if (proof.oodMainNext.length !== mw || proof.oodAuxNext.length !== aw) throw bad('g·z value counts differ from the widths')
  if (aw > 0 !== (proof.auxRoot !== null)) throw bad('aux root presence differs from the aux width')
  const fri = encodeFriProof(proof.fri)
  const out = new Uint8Array(size(mw, aw, cw, q, d, fri.length))
  const view = new DataView(out.buffer)
  out[0] = STARK_PROOF_VERSION
  out[1] = proof.logTraceLength
  view.setUint16(2, mw, true)
  view.setUint16(4, aw, true)
  view.setUint16(6, cw, true)
  view.setUint16(8, q, true)
  out[10] = d
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
  const opening = (op: StarkOpening, width: number) => {
    if (op.row.length !== width || op.path.length !== d) throw bad('an opening has the wrong width or depth')
    for (const v of op.row) base(v)
    for (const s of op.path) digest(s)
  }
  digest(proof.mainRoot)
  if (proof.auxRoot) digest(proof.auxRoot)
  digest(proof.compositionRoot)
  for (const e of [...proof.oodMain, ...proof.oodMainNext, ...proof.oodAux, ...proof.oodAuxNext, ...proof.oodComposition]) for (const c of e) base(c)
  for (const query of proof.queries) {
    for (const op of query.main) opening(op, mw)
    if (aw > 0) {
      if (!query.aux) throw bad('a query lacks its aux openings')
      for (const op of query.aux) opening(op, aw)
    }
    for (const op of query.composition) opening(op, cw)
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
  const mw = view.getUint16(2, true)
  const aw = view.getUint16(4, true)
  const cw = view.getUint16(6, true)
  const q = view.getUint16(8, true)
  const d = bytes[10] as number
  if (bytes[11] !== 0) throw bad('reserved header byte is not 0')
  if (!countsOk(logN, mw, aw, cw, q, d)) throw bad(`logN ${logN}, widths ${mw}/${aw}/${cw}, ${q} queries, depth ${d}`)
  const friAt = size(mw, aw, cw, q, d, 0) - 4
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
  const mainRoot = digest()
  const auxRoot = aw > 0 ? digest() : null
  const compositionRoot = digest()
  const oodMain = Array.from({ length: mw }, ext)
  const oodMainNext = Array.from({ length: mw }, ext)
  const oodAux = Array.from({ length: aw }, ext)
  const oodAuxNext = Array.from({ length: aw }, ext)
  const oodComposition = Array.from({ length: cw }, ext)
  const queries = Array.from(
    { length: q },
    (): StarkQuery => ({
      main: [opening(mw), opening(mw)],
      aux: aw > 0 ? [opening(aw), opening(aw)] : null,
      composition: [opening(cw), opening(cw)],
    }),
  )
  let fri: StarkProof['fri']
  try {
    fri = decodeFriProof(bytes.subarray(friAt + 4))
  } catch (e) {
    throw new MalformedStarkProofError({ reason: `FRI part: ${(e as Error).message}` })
  }
  return { logTraceLength: logN, mainRoot, auxRoot, compositionRoot, oodMain, oodMainNext, oodAux, oodAuxNext, oodComposition, fri, queries }
}

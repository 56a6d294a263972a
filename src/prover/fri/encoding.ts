import { InvalidProverInputError, MalformedFriProofError } from '../../errors/prover.ts'
import { type Base, P, readU32le, writeBase } from '../field/babybear.ts'
import type { Ext4 } from '../field/ext4.ts'
import type { FriLayerOpening, FriProof } from './params.ts'

/**
 * Canonical byte encoding of a {@link FriProof} (docs/zkvm-stark.md, "FRI", "Proof encoding"):
 *
 *   u8 version = 1 ‖ u8 R ‖ u8 D ‖ u32le F ‖ u16le Q ‖ u64le nonce
 *   ‖ R × root (32 bytes) ‖ F × coefficient (16 bytes, ext4 encoding)
 *   ‖ Q × [for r = 0..R−1: f(x), f(−x) (2 × 16 bytes) ‖ (D − r) × sibling digest (32 bytes)]
 *
 * where D is the Merkle depth of layer 0 (log2 |D_0| − 1). Limits: 1 ≤ R ≤ D + 1 ≤ 27, 1 ≤ F ≤ 2^16,
 * 1 ≤ Q ≤ 1024, nonce < 2^53. Every byte string decodes to at most one proof and every proof that
 * decodes re-encodes to the same bytes: lengths follow from the header, field elements must be < p.
 */
export const FRI_PROOF_VERSION = 1
const HEADER = 1 + 1 + 1 + 4 + 2 + 8
const MAX_FINAL = 2 ** 16
const MAX_QUERIES = 1024

function size(r: number, d: number, f: number, q: number): number {
  let perQuery = 0
  for (let k = 0; k < r; k++) perQuery += 32 + 32 * (d - k)
  return HEADER + 32 * r + 16 * f + q * perQuery
}

/**
 * Encodes a proof.
 * @throws {InvalidProverInputError} if the proof has no query, no layer, or inconsistent path lengths.
 */
export function encodeFriProof(proof: FriProof): Uint8Array {
  const bad = (reason: string) => new InvalidProverInputError({ what: 'FRI proof', reason })
  const r = proof.layerRoots.length
  const f = proof.finalPoly.length
  const q = proof.queries.length
  const d = proof.queries[0]?.[0]?.path.length ?? -1
  if (r < 1 || d < 0 || r > d + 1 || d > 26) throw bad(`${r} layers with layer-0 depth ${d}`)
  if (f < 1 || f > MAX_FINAL || q < 1 || q > MAX_QUERIES) throw bad(`${f} final coefficients, ${q} queries`)
  if (!Number.isSafeInteger(proof.powNonce) || proof.powNonce < 0) throw bad(`nonce ${proof.powNonce}`)
  const out = new Uint8Array(size(r, d, f, q))
  const view = new DataView(out.buffer)
  out[0] = FRI_PROOF_VERSION
  out[1] = r
  out[2] = d
  view.setUint32(3, f, true)
  view.setUint16(7, q, true)
  view.setUint32(9, proof.powNonce % 2 ** 32, true)
  view.setUint32(13, Math.floor(proof.powNonce / 2 ** 32), true)
  let o = HEADER
  const put = (bytes: Uint8Array) => {
    if (bytes.length !== 32) throw bad('a digest is not 32 bytes')
    out.set(bytes, o)
    o += 32
  }
  const putExt = (e: Ext4) => {
    for (const c of e) {
      writeBase(out, o, c as Base)
      o += 4
    }
  }
  for (const root of proof.layerRoots) put(root)
  for (const c of proof.finalPoly) putExt(c)
  for (const query of proof.queries) {
    if (query.length !== r) throw bad(`a query opens ${query.length} layers, not ${r}`)
    query.forEach((layer, k) => {
      if (layer.path.length !== d - k) throw bad(`layer ${k} path has ${layer.path.length} digests, not ${d - k}`)
      putExt(layer.pair[0])
      putExt(layer.pair[1])
      for (const s of layer.path) put(s)
    })
  }
  return out
}

/**
 * Decodes the canonical encoding.
 * @throws {MalformedFriProofError} on a wrong version, a count out of range, a length that differs
 * from the one the header implies (truncation or trailing bytes), a nonce ≥ 2^53, or an element ≥ p.
 */
export function decodeFriProof(bytes: Uint8Array): FriProof {
  const bad = (reason: string) => new MalformedFriProofError({ reason })
  if (bytes.length < HEADER) throw bad(`${bytes.length} bytes, shorter than the ${HEADER}-byte header`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes[0] !== FRI_PROOF_VERSION) throw bad(`version ${bytes[0]}`)
  const r = bytes[1] as number
  const d = bytes[2] as number
  const f = view.getUint32(3, true)
  const q = view.getUint16(7, true)
  const lo = view.getUint32(9, true)
  const hi = view.getUint32(13, true)
  if (r < 1 || d > 26 || r > d + 1) throw bad(`${r} layers with layer-0 depth ${d}`)
  if (f < 1 || f > MAX_FINAL) throw bad(`${f} final coefficients`)
  if (q < 1 || q > MAX_QUERIES) throw bad(`${q} queries`)
  if (hi >= 2 ** 21) throw bad('nonce ≥ 2^53')
  const expected = size(r, d, f, q)
  if (bytes.length !== expected) throw bad(`${bytes.length} bytes, the header implies ${expected}`)
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
  const layerRoots = Array.from({ length: r }, digest)
  const finalPoly = Array.from({ length: f }, ext)
  const queries = Array.from({ length: q }, () =>
    Array.from({ length: r }, (_, k): FriLayerOpening => {
      const pair: [Ext4, Ext4] = [ext(), ext()]
      return { pair, path: Array.from({ length: d - k }, digest) }
    }),
  )
  return { layerRoots, finalPoly, powNonce: hi * 2 ** 32 + lo, queries }
}

/**
 * Beacon-API `GET /eth/v1/beacon/blob_sidecars/{block_id}` responses (Deneb/Electra `BlobSidecar`,
 * https://github.com/ethereum/beacon-APIs/blob/v3.1.0/apis/beacon/blob_sidecars/blob_sidecars.yaml): parsed strictly
 * (bounded counts and exact byte lengths), then per sidecar the KZG blob proof and the SSZ inclusion proof of
 * the commitment under `signed_block_header.message.body_root`. Returns the block root (hash_tree_root of the
 * header) for the caller to compare with a light-client-verified root; the header's signature is not checked
 * here (the light client vouches for the root). Pure.
 */
import type { ProvenanceCheck } from '../../bus/provenance.ts'
import { InputTooLargeError, MalformedInputError } from '../../errors/base.ts'
import { SidecarMismatchError } from '../../errors/storage.ts'
import { describeValue, type Hex, hexToBytes, toHex } from '../hex.ts'
import { beaconBlockRoot, KZG_COMMITMENT_INCLUSION_PROOF_DEPTH, MAX_BLOB_COMMITMENTS_PER_BLOCK, verifyCommitmentInclusion } from './inclusionProof.ts'
import { type Kzg, loadKzg, verifyBlobKzgProof } from './kzg.ts'
import { BYTES_PER_BLOB } from './kzgInputs.ts'

/** Most sidecars one response may carry (a block carries at most 21 blobs after BPO2; headroom for later forks). */
export const MAX_SIDECARS = 128

/** One parsed `BlobSidecar`. */
export type BlobSidecar = {
  index: number
  blob: Uint8Array
  commitment: Uint8Array
  proof: Uint8Array
  header: { slot: bigint; proposerIndex: bigint; parentRoot: Uint8Array; stateRoot: Uint8Array; bodyRoot: Uint8Array; signature: Uint8Array }
  inclusionProof: Uint8Array[]
}

/** What {@link verifySidecars} proved. */
export type VerifiedSidecars = {
  /** hash_tree_root(BeaconBlockHeader) of the one block all sidecars name; compare with a verified root. */
  blockRoot: Hex
  slot: bigint
  bodyRoot: Hex
  sidecars: { index: number; commitment: Hex; versionedHash: Hex }[]
  checks: ProvenanceCheck[]
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function uint64(v: unknown, what: string): bigint {
  if (typeof v !== 'string' || !/^(0|[1-9][0-9]{0,19})$/.test(v) || BigInt(v) >= 2n ** 64n) {
    throw new MalformedInputError({ what, details: `expected a decimal uint64 string, got ${describeValue(v)}` })
  }
  return BigInt(v)
}

function field(o: Record<string, unknown>, key: string, what: string): unknown {
  if (!Object.hasOwn(o, key)) throw new MalformedInputError({ what, details: `missing "${key}"` })
  return o[key]
}

/**
 * Parses one `BlobSidecar` JSON object.
 * @throws {MalformedInputError} A field missing or of the wrong shape or length.
 */
export function parseBlobSidecar(json: unknown, at: number): BlobSidecar {
  const what = `blob sidecar ${at}`
  if (!isObject(json)) throw new MalformedInputError({ what, details: `expected an object, got ${describeValue(json)}` })
  const index = uint64(field(json, 'index', what), `${what} index`)
  if (index >= BigInt(MAX_BLOB_COMMITMENTS_PER_BLOCK))
    throw new MalformedInputError({ what: `${what} index`, details: `must be below ${MAX_BLOB_COMMITMENTS_PER_BLOCK}` })
  const signed = field(json, 'signed_block_header', what)
  if (!isObject(signed)) throw new MalformedInputError({ what: `${what} signed_block_header`, details: 'expected an object' })
  const message = field(signed, 'message', `${what} signed_block_header`)
  if (!isObject(message)) throw new MalformedInputError({ what: `${what} signed_block_header.message`, details: 'expected an object' })
  const hw = `${what} header`
  const branch = field(json, 'kzg_commitment_inclusion_proof', what)
  if (!Array.isArray(branch) || branch.length !== KZG_COMMITMENT_INCLUSION_PROOF_DEPTH) {
    throw new MalformedInputError({
      what: `${what} kzg_commitment_inclusion_proof`,
      details: `expected ${KZG_COMMITMENT_INCLUSION_PROOF_DEPTH} hashes, got ${describeValue(branch)}`,
    })
  }
  return {
    index: Number(index),
    blob: hexToBytes(field(json, 'blob', what), `${what} blob`, BYTES_PER_BLOB),
    commitment: hexToBytes(field(json, 'kzg_commitment', what), `${what} kzg_commitment`, 48),
    proof: hexToBytes(field(json, 'kzg_proof', what), `${what} kzg_proof`, 48),
    header: {
      slot: uint64(field(message, 'slot', hw), `${hw} slot`),
      proposerIndex: uint64(field(message, 'proposer_index', hw), `${hw} proposer_index`),
      parentRoot: hexToBytes(field(message, 'parent_root', hw), `${hw} parent_root`, 32),
      stateRoot: hexToBytes(field(message, 'state_root', hw), `${hw} state_root`, 32),
      bodyRoot: hexToBytes(field(message, 'body_root', hw), `${hw} body_root`, 32),
      signature: hexToBytes(field(signed, 'signature', `${what} signed_block_header`), `${what} signature`, 96),
    },
    inclusionProof: branch.map((b, i) => hexToBytes(b, `${what} inclusion proof ${i}`, 32)),
  }
}

/**
 * Parses a `blob_sidecars` response: `{ data: BlobSidecar[] }` (other top-level keys such as `version`,
 * `execution_optimistic`, `finalized` are ignored) or a bare array. At least one, at most {@link MAX_SIDECARS}.
 * @throws {MalformedInputError | InputTooLargeError}
 */
export function parseBlobSidecars(json: unknown): BlobSidecar[] {
  const list = Array.isArray(json) ? json : isObject(json) ? json.data : undefined
  if (!Array.isArray(list)) throw new MalformedInputError({ what: 'blob_sidecars response', details: `expected { data: [...] }, got ${describeValue(json)}` })
  if (list.length === 0) throw new MalformedInputError({ what: 'blob_sidecars response', details: 'no sidecars' })
  if (list.length > MAX_SIDECARS) throw new InputTooLargeError({ what: 'blob_sidecars response', limit: MAX_SIDECARS, unit: 'items' })
  return list.map((s, i) => parseBlobSidecar(s, i))
}

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i])
const round = (ms: number) => Math.round(ms * 100) / 100

/**
 * Verifies a `blob_sidecars` response: all sidecars name one block header (same header fields, distinct indices),
 * each blob opens its commitment (KZG blob proof) and each commitment is included in the header's body
 * (SSZ branch, depth 17).
 * @param options.blockRoot - A verified block root the header must hash to (else SidecarMismatch).
 * @throws {MalformedInputError | InputTooLargeError} Parse errors.
 * @throws {SidecarMismatchError} Sidecars of different headers, a repeated index, or another block than `blockRoot`.
 * @throws {MalformedBlobError | InvalidKzgEncodingError | KzgProofInvalidError | InclusionProofInvalidError}
 */
export async function verifySidecars(json: unknown, kzg?: Kzg, options: { blockRoot?: Hex } = {}): Promise<VerifiedSidecars> {
  const sidecars = parseBlobSidecars(json)
  const first = sidecars[0] as BlobSidecar
  const h0 = first.header
  const seen = new Set<number>()
  for (const s of sidecars) {
    const h = s.header
    if (
      h.slot !== h0.slot ||
      h.proposerIndex !== h0.proposerIndex ||
      !same(h.parentRoot, h0.parentRoot) ||
      !same(h.stateRoot, h0.stateRoot) ||
      !same(h.bodyRoot, h0.bodyRoot)
    ) {
      throw new SidecarMismatchError({ details: `sidecar ${s.index} names another block header than sidecar ${first.index}` })
    }
    if (seen.has(s.index)) throw new SidecarMismatchError({ details: `index ${s.index} appears twice` })
    seen.add(s.index)
  }
  const blockRoot = beaconBlockRoot(h0)
  if (options.blockRoot !== undefined && options.blockRoot.toLowerCase() !== blockRoot) {
    throw new SidecarMismatchError({ details: `header hashes to ${blockRoot}, not the verified block root ${options.blockRoot}` })
  }
  const checks: ProvenanceCheck[] = [{ label: `Beacon block header, slot ${h0.slot}`, detail: `block root ${blockRoot}` }]
  const k = kzg ?? (await loadKzg())
  const out: VerifiedSidecars['sidecars'] = []
  for (const s of sidecars) {
    let t = performance.now()
    verifyCommitmentInclusion(s.commitment, s.index, s.inclusionProof, h0.bodyRoot)
    checks.push({
      label: `Commitment ${s.index} in the block body`,
      detail: `SSZ branch of ${KZG_COMMITMENT_INCLUSION_PROOF_DEPTH} hashes to body_root`,
      ms: round(performance.now() - t),
    })
    t = performance.now()
    const versionedHash = await verifyBlobKzgProof(s.blob, s.commitment, s.proof, k)
    checks.push({ label: `KZG blob proof ${s.index}`, detail: `versioned hash ${versionedHash}`, ms: round(performance.now() - t) })
    out.push({ index: s.index, commitment: toHex(s.commitment), versionedHash })
  }
  return { blockRoot, slot: h0.slot, bodyRoot: toHex(h0.bodyRoot), sidecars: out, checks }
}

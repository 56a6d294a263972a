import { keccak_256 } from '@noble/hashes/sha3.js'
import { MalformedInputError } from '../../errors/base.ts'
import { InvalidCurvePointError } from '../../errors/zk.ts'
import { describeValue, toHex } from '../hex.ts'
import { beBytes } from '../zk/bytes.ts'

/** BN254 base-field modulus p. */
export const BN254_P = 21888242871839275222246405745257275088696311157297823662689037894645226208583n
/** BN254 scalar-field modulus r (public inputs must be < r). */
export const BN254_R = 21888242871839275222246405745257275088548364400416034343698204186575808495617n

export type G1Affine = readonly [x: bigint, y: bigint]
/** G2 affine point; each coordinate is an Fp2 element `[c0, c1]` (c0 the real part). */
export type G2Affine = readonly [x: readonly [bigint, bigint], y: readonly [bigint, bigint]]

export type Groth16Proof = { a: G1Affine; b: G2Affine; c: G1Affine }

export type Groth16VerifyingKey = {
  /** A short stable id (family + version), used to cache the prepared key. */
  id: string
  alpha: G1Affine
  beta: G2Affine
  gamma: G2Affine
  delta: G2Affine
  /** IC[0] + Σ inputs[i]·IC[i+1]; length = number of public inputs + 1. */
  ic: G1Affine[]
}

/** A Groth16 backend: checks points (on curve, subgroup, not infinity) and the pairing equation. */
export interface Groth16Backend {
  name: string
  /**
   * @returns true iff e(A,B) = e(α,β)·e(Σ,γ)·e(C,δ).
   * @throws {InvalidCurvePointError} For any invalid proof or key point.
   */
  verify(vk: Groth16VerifyingKey, publicInputs: readonly bigint[], proof: Groth16Proof): boolean
}

/** A coordinate: bigint, safe integer, or a decimal (≤ 78 digits) / 0x-hex (≤ 64 digits) string; length-bounded before `BigInt`. */
const big = (v: unknown, what: string): bigint => {
  if (typeof v === 'bigint') return v
  if (typeof v === 'string' && /^(0x[0-9a-fA-F]{1,64}|\d{1,78})$/.test(v)) return BigInt(v)
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v)
  throw new MalformedInputError({ what, details: `expected an integer of at most 256 bits, got ${describeValue(v)}` })
}

/** Asserts each coordinate is a canonical field element (< p). @throws {InvalidCurvePointError} */
export function assertCoordinates(point: string, coords: bigint[]): void {
  if (coords.some((c) => c < 0n || c >= BN254_P)) throw new InvalidCurvePointError({ point, reason: 'coordinate out of range' })
}

const g1 = (v: unknown, what: string): G1Affine => {
  if (!Array.isArray(v) || v.length < 2) throw new MalformedInputError({ what, details: 'expected [x, y(, 1)]' })
  if (v.length === 3 && v[2] !== '1' && v[2] !== 1 && v[2] !== 1n) throw new MalformedInputError({ what, details: 'expected affine (z = 1)' })
  return [big(v[0], what), big(v[1], what)]
}
const g2 = (v: unknown, what: string): G2Affine => {
  if (!Array.isArray(v) || v.length < 2 || !Array.isArray(v[0]) || !Array.isArray(v[1])) {
    throw new MalformedInputError({ what, details: 'expected [[x.c0, x.c1], [y.c0, y.c1](, [1, 0])]' })
  }
  return [
    [big(v[0][0], what), big(v[0][1], what)],
    [big(v[1][0], what), big(v[1][1], what)],
  ]
}

/**
 * Parses a snarkjs `vkey` JSON (`vk_alpha_1`, `vk_beta_2`, …, `IC`; G2 as `[[x.c0, x.c1], [y.c0, y.c1]]`).
 * @throws {MalformedInputError}
 */
export function parseVerifyingKey(json: unknown, id: string): Groth16VerifyingKey {
  const k = json as Record<string, unknown> | null
  if (k?.protocol !== 'groth16' || (k.curve !== 'bn128' && k.curve !== 'bn254') || !Array.isArray(k.IC)) {
    throw new MalformedInputError({ what: 'Groth16 verifying key', details: 'expected a snarkjs groth16 bn128 vkey' })
  }
  return {
    id,
    alpha: g1(k.vk_alpha_1, 'vk_alpha_1'),
    beta: g2(k.vk_beta_2, 'vk_beta_2'),
    gamma: g2(k.vk_gamma_2, 'vk_gamma_2'),
    delta: g2(k.vk_delta_2, 'vk_delta_2'),
    ic: k.IC.map((p, i) => g1(p, `IC[${i}]`)),
  }
}

/**
 * keccak256 of a key's points, canonically encoded: 32-byte big-endian words α.x, α.y, then for β, γ, δ
 * x.c0, x.c1, y.c0, y.c1, then every IC point's x, y (so decimal/hex spelling, key order and whitespace of
 * the JSON do not change it). 32 bytes, 0x-hex.
 */
export function verifyingKeyHash(vk: Omit<Groth16VerifyingKey, 'id'>): `0x${string}` {
  const words = [...vk.alpha, ...[vk.beta, vk.gamma, vk.delta].flatMap(([x, y]) => [x[0], x[1], y[0], y[1]]), ...vk.ic.flat()]
  const bytes = new Uint8Array(32 * words.length)
  words.forEach((w, i) => {
    bytes.set(beBytes(w, 32), 32 * i)
  })
  return toHex(keccak_256(bytes))
}

/** A verifying key the user supplied (`lightbus verify groth16 --vkey F`): named by its hash, never by a shipped version. */
export type CustomVerifyingKey = {
  /** The parsed key; its `id` is `custom:<vkeyHash>`. */
  vk: Groth16VerifyingKey
  /** {@link verifyingKeyHash} of the key: keccak256 of its canonically encoded points, 0x-hex, 32 bytes. */
  vkeyHash: `0x${string}`
  verifierVersion: 'custom'
}

/**
 * Parses a user-supplied snarkjs `vkey` JSON and names it by its hash, so that a result verified with it
 * reports `verifierVersion: 'custom'` and the key's hash, never a version Lightbus ships. Pure.
 * @throws {MalformedInputError} When the JSON is not a snarkjs groth16 bn128 key.
 */
export function describeCustomVerifyingKey(vkJson: unknown): CustomVerifyingKey {
  const parsed = parseVerifyingKey(vkJson, 'custom')
  const vkeyHash = verifyingKeyHash(parsed)
  return { vk: { ...parsed, id: `custom:${vkeyHash}` }, vkeyHash, verifierVersion: 'custom' }
}

/** Parses a snarkjs-style proof `{ a|pi_a, b|pi_b, c|pi_c }` (b in `[[x.c0, x.c1], [y.c0, y.c1]]`). @throws {MalformedInputError} */
export function parseSnarkjsProof(json: unknown): Groth16Proof {
  const p = json as Record<string, unknown> | null
  if (!p || typeof p !== 'object') throw new MalformedInputError({ what: 'Groth16 proof', details: 'not an object' })
  return { a: g1(p.a ?? p.pi_a, 'proof.a'), b: g2(p.b ?? p.pi_b, 'proof.b'), c: g1(p.c ?? p.pi_c, 'proof.c') }
}

/**
 * Decodes Solidity calldata `uint256[8]` in EIP-197 order (A.x, A.y, B.x.c1, B.x.c0, B.y.c1, B.y.c0, C.x, C.y),
 * 256 bytes, big-endian words. Spec: https://eips.ethereum.org/EIPS/eip-197
 * @throws {MalformedInputError} When not exactly 256 bytes.
 */
export function proofFromEip197(bytes: Uint8Array): Groth16Proof {
  if (bytes.length !== 256) throw new MalformedInputError({ what: 'Groth16 proof words', details: `expected 256 bytes, got ${bytes.length}` })
  const w = Array.from({ length: 8 }, (_, i) => wordAt(bytes, i))
  return {
    a: [w[0] as bigint, w[1] as bigint],
    b: [
      [w[3] as bigint, w[2] as bigint],
      [w[5] as bigint, w[4] as bigint],
    ],
    c: [w[6] as bigint, w[7] as bigint],
  }
}

/** The `i`-th 32-byte big-endian word of `bytes`. */
export function wordAt(bytes: Uint8Array, i: number): bigint {
  let x = 0n
  for (const b of bytes.subarray(32 * i, 32 * i + 32)) x = (x << 8n) | BigInt(b)
  return x
}

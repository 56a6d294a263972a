import { FieldDivisionByZeroError, InvalidProverInputError, NonCanonicalFieldElementError } from '../../errors/prover.ts'
import { add, type Base, decodeBase, inv as invBase, mul as mulBase, neg as negBase, sub as subBase, writeBase } from './babybear.ts'

/**
 * The degree-4 extension F_p[x]/(x^4 − 11) of BabyBear (the binomial extension of Plonky3's
 * `BinomialExtensionField<BabyBear, 4>`, W = 11). An element is the tuple [c0, c1, c2, c3] of
 * canonical base elements, meaning c0 + c1·x + c2·x^2 + c3·x^3, with x^4 = 11. x^4 − 11 is
 * irreducible because 11 is not a square mod p and p ≡ 1 (mod 4) (Lang, Algebra VI §9, Thm 9.1);
 * tests check this and, independently, that x^(p^4) = x ≠ x^(p^2). All verifier challenges live here
 * (|F| ≈ 2^124).
 */
export type Ext4 = readonly [Base, Base, Base, Base]
/** x^4 = W. */
export const W = 11
/** Byte length of an encoded element: 4 coefficients × 4 bytes. */
export const EXT4_BYTES = 16

export const EXT_ZERO: Ext4 = [0, 0, 0, 0]
export const EXT_ONE: Ext4 = [1, 0, 0, 0]

/** The embedding F_p → F_p^4, a ↦ [a, 0, 0, 0]. */
export function fromBase(a: Base): Ext4 {
  return [a, 0, 0, 0]
}

export function extAdd(a: Ext4, b: Ext4): Ext4 {
  return [add(a[0], b[0]), add(a[1], b[1]), add(a[2], b[2]), add(a[3], b[3])]
}

export function extSub(a: Ext4, b: Ext4): Ext4 {
  return [subBase(a[0], b[0]), subBase(a[1], b[1]), subBase(a[2], b[2]), subBase(a[3], b[3])]
}

export function extNeg(a: Ext4): Ext4 {
  return [negBase(a[0]), negBase(a[1]), negBase(a[2]), negBase(a[3])]
}

export function extEq(a: Ext4, b: Ext4): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3]
}

/** Product reduced by x^4 = 11 (schoolbook, 16 base multiplications). */
export function extMul(a: Ext4, b: Ext4): Ext4 {
  const [a0, a1, a2, a3] = a
  const [b0, b1, b2, b3] = b
  const m = mulBase
  const c0 = add(m(a0, b0), m(W, add(add(m(a1, b3), m(a2, b2)), m(a3, b1))))
  const c1 = add(add(m(a0, b1), m(a1, b0)), m(W, add(m(a2, b3), m(a3, b2))))
  const c2 = add(add(add(m(a0, b2), m(a1, b1)), m(a2, b0)), m(W, m(a3, b3)))
  const c3 = add(add(m(a0, b3), m(a1, b2)), add(m(a2, b1), m(a3, b0)))
  return [c0, c1, c2, c3]
}

/** a · s for a base element s. */
export function extMulBase(a: Ext4, s: Base): Ext4 {
  return [mulBase(a[0], s), mulBase(a[1], s), mulBase(a[2], s), mulBase(a[3], s)]
}

/** a^e for an integer e ≥ 0 (number up to 2^53, or bigint). */
export function extPow(a: Ext4, e: number | bigint): Ext4 {
  let k = BigInt(e)
  if (k < 0n) throw new InvalidProverInputError({ what: 'exponent', reason: 'negative' })
  let r = EXT_ONE
  let b = a
  while (k > 0n) {
    if (k & 1n) r = extMul(r, b)
    b = extMul(b, b)
    k >>= 1n
  }
  return r
}

/**
 * Writing a = e(y) + x·o(y) with y = x^2: a(x)·a(−x) = e^2 − y·o^2 = c0 + c2·y, and
 * (c0 + c2·y)(c0 − c2·y) = c0^2 − 11·c2^2 ∈ F_p. Returns [c0, c2].
 */
function halfNorm(a: Ext4): [Base, Base] {
  const [a0, a1, a2, a3] = a
  const m = mulBase
  const c0 = subBase(add(m(a0, a0), m(W, m(a2, a2))), m(2 * W, m(a1, a3)))
  const c2 = subBase(m(2, m(a0, a2)), add(m(a1, a1), m(W, m(a3, a3))))
  return [c0, c2]
}

/** The norm N(a) = a^(1 + p + p^2 + p^3) ∈ F_p (multiplicative; zero only at 0). */
export function extNorm(a: Ext4): Base {
  const [c0, c2] = halfNorm(a)
  return subBase(mulBase(c0, c0), mulBase(W, mulBase(c2, c2)))
}

/**
 * a^(−1) = a(−x) · (c0 − c2·x^2) / N(a), one base-field inversion.
 * @throws {FieldDivisionByZeroError} if a = 0.
 */
export function extInv(a: Ext4): Ext4 {
  const [c0, c2] = halfNorm(a)
  const n = subBase(mulBase(c0, c0), mulBase(W, mulBase(c2, c2)))
  if (n === 0) throw new FieldDivisionByZeroError({ field: 'BabyBear^4' })
  const conj: Ext4 = [a[0], negBase(a[1]), a[2], negBase(a[3])]
  return extMulBase(extMul(conj, [c0, 0, negBase(c2), 0]), invBase(n))
}

/** Canonical encoding: the four coefficients c0, c1, c2, c3, each 4 bytes little-endian (16 bytes). */
export function encodeExt4(xs: readonly Ext4[]): Uint8Array {
  const out = new Uint8Array(xs.length * EXT4_BYTES)
  xs.forEach((x, i) => {
    for (let j = 0; j < 4; j++) writeBase(out, i * EXT4_BYTES + 4 * j, x[j] as Base)
  })
  return out
}

/**
 * Decodes one element from exactly 16 bytes.
 * @throws {NonCanonicalFieldElementError} if the length is not 16 or any coefficient is ≥ p.
 */
export function decodeExt4(bytes: Uint8Array): Ext4 {
  if (bytes.length !== EXT4_BYTES) throw new NonCanonicalFieldElementError({ field: 'BabyBear^4', reason: `expected 16 bytes, got ${bytes.length}` })
  const c = (j: number) => decodeBase(bytes.subarray(4 * j, 4 * j + 4))
  return [c(0), c(1), c(2), c(3)]
}

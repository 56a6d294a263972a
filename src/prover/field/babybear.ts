import { FieldDivisionByZeroError, InvalidProverInputError, NonCanonicalFieldElementError } from '../../errors/prover.ts'

/**
 * BabyBear, the prime field of p = 15·2^27 + 1 = 2013265921 (the field of RISC Zero and Plonky3's
 * `p3-baby-bear`). Elements are JavaScript numbers in canonical form, integers in [0, p). Every
 * operation is exact for all canonical inputs: products are split into 16-bit limbs so no
 * intermediate exceeds 2^53 (no BigInt, no Math.imul). Functions do not check that their inputs are
 * canonical; {@link decodeBase} and {@link toBase} are the entry points for untrusted data.
 *
 * Constants follow Plonky3 `baby-bear/src/baby_bear.rs` (multiplicative generator 31, two-adicity 27,
 * two-adic generator 0x1a427a41 = 31^15 of order 2^27).
 */
export const P = 2013265921
/** p − 1 = 2^27 · 3 · 5. */
export const TWO_ADICITY = 27
/** Generator of the whole multiplicative group F_p^* (checked in tests against the factors 2, 3, 5 of p − 1). */
export const GENERATOR = 31
/** Byte length of an encoded element. */
export const BASE_BYTES = 4

export type Base = number

/** (a + b) mod p. */
export function add(a: Base, b: Base): Base {
  const s = a + b
  return s >= P ? s - P : s
}

/** (a − b) mod p. */
export function sub(a: Base, b: Base): Base {
  const d = a - b
  return d < 0 ? d + P : d
}

/** (−a) mod p. */
export function neg(a: Base): Base {
  return a === 0 ? 0 : P - a
}

/** (a · b) mod p, exact: a·b_hi < 2^47 and (a·b_hi mod p)·2^16 + a·b_lo < 2^48. */
export function mul(a: Base, b: Base): Base {
  const lo = b & 0xffff
  const hi = (b - lo) / 65536
  return (((a * hi) % P) * 65536 + a * lo) % P
}

/** a^e mod p for an integer exponent e ≥ 0 (number up to 2^53, or bigint). */
export function pow(a: Base, e: number | bigint): Base {
  let r = 1
  let b = a
  if (typeof e === 'bigint') {
    if (e < 0n) throw new InvalidProverInputError({ what: 'exponent', reason: 'negative' })
    while (e > 0n) {
      if (e & 1n) r = mul(r, b)
      b = mul(b, b)
      e >>= 1n
    }
    return r
  }
  if (!Number.isSafeInteger(e) || e < 0) throw new InvalidProverInputError({ what: 'exponent', reason: `${e} is not a safe integer ≥ 0` })
  while (e > 0) {
    if (e % 2 === 1) r = mul(r, b)
    b = mul(b, b)
    e = Math.floor(e / 2)
  }
  return r
}

/**
 * a^(−1) mod p, by Fermat (a^(p−2)).
 * @throws {FieldDivisionByZeroError} if a = 0.
 */
export function inv(a: Base): Base {
  if (a === 0) throw new FieldDivisionByZeroError({ field: 'BabyBear' })
  return pow(a, P - 2)
}

/**
 * Inverses of all elements with one field inversion (Montgomery's trick). Returns a new array.
 * @throws {FieldDivisionByZeroError} if any element is 0.
 */
export function batchInv(xs: ArrayLike<Base>): Base[] {
  const n = xs.length
  const prefix: Base[] = new Array(n)
  let acc = 1
  for (let i = 0; i < n; i++) {
    const x = xs[i] as Base
    if (x === 0) throw new FieldDivisionByZeroError({ field: 'BabyBear' })
    prefix[i] = acc
    acc = mul(acc, x)
  }
  let accInv = inv(acc)
  const out: Base[] = new Array(n)
  for (let i = n - 1; i >= 0; i--) {
    out[i] = mul(accInv, prefix[i] as Base)
    accInv = mul(accInv, xs[i] as Base)
  }
  return out
}

/**
 * The canonical element for any safe integer or bigint (negative values wrap).
 * @throws {InvalidProverInputError} for a non-integer number.
 */
export function toBase(x: number | bigint): Base {
  if (typeof x === 'bigint') return Number(((x % BigInt(P)) + BigInt(P)) % BigInt(P))
  if (!Number.isSafeInteger(x)) throw new InvalidProverInputError({ what: 'field element', reason: `${x} is not a safe integer` })
  return ((x % P) + P) % P
}

/**
 * A primitive 2^logN-th root of unity: GENERATOR^((p−1)/2^logN). rootOfUnity(0) = 1, rootOfUnity(1) = p − 1.
 * @throws {InvalidProverInputError} if logN is not an integer in [0, 27].
 */
export function rootOfUnity(logN: number): Base {
  if (!Number.isInteger(logN) || logN < 0 || logN > TWO_ADICITY) {
    throw new InvalidProverInputError({ what: 'root of unity order', reason: `log size ${logN} is outside [0, ${TWO_ADICITY}]` })
  }
  return pow(GENERATOR, (P - 1) / 2 ** logN)
}

/** Writes the canonical encoding of a (4 bytes, little-endian) into out at offset. */
export function writeBase(out: Uint8Array, offset: number, a: Base): void {
  out[offset] = a & 0xff
  out[offset + 1] = (a >>> 8) & 0xff
  out[offset + 2] = (a >>> 16) & 0xff
  out[offset + 3] = (a >>> 24) & 0xff
}

/** Reads 4 bytes little-endian at offset as an unsigned 32-bit integer (not reduced, not checked). */
export function readU32le(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset] as number) | ((bytes[offset + 1] as number) << 8) | ((bytes[offset + 2] as number) << 16) | ((bytes[offset + 3] as number) << 24)) >>> 0
  )
}

/** Canonical encoding of a sequence of elements: 4 bytes little-endian each, concatenated. */
export function encodeBase(xs: ArrayLike<Base>): Uint8Array {
  const out = new Uint8Array(xs.length * BASE_BYTES)
  for (let i = 0; i < xs.length; i++) writeBase(out, i * BASE_BYTES, xs[i] as Base)
  return out
}

/**
 * Decodes one element from exactly 4 bytes, little-endian.
 * @throws {NonCanonicalFieldElementError} if the length is not 4 or the value is ≥ p.
 */
export function decodeBase(bytes: Uint8Array): Base {
  if (bytes.length !== BASE_BYTES) throw new NonCanonicalFieldElementError({ field: 'BabyBear', reason: `expected 4 bytes, got ${bytes.length}` })
  const v = readU32le(bytes, 0)
  if (v >= P) throw new NonCanonicalFieldElementError({ field: 'BabyBear', reason: `value ${v} ≥ p` })
  return v
}

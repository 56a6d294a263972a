import { InvalidProverInputError } from '../../errors/prover.ts'
import { add, type Base, GENERATOR, inv, mul, P, pow, rootOfUnity, sub, TWO_ADICITY } from './babybear.ts'
import { EXT_ONE, EXT_ZERO, type Ext4, extAdd, extInv, extMul, extMulBase, extPow, extSub, fromBase } from './ext4.ts'

/**
 * Radix-2 number-theoretic transforms over BabyBear, on Uint32Array columns of canonical elements.
 * Convention: with n = 2^k and ω = rootOfUnity(k) (GENERATOR^((p−1)/n)), the evaluations of the
 * polynomial c_0 + c_1·X + … + c_{n−1}·X^{n−1} are y_i = Σ_j c_j·ω^(i·j), in natural order i = 0..n−1.
 * Algorithm: bit-reversal permutation, then iterative Cooley–Tukey butterflies (CLRS 3rd ed. §30.3).
 */

function logSize(n: number, what: string): number {
  const k = Math.log2(n)
  if (!Number.isInteger(k) || k > TWO_ADICITY) throw new InvalidProverInputError({ what, reason: `length ${n} is not a power of two ≤ 2^${TWO_ADICITY}` })
  return k
}

/** Reorders a in place so that a[i] and a[rev_k(i)] swap (rev_k reverses the low k bits of i). */
export function bitReverse(a: Uint32Array): void {
  const n = a.length
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1
    for (; j & bit; bit >>= 1) j ^= bit
    j ^= bit
    if (i < j) {
      const t = a[i] as number
      a[i] = a[j] as number
      a[j] = t
    }
  }
}

function transform(a: Uint32Array, root: Base): void {
  const n = a.length
  bitReverse(a)
  for (let len = 2; len <= n; len <<= 1) {
    const wLen = pow(root, n / len)
    const half = len >> 1
    const tw = new Array<Base>(half)
    tw[0] = 1
    for (let j = 1; j < half; j++) tw[j] = mul(tw[j - 1] as Base, wLen)
    for (let i = 0; i < n; i += len) {
      for (let j = 0; j < half; j++) {
        const u = a[i + j] as Base
        const v = mul(a[i + j + half] as Base, tw[j] as Base)
        a[i + j] = add(u, v)
        a[i + j + half] = sub(u, v)
      }
    }
  }
}

/**
 * Forward NTT in place: coefficients → evaluations on the subgroup of order n (natural order).
 * @throws {InvalidProverInputError} if the length is not a power of two ≤ 2^27.
 */
export function ntt(a: Uint32Array): void {
  transform(a, rootOfUnity(logSize(a.length, 'NTT input')))
}

/**
 * Inverse NTT in place: evaluations on the subgroup of order n (natural order) → coefficients.
 * @throws {InvalidProverInputError} if the length is not a power of two ≤ 2^27.
 */
export function intt(a: Uint32Array): void {
  const n = a.length
  transform(a, inv(rootOfUnity(logSize(n, 'iNTT input'))))
  const nInv = inv(n % P)
  for (let i = 0; i < n; i++) a[i] = mul(a[i] as Base, nInv)
}

/**
 * Low-degree extension onto a coset. Input: the evaluations of f (deg f < n) on the subgroup H of
 * order n, natural order. Output (new array of length n·2^logBlowup): f(shift·ω'^i) for
 * i = 0..n·2^logBlowup − 1, ω' = rootOfUnity(log2(n) + logBlowup). The default shift GENERATOR = 31
 * keeps the coset disjoint from every two-adic subgroup; shift = 1 gives the plain subgroup, on which
 * out[i·2^logBlowup] = evals[i].
 * @throws {InvalidProverInputError} if sizes are not powers of two or the extended size exceeds 2^27.
 */
export function cosetLde(evals: Uint32Array, logBlowup: number, shift: Base = GENERATOR): Uint32Array {
  const n = evals.length
  const k = logSize(n, 'LDE input')
  if (!Number.isInteger(logBlowup) || logBlowup < 0 || k + logBlowup > TWO_ADICITY) {
    throw new InvalidProverInputError({ what: 'LDE blowup', reason: `log blowup ${logBlowup} with log size ${k} exceeds 2^${TWO_ADICITY}` })
  }
  const out = new Uint32Array(n << logBlowup)
  out.set(evals)
  const coeffs = out.subarray(0, n)
  intt(coeffs)
  let s = 1
  for (let j = 0; j < n; j++) {
    coeffs[j] = mul(coeffs[j] as Base, s)
    s = mul(s, shift)
  }
  ntt(out)
  return out
}

/** Σ_j coeffs[j]·z^j by Horner's rule, at an extension point z. */
export function evalCoeffsAt(coeffs: ArrayLike<Base>, z: Ext4): Ext4 {
  let acc = EXT_ZERO
  for (let j = coeffs.length - 1; j >= 0; j--) acc = extAdd(extMul(acc, z), fromBase(coeffs[j] as Base))
  return acc
}

/**
 * f(z) for f given by its evaluations on the coset shift·H (H of order n, natural order), by the
 * barycentric formula f(z) = ((z/s)^n − 1)/n · Σ_i y_i·ω^i / (z/s − ω^i) (Berrut–Trefethen 2004, §5,
 * with nodes the n-th roots of unity scaled by s). Uses one extension inversion per point.
 * @throws {InvalidProverInputError} if z lies on the coset (use the evaluation there directly) or n is not a power of two.
 */
export function evalEvalsAt(evals: ArrayLike<Base>, z: Ext4, shift: Base = 1): Ext4 {
  const n = evals.length
  const w = rootOfUnity(logSize(n, 'evaluations'))
  const x = extMulBase(z, inv(shift))
  const vanishing = extSub(extPow(x, n), EXT_ONE)
  if (vanishing.every((c) => c === 0)) throw new InvalidProverInputError({ what: 'evaluation point', reason: 'it lies on the evaluation domain' })
  let sum = EXT_ZERO
  let wi = 1
  for (let i = 0; i < n; i++) {
    const term = extMulBase(extInv(extSub(x, fromBase(wi))), mul(evals[i] as Base, wi))
    sum = extAdd(sum, term)
    wi = mul(wi, w)
  }
  return extMulBase(extMul(vanishing, sum), inv(n % P))
}

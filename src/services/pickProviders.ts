/** A uniformly random u32 from the platform's CSPRNG (`crypto.getRandomValues`, browser and Node ≥ 19). */
export function cryptoU32(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] as number
}

/** A uniform integer in [0, n) from `u32` by rejection (no modulo bias). n ≤ 2^32. */
export function uniformBelow(n: number, u32: () => number = cryptoU32): number {
  if (!Number.isSafeInteger(n) || n <= 0 || n > 2 ** 32) throw new RangeError(`uniformBelow: n = ${n}`)
  const limit = 2 ** 32 - (2 ** 32 % n)
  for (;;) {
    const x = u32()
    if (x < limit) return x % n
  }
}

/**
 * `k` distinct items of `items` chosen uniformly at random (partial Fisher–Yates over a copy), in the order drawn.
 * A provider cannot predict whether it is asked, so it cannot lie only when it knows it is alone.
 * @throws {RangeError} Unless 1 ≤ k ≤ items.length.
 */
export function pickRandom<T>(items: readonly T[], k: number, u32: () => number = cryptoU32): T[] {
  if (!Number.isInteger(k) || k < 1 || k > items.length) throw new RangeError(`pickRandom: k = ${k} of ${items.length}`)
  const a = items.slice()
  for (let i = 0; i < k; i++) {
    const j = i + uniformBelow(a.length - i, u32)
    ;[a[i], a[j]] = [a[j] as T, a[i] as T]
  }
  return a.slice(0, k)
}

/** The default k for n providers: min(3, n). */
export const defaultK = (n: number): number => Math.min(3, n)

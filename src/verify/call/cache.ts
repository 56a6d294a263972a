import type { CallProofCache } from './types.ts'

/**
 * A cache for verifiedCall: verified accounts (by state root, address and keys) and hash-checked code (by
 * code hash). Only values that passed verification enter it, and each is keyed by the root it was verified
 * under, so a hit is as good as a fresh check. Oldest entries go first past `maxEntries`.
 */
export function createCallProofCache(maxEntries = 2048): CallProofCache {
  const map = new Map<string, unknown>()
  const set = map.set.bind(map)
  map.set = (k, v) => {
    map.delete(k)
    set(k, v)
    while (map.size > maxEntries) map.delete(map.keys().next().value as string)
    return map
  }
  return map
}

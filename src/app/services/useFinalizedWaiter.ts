import { useCallback, useEffect, useRef } from 'react'
import type { LightClientSnapshot } from '../../bus/lightClientStatus.ts'

/**
 * `finalizedAtLeast(block, signal)`: resolves once the light client's finalized execution block number is ≥ `block`,
 * woken by the light client's own snapshots (no timer); rejects with the signal's reason on abort.
 */
export function useFinalizedWaiter(lc: LightClientSnapshot | null, networkId: string) {
  const waiters = useRef(new Set<{ block: bigint; resolve: () => void }>())
  const current = useRef<bigint>(-1n)
  const n = lc && lc.networkId === networkId ? lc.finalized?.execution?.blockNumber : undefined
  useEffect(() => {
    if (n === undefined) return
    current.current = BigInt(n)
    for (const w of [...waiters.current]) {
      if (current.current >= w.block) {
        waiters.current.delete(w)
        w.resolve()
      }
    }
  }, [n])
  return useCallback(
    (block: bigint, signal: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        if (current.current >= block) return resolve()
        const w = {
          block,
          resolve: () => {
            signal.removeEventListener('abort', onAbort)
            resolve()
          },
        }
        const onAbort = () => {
          waiters.current.delete(w)
          reject(signal.reason)
        }
        signal.addEventListener('abort', onAbort, { once: true })
        waiters.current.add(w)
      }),
    [],
  )
}

import { useEffect, useState } from 'react'

type BatteryManagerLike = EventTarget & { charging: boolean; level: number }

/** The Battery API's state: `unsupported` when `navigator.getBattery` is absent or refuses. */
export type BatteryState = { kind: 'unsupported'; reason: string } | { kind: 'known'; charging: boolean; level: number } | { kind: 'pending' }

/** Follows `navigator.getBattery()` (chargingchange/levelchange). */
export function useBattery(): BatteryState {
  const [state, setState] = useState<BatteryState>({ kind: 'pending' })
  useEffect(() => {
    const getBattery = (navigator as { getBattery?: () => Promise<BatteryManagerLike> }).getBattery
    if (typeof getBattery !== 'function') {
      setState({ kind: 'unsupported', reason: 'this browser has no Battery API' })
      return
    }
    let battery: BatteryManagerLike | undefined
    let gone = false
    const update = () => battery && setState({ kind: 'known', charging: battery.charging, level: battery.level })
    getBattery.call(navigator).then(
      (b) => {
        if (gone) return
        battery = b
        b.addEventListener('chargingchange', update)
        b.addEventListener('levelchange', update)
        update()
      },
      (e: unknown) => !gone && setState({ kind: 'unsupported', reason: e instanceof Error ? e.message : 'getBattery() was refused' }),
    )
    return () => {
      gone = true
      battery?.removeEventListener('chargingchange', update)
      battery?.removeEventListener('levelchange', update)
    }
  }, [])
  return state
}

import { lazy, Suspense, useEffect, useState } from 'react'

const WalletButton = lazy(() => import('./WalletButton.tsx'))

/**
 * The header's wallet button without wagmi in the first chunk: a placeholder until the light client has shown its
 * first value (`ready`), the browser is idle, or the user reaches for it; then the wagmi chunk loads.
 */
export function LazyWalletButton({ ready }: { ready: boolean }) {
  const [load, setLoad] = useState(false)
  // A click on the placeholder opens the real button's panel once it has loaded.
  const [clicked, setClicked] = useState(false)
  useEffect(() => {
    if (load) return
    if (ready) {
      const w = globalThis as unknown as { requestIdleCallback?: (f: () => void, o?: { timeout: number }) => number }
      if (w.requestIdleCallback) w.requestIdleCallback(() => setLoad(true), { timeout: 2_000 })
      else setTimeout(() => setLoad(true), 0)
      return
    }
    // Never wait forever on a light client that does not sync: load after a while anyway.
    const t = setTimeout(() => setLoad(true), 8_000)
    return () => clearTimeout(t)
  }, [ready, load])
  const placeholder = (
    <button
      type="button"
      className="rounded-md px-2.5 py-1 text-sm ring-1 ring-slate-300 hover:bg-slate-100 dark:ring-slate-700 dark:hover:bg-slate-800"
      onClick={() => {
        setClicked(true)
        setLoad(true)
      }}
      onPointerEnter={() => setLoad(true)}
      onFocus={() => setLoad(true)}
      data-testid="wallet-placeholder"
    >
      Connect wallet
    </button>
  )
  if (!load) return placeholder
  return (
    <Suspense fallback={placeholder}>
      <WalletButton initiallyOpen={clicked} />
    </Suspense>
  )
}

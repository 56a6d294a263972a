import { useEffect, useRef, useState } from 'react'
import { formatEther } from 'viem'
import { Hash } from '../ui/Hash.tsx'
import { useWallet } from './hooks.ts'
import { WalletError } from './WalletError.tsx'
import { WalletScope } from './WalletScope.tsx'

const btn =
  'rounded-md px-2.5 py-1 text-sm ring-1 ring-slate-300 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-emerald-500 disabled:opacity-50 dark:ring-slate-700 dark:hover:bg-slate-800'

/** The header's wallet control (default export: AppShell loads it lazily, so wagmi stays out of the first chunk). */
export default function WalletButton({ initiallyOpen = false }: { initiallyOpen?: boolean }) {
  return (
    <WalletScope>
      <WalletControl initiallyOpen={initiallyOpen} />
    </WalletScope>
  )
}

/** Connect (list of EIP-6963 wallets), account (short address + copy), balance, switch chain, clear error states. */
export function WalletControl({ initiallyOpen = false }: { initiallyOpen?: boolean }) {
  const w = useWallet()
  const [open, setOpen] = useState(initiallyOpen)
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!open) return
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('mousedown', close)
    return () => document.removeEventListener('mousedown', close)
  }, [open])
  const error = w.connect.error ?? w.switchChain.error ?? w.disconnect.error

  return (
    <div ref={ref} className="relative text-sm" data-testid="wallet">
      {w.status === 'connected' && w.address ? (
        <button type="button" className={btn} aria-expanded={open} onClick={() => setOpen(!open)} data-testid="wallet-account">
          {w.wrongChain && (
            <span className="mr-1 text-amber-600" aria-hidden="true">
              ⚠
            </span>
          )}
          <span className="mono">{`${w.address.slice(0, 6)}…${w.address.slice(-4)}`}</span>
        </button>
      ) : (
        <button
          type="button"
          className={btn}
          aria-expanded={open}
          disabled={w.status === 'connecting' || w.status === 'reconnecting'}
          onClick={() => setOpen(!open)}
          data-testid="wallet-connect"
        >
          {w.status === 'connecting' || w.status === 'reconnecting' ? 'Connecting…' : 'Connect wallet'}
        </button>
      )}
      {open && (
        <div
          className="absolute right-0 z-20 mt-2 w-80 space-y-3 rounded-lg bg-white p-3 shadow-lg ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-700"
          data-testid="wallet-panel"
        >
          {w.status === 'connected' && w.address ? (
            <>
              <div>
                <div className="text-xs text-slate-500 dark:text-slate-400">Account ({w.connector?.name})</div>
                <Hash value={w.address} label="address" />
              </div>
              {w.wrongChain ? (
                <div role="alert" className="rounded-md bg-amber-50 p-2 text-amber-900 dark:bg-amber-950 dark:text-amber-200" data-testid="wallet-wrong-chain">
                  Your wallet is on chain {w.walletChainId}; this network is {w.chainName} (chain {w.chainId}).{' '}
                  <button type="button" className={btn} disabled={w.switchChain.isPending} onClick={() => w.switchChain.mutate()} data-testid="wallet-switch">
                    Switch to {w.chainName}
                  </button>
                </div>
              ) : (
                <div>
                  <div className="text-xs text-slate-500 dark:text-slate-400">Balance on {w.chainName} (from the RPC, not verified)</div>
                  <span data-testid="wallet-balance">
                    {w.balance.data ? `${Number(formatEther(w.balance.data.value)).toFixed(4)} ETH` : w.balance.isError ? 'unavailable' : '…'}
                  </span>
                </div>
              )}
              <button type="button" className={btn} onClick={() => w.disconnect.mutate()}>
                Disconnect
              </button>
            </>
          ) : w.connectors.length === 0 ? (
            <p data-testid="wallet-none">
              No wallet found in this browser. Install one that announces itself (EIP-6963), then reload. Everything else in Lightbus works without a wallet.
            </p>
          ) : (
            <ul className="space-y-1" aria-label="Wallets found in this browser">
              {w.connectors.map((c) => (
                <li key={c.uid}>
                  <button
                    type="button"
                    className={`${btn} flex w-full items-center gap-2`}
                    disabled={w.connect.isPending}
                    onClick={() => w.connect.mutate({ connector: c })}
                    data-testid="wallet-option"
                  >
                    {c.icon && <img src={c.icon} alt="" className="h-5 w-5" />}
                    {c.name}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {error && <WalletError error={error} />}
        </div>
      )}
    </div>
  )
}

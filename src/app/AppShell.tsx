import { useEffect } from 'react'
import { NavLink, Outlet, useSearchParams } from 'react-router'
import { SyncAnnouncer } from '../ui/SyncAnnouncer.tsx'
import { ThemeToggle } from '../ui/ThemeToggle.tsx'
import { LazyWalletButton } from '../wallet/LazyWalletButton.tsx'
import { startLightClient, useLightClient } from './lightClientState.ts'
import { useNetwork } from './useNetwork.ts'

const STATUS_TEXT = { syncing: 'Syncing', synced: 'Synced', stalled: 'Stalled', failed: 'Failed' } as const
const STATUS_DOT = { syncing: 'bg-sky-500 animate-pulse', synced: 'bg-emerald-500', stalled: 'bg-amber-500', failed: 'bg-rose-500' } as const

/** Layout: header with network picker and light-client status, then the page. Starts the light client. */
export function AppShell() {
  const { config, networks, network, checkpointRoot, unknownNetwork } = useNetwork()
  const [params, setParams] = useSearchParams()
  const lc = useLightClient()

  useEffect(() => {
    if (network && checkpointRoot) startLightClient(network, checkpointRoot)
  }, [network, checkpointRoot])

  const search = params.toString() ? `?${params.toString()}` : ''
  const nav = ({ isActive }: { isActive: boolean }) =>
    `rounded-md px-3 py-1.5 text-sm ${isActive ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900' : 'hover:bg-slate-100 dark:hover:bg-slate-800'}`

  return (
    <div className="min-h-screen">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="border-b border-slate-200 dark:border-slate-800">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-3 px-4 py-3">
          <span className="mr-2 text-lg font-bold tracking-tight">
            <span className="text-emerald-600 dark:text-emerald-400">●</span> Lightbus
          </span>
          <nav aria-label="Main" className="flex gap-1">
            <NavLink to={{ pathname: '/', search }} end className={nav}>
              Consensus
            </NavLink>
            <NavLink to={{ pathname: '/block', search }} className={nav}>
              Finalized block
            </NavLink>
            <NavLink to={{ pathname: '/state', search }} className={nav}>
              State proofs
            </NavLink>
            <NavLink to={{ pathname: '/results', search }} className={nav}>
              Verified results
            </NavLink>
            <NavLink to={{ pathname: '/prove', search }} className={nav}>
              Prove
            </NavLink>
            <NavLink to={{ pathname: '/donate', search }} className={nav}>
              Donate
            </NavLink>
            <NavLink to={{ pathname: '/storage', search }} className={nav}>
              Storage
            </NavLink>
            <NavLink to={{ pathname: '/jobs', search }} className={nav}>
              Jobs
            </NavLink>
            <NavLink to={{ pathname: '/services', search }} className={nav}>
              Services
            </NavLink>
          </nav>
          <div className="ml-auto flex items-center gap-3">
            {lc && (
              <span className="flex items-center gap-2 text-sm" data-testid="header-status">
                <span className={`h-2.5 w-2.5 rounded-full ${STATUS_DOT[lc.status.code]}`} aria-hidden="true" />
                {STATUS_TEXT[lc.status.code]}
              </span>
            )}
            <label className="text-sm">
              <span className="sr-only">Network</span>
              <select
                className="rounded-md bg-white px-2 py-1 ring-1 ring-slate-300 dark:bg-slate-900 dark:ring-slate-700"
                value={network?.id ?? ''}
                onChange={(e) => setParams({ network: e.target.value })}
              >
                {networks.map((n) => (
                  <option key={n.id} value={n.id}>
                    {n.name}
                  </option>
                ))}
              </select>
            </label>
            <LazyWalletButton ready={Boolean(lc && lc.status.code !== 'syncing')} />
            <ThemeToggle />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6">
        {config.isError && (
          <p role="alert" className="rounded-md bg-rose-50 p-3 text-rose-900 dark:bg-rose-950 dark:text-rose-200">
            Could not load config.json: {config.error.message}
          </p>
        )}
        {unknownNetwork && (
          <p role="alert" className="rounded-md bg-amber-50 p-3 text-amber-900 dark:bg-amber-950 dark:text-amber-200">
            No network “{unknownNetwork}” in config.json. Pick one above.
          </p>
        )}
        <Outlet />
      </main>
      <SyncAnnouncer />
    </div>
  )
}

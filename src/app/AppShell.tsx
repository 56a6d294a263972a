import { useEffect } from 'react'
import { NavLink, Outlet, useSearchParams } from 'react-router'
import { POLITE_REGION_ID } from '../ui/announce.ts'
import { MenuButton, useDisclosure } from '../ui/Disclosure.tsx'
import { SyncAnnouncer } from '../ui/SyncAnnouncer.tsx'
import { ThemeToggle } from '../ui/ThemeToggle.tsx'
import { LazyWalletButton } from '../wallet/LazyWalletButton.tsx'
import { markOnce } from '../workers/perfMarks.ts'
import { endHydration, startLightClient, useLightClientStatusCode } from './lightClientState.ts'
import { NAV, navLinkClass, STATUS_DOT, STATUS_TEXT } from './shellNav.ts'
import { useNetwork } from './useNetwork.ts'

/** Layout: header with network picker and light-client status, then the page. Starts the light client. */
export function AppShell() {
  const { config, networks, network, checkpointRoot, unknownNetwork } = useNetwork()
  const [params, setParams] = useSearchParams()
  // The header needs only the status code: it does not re-render on every light-client snapshot.
  const lc = useLightClientStatusCode()

  useEffect(() => {
    if (network && checkpointRoot) startLightClient(network, checkpointRoot)
  }, [network, checkpointRoot])
  // The app's first commit (after hydrating the first view, or its own first render): from here the page is React's.
  useEffect(() => {
    endHydration()
    markOnce('interactive')
  }, [])

  const search = params.toString() ? `?${params.toString()}` : ''
  const menu = useDisclosure()

  return (
    <div className="min-h-screen">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="border-b border-slate-200 dark:border-slate-800">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3">
          <span className="mr-2 text-lg font-bold tracking-tight">
            <span className="text-emerald-600 dark:text-emerald-400">●</span> Lightbus
          </span>
          {lc && (
            <span className="ml-auto flex items-center gap-2 text-sm" data-testid="header-status">
              <span className={`h-2.5 w-2.5 rounded-full ${STATUS_DOT[lc.status.code]}`} aria-hidden="true" />
              {STATUS_TEXT[lc.status.code]}
            </span>
          )}
          <MenuButton open={menu.open} onToggle={menu.toggle} buttonRef={menu.buttonRef} className={lc ? '' : 'ml-auto'} />
          {/* Below lg a disclosure panel (nav, then the controls); from lg its children join the bar: controls on
              the first line, the nav on its own line below. */}
          <div id="site-menu" ref={menu.panelRef} className={`${menu.open ? 'flex' : 'hidden'} w-full flex-col gap-3 pb-1 lg:contents`}>
            <nav aria-label="Main" className="lg:order-last lg:w-full">
              <ul className="flex flex-col gap-1 lg:flex-row lg:flex-wrap">
                {NAV.map(([to, text]) => (
                  <li key={to}>
                    <NavLink to={{ pathname: to, search }} end={to === '/'} className={navLinkClass} onClick={menu.close}>
                      {text}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
            <div className={`flex flex-wrap items-center gap-3 ${lc ? '' : 'lg:ml-auto'}`}>
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
      <div id={POLITE_REGION_ID} role="status" aria-live="polite" className="sr-only" data-testid="polite-region" />
    </div>
  )
}

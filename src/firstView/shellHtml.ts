// React's AppShell (src/app/AppShell.tsx: header, navigation, network picker, wallet placeholder, theme toggle, live
// regions) as the first view's HTML, menu closed: the same markup as react-dom/server renders for it
// (src/firstView/firstViewHtml.test.ts checks it).
import { NAV, navLinkClass, STATUS_DOT, STATUS_TEXT } from '../app/shellNav.ts'
import type { LightClientSnapshot } from '../bus/lightClientStatus.ts'
import type { NetworkConfig } from '../net/networkConfig.ts'
import { POLITE_REGION_ID } from '../ui/announce.ts'
import { el, esc, TEXT_SEP } from './html.ts'

export type ShellModel = {
  networks: NetworkConfig[]
  /** The selected network's id. */
  networkId: string
  /** The page's path (`/`) and query string (`?…` or ''). */
  pathname: string
  search: string
  status: LightClientSnapshot['status'] | null
  /** Whether the page is in the dark theme (`<html class="dark">`, set by the head script). */
  dark: boolean
}

const RING_BUTTON = 'ring-1 ring-slate-300 hover:bg-slate-100 dark:ring-slate-700 dark:hover:bg-slate-800'

/** The shell around a page's HTML (`main`). */
export function shellHtml({ networks, networkId, pathname, search, status, dark }: ShellModel, main: string): string {
  const code = status?.code
  const statusPill = code
    ? el(
        'span',
        { class: 'ml-auto flex items-center gap-2 text-sm', 'data-testid': 'header-status' },
        el('span', { class: `h-2.5 w-2.5 rounded-full ${STATUS_DOT[code]}`, 'aria-hidden': 'true' }),
        esc(STATUS_TEXT[code]),
      )
    : ''
  const menuButton = el(
    'button',
    {
      type: 'button',
      'aria-expanded': 'false',
      'aria-controls': 'site-menu',
      class: `flex items-center gap-1.5 rounded-md px-2 py-1 text-sm ring-1 ring-slate-300 hover:bg-slate-100 lg:hidden dark:ring-slate-700 dark:hover:bg-slate-800 ${code ? '' : 'ml-auto'}`,
    },
    '<svg aria-hidden="true" viewBox="0 0 16 16" class="h-4 w-4" fill="none" stroke="currentColor" stroke-width="1.5"><path d="M2.5 4h11M2.5 8h11M2.5 12h11"></path></svg>',
    'Menu',
  )
  const nav = el(
    'nav',
    { 'aria-label': 'Main', class: 'lg:order-last lg:w-full' },
    el(
      'ul',
      { class: 'flex flex-col gap-1 lg:flex-row lg:flex-wrap' },
      ...NAV.map(([to, text]) => {
        const isActive = to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`)
        return el(
          'li',
          {},
          el(
            'a',
            { 'aria-current': isActive ? 'page' : undefined, class: navLinkClass({ isActive }), href: `${to}${search}`, 'data-discover': 'true' },
            esc(text),
          ),
        )
      }),
    ),
  )
  const select = el(
    'label',
    { class: 'text-sm' },
    el('span', { class: 'sr-only' }, 'Network'),
    el(
      'select',
      { class: 'rounded-md bg-white px-2 py-1 ring-1 ring-slate-300 dark:bg-slate-900 dark:ring-slate-700' },
      ...networks.map((n) => el('option', { value: n.id, selected: n.id === networkId }, esc(n.name))),
    ),
  )
  const wallet = el('button', { type: 'button', class: `rounded-md px-2.5 py-1 text-sm ${RING_BUTTON}`, 'data-testid': 'wallet-placeholder' }, 'Connect wallet')
  const theme = el(
    'button',
    {
      type: 'button',
      'aria-label': dark ? 'Dark theme, switch to light' : 'Light theme, switch to dark',
      title: dark ? 'Switch to the light theme' : 'Switch to the dark theme',
      'data-testid': 'theme-toggle',
      'data-theme': dark ? 'dark' : 'light',
      class: `rounded-md px-2 py-1 text-sm ${RING_BUTTON}`,
    },
    el('span', { 'aria-hidden': 'true' }, dark ? '☾' : '☀'),
    ` ${TEXT_SEP}${dark ? 'Dark' : 'Light'}`,
  )
  const header = el(
    'header',
    { class: 'border-b border-slate-200 dark:border-slate-800' },
    el(
      'div',
      { class: 'mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3' },
      el('span', { class: 'mr-2 text-lg font-bold tracking-tight' }, el('span', { class: 'text-emerald-600 dark:text-emerald-400' }, '●'), ' Lightbus'),
      statusPill,
      menuButton,
      el(
        'div',
        { id: 'site-menu', class: 'hidden w-full flex-col gap-3 pb-1 lg:contents' },
        nav,
        el('div', { class: `flex flex-wrap items-center gap-3 ${code ? '' : 'lg:ml-auto'}` }, select, wallet, theme),
      ),
    ),
  )
  return el(
    'div',
    { class: 'min-h-screen' },
    el('a', { href: '#main', class: 'skip-link' }, 'Skip to content'),
    header,
    el('main', { id: 'main', tabindex: '-1', class: 'mx-auto max-w-6xl px-4 py-6' }, main),
    el('div', { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true', class: 'sr-only', 'data-testid': 'sync-announcer' }),
    el('div', { role: 'alert', class: 'sr-only', 'data-testid': 'sync-alert' }),
    el('div', { id: POLITE_REGION_ID, role: 'status', 'aria-live': 'polite', class: 'sr-only', 'data-testid': 'polite-region' }),
  )
}

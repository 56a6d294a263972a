// The app shell's navigation and status texts, shared by React's AppShell and the first view (src/firstView), which
// renders the same markup before React has loaded.

/** The main navigation: path, link text. */
export const NAV = [
  ['/', 'Consensus'],
  ['/block', 'Finalized block'],
  ['/state', 'State proofs'],
  ['/results', 'Verified results'],
  ['/prove', 'Prove'],
  ['/donate', 'Donate'],
  ['/storage', 'Storage'],
  ['/jobs', 'Jobs'],
  ['/services', 'Services'],
] as const

export const STATUS_TEXT = { syncing: 'Syncing', synced: 'Synced', stalled: 'Stalled', failed: 'Failed' } as const
export const STATUS_DOT = { syncing: 'bg-sky-500 animate-pulse', synced: 'bg-emerald-500', stalled: 'bg-amber-500', failed: 'bg-rose-500' } as const

/** A navigation link's classes. */
export const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  `block rounded-md px-3 py-1.5 text-sm ${isActive ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900' : 'hover:bg-slate-100 dark:hover:bg-slate-800'}`

// The provenance badge's look and text, shared by React's ProvenanceBadge and the first view (src/firstView).
import type { Provenance } from '../bus/provenance.ts'

const STYLE = {
  verified: 'bg-emerald-100 text-emerald-900 ring-emerald-600/30 dark:bg-emerald-900/40 dark:text-emerald-200',
  anchored: 'bg-amber-100 text-amber-900 ring-amber-600/30 dark:bg-amber-900/40 dark:text-amber-200',
  trusted: 'bg-slate-100 text-slate-800 ring-slate-500/30 dark:bg-slate-800 dark:text-slate-200',
  unsupported: 'bg-slate-100 text-slate-700 ring-slate-400/40 dark:bg-slate-800 dark:text-slate-300',
  'proof-only': 'bg-amber-50 text-amber-900 ring-amber-500/40 dark:bg-amber-950/40 dark:text-amber-200',
  failed: 'bg-rose-100 text-rose-900 ring-rose-600/30 dark:bg-rose-900/40 dark:text-rose-200',
} as const

/** The badge's text. */
export const labelOf = (p: Provenance) =>
  p.status === 'verified'
    ? p.anchor === 'block-hash'
      ? 'verified · hash anchor'
      : 'verified'
    : p.status === 'trusted' && p.forced
      ? 'trusted (forced update)'
      : p.status === 'proof-only'
        ? p.label
        : p.status

/** The badge's colours for a provenance (a block-hash anchor has its own). */
export const badgeStyle = (p: Provenance) => (p.status === 'verified' && p.anchor === 'block-hash' ? STYLE.anchored : STYLE[p.status])

export const BADGE_ICON = { verified: '✔', failed: '✖', trusted: '⚠', unsupported: '–', 'proof-only': '◐' } as const

export const BADGE_BUTTON_CLASS =
  'inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset focus-visible:outline-2 focus-visible:outline-emerald-500'

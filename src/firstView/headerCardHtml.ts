// React's HeaderCard (src/ui/HeaderCard.tsx) with its Hash, CopyButton and ProvenanceBadge, as the first view's HTML:
// the same markup as react-dom/server renders for them (src/firstView/firstViewHtml.test.ts checks it).
import type { Provenance } from '../bus/provenance.ts'
import type { HeaderSummary } from '../consensus/lightClientHeader.ts'
import { BADGE_BUTTON_CLASS, BADGE_ICON, badgeStyle, labelOf } from '../ui/badgeStyle.ts'
import { hashText } from '../ui/hashText.ts'
import { el, esc } from './html.ts'

const COPY_ICON =
  '<svg aria-hidden="true" viewBox="0 0 16 16" class="h-3.5 w-3.5" fill="none" stroke="currentColor" stroke-width="1.5">' +
  '<rect x="5" y="5" width="9" height="9" rx="1.5"></rect><path d="M11 5V3.5A1.5 1.5 0 0 0 9.5 2h-6A1.5 1.5 0 0 0 2 3.5v6A1.5 1.5 0 0 0 3.5 11H5"></path></svg>'
const COPY_CLASS =
  'rounded p-0.5 text-slate-500 dark:text-slate-400 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-emerald-500 dark:hover:bg-slate-800 dark:hover:text-slate-100'
const DIALOG_CLASS = 'm-auto w-[min(44rem,95vw)] rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-black/50 dark:bg-slate-900 dark:text-slate-100'

/** `Hash`: a shortened hex value with its copy button (closed state). */
export function hashHtml(value: string, label: string): string {
  const shown = hashText(value)
  const copy = el(
    'span',
    { class: 'inline-flex shrink-0 items-center ' },
    el('button', { type: 'button', class: COPY_CLASS, 'aria-label': `Copy ${label}`, title: `Copy ${label}` }, COPY_ICON),
  )
  return el(
    'span',
    { class: 'inline-flex max-w-full min-w-0 items-start gap-1 align-top' },
    el('span', { class: `mono min-w-0 ${shown === value ? 'break-all' : 'whitespace-nowrap'}`, title: value, 'data-value': value }, esc(shown)),
    copy,
  )
}

/** `ProvenanceBadge`, closed (its dialog empty, as React renders it until opened). */
export function badgeHtml(p: Provenance, what: string): string {
  const label = labelOf(p)
  return (
    el(
      'button',
      {
        type: 'button',
        'data-testid': 'provenance-badge',
        'data-status': p.status,
        class: `${BADGE_BUTTON_CLASS} ${badgeStyle(p)}`,
        'aria-haspopup': 'dialog',
        'aria-label': `${what}: ${label}. Show how it was checked.`,
      },
      el('span', { 'aria-hidden': 'true' }, esc(BADGE_ICON[p.status])),
      esc(label),
    ) + el('dialog', { 'aria-label': `How ${what} was checked`, class: DIALOG_CLASS })
  )
}

/** `HeaderCard`: a verified beacon header and its execution payload header. */
export function headerCardHtml(title: string, header: HeaderSummary, provenance: Provenance, testId: string): string {
  const ex = header.execution
  const rows: [string, string][] = [
    ['Slot', el('span', { class: 'mono', 'data-testid': `${testId}-slot` }, esc(header.slot))],
    ['Beacon block root', hashHtml(header.blockRoot, 'block root')],
  ]
  if (ex) {
    const ts = new Date(ex.timestamp * 1000)
    rows.push(
      [
        'Execution block',
        el('span', { class: 'mono', 'data-testid': `${testId}-block-number`, 'data-verified': String(provenance.status === 'verified') }, esc(ex.blockNumber)),
      ],
      ['Execution state root', el('span', { 'data-testid': `${testId}-state-root` }, hashHtml(ex.stateRoot, 'state root'))],
      ['Block hash', hashHtml(ex.blockHash, 'block hash')],
      ['Transactions root', hashHtml(ex.transactionsRoot, 'transactions root')],
      ['Timestamp', el('time', { dateTime: ts.toISOString() }, esc(ts.toUTCString()))],
    )
  }
  return el(
    'section',
    { 'aria-labelledby': `${testId}-title`, class: 'rounded-lg border border-slate-200 p-4 dark:border-slate-800', 'data-testid': testId },
    el(
      'h2',
      { id: `${testId}-title`, class: 'mb-3 flex items-center justify-between font-semibold' },
      esc(title),
      badgeHtml(provenance, `${title} (slot ${header.slot})`),
    ),
    el(
      'dl',
      { class: 'grid grid-cols-[minmax(0,max-content)_minmax(min-content,1fr)] wrap-break-word gap-x-4 gap-y-1.5 text-sm' },
      ...rows.map(([k, v]) =>
        el('div', { class: 'contents' }, el('dt', { class: 'text-slate-500 dark:text-slate-400' }, esc(k)), el('dd', { class: 'flex items-center gap-2' }, v)),
      ),
    ),
  )
}

// React's Consensus page (src/routes/Overview.tsx) as the first view's HTML, for the states the first view shows
// (a light client starting, syncing, synced or stalled): the same markup as react-dom/server renders for it on its
// first render, whose step chart is deferred and so empty (src/firstView/firstViewHtml.test.ts checks it).
import type { LightClientSnapshot } from '../bus/lightClientStatus.ts'
import { executionHeaderChecks, lightClientChecks, lightClientProvenance } from '../bus/provenance.ts'
import type { NetworkConfig } from '../net/networkConfig.ts'
import { DEVNET_BANNER, DEVNET_CHECKPOINT_NOTE, NOT_STARTED_TEXT, PHASE_TEXT, REPLAY_BANNER, RESTORED_NOTE, syncedText } from '../routes/overviewText.ts'
import { headerCardHtml } from './headerCardHtml.ts'
import { el, esc, TEXT_SEP } from './html.ts'

export type OverviewModel = {
  network: NetworkConfig
  checkpointRoot: string
  checkpointSource: 'url' | 'config' | 'devnet'
  /** The light client's latest snapshot, when it is this network's and checkpoint's. */
  current: LightClientSnapshot | null
  /** The page's query string (`?…` or ''), kept on links. */
  search: string
}

const BOX = 'rounded-lg border border-slate-200 p-4 dark:border-slate-800'
const SECONDARY_BUTTON = 'rounded-md px-3 py-1 text-sm ring-1 ring-slate-300 hover:bg-slate-100 dark:ring-slate-700 dark:hover:bg-slate-800'

function progressHtml(value: number, max: number, label: string): string {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0
  return el(
    'div',
    {},
    el(
      'div',
      { class: 'mb-1 flex justify-between text-sm text-slate-600 dark:text-slate-400' },
      el('span', {}, esc(label)),
      el('span', {}, `${esc(value)}${TEXT_SEP}/${TEXT_SEP}${esc(max)}`),
    ),
    el(
      'div',
      {
        role: 'progressbar',
        'aria-label': label,
        'aria-valuemin': 0,
        'aria-valuemax': max,
        'aria-valuenow': value,
        class: 'h-2 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800',
      },
      el('div', { class: 'h-full w-full origin-left bg-emerald-500 transition-transform', style: `transform:scaleX(${pct / 100})` }),
    ),
  )
}

function statusText(s: LightClientSnapshot['status'] | undefined): string {
  if (!s) return NOT_STARTED_TEXT
  if (s.code === 'syncing') return PHASE_TEXT[s.phase]
  if (s.code === 'synced') return syncedText(s.headMode)
  if (s.code === 'stalled') return `Stalled: ${s.reason}.`
  throw new Error('the first view does not show a failed light client')
}

/** The Consensus page for a network with a checkpoint. @throws {Error} for a failed light client (React shows it). */
export function overviewHtml({ network, checkpointRoot, checkpointSource, current, search }: OverviewModel): string {
  const status = current?.status
  const following = status?.code === 'synced' || status?.code === 'stalled'
  const chain = current ? lightClientChecks(current.checkpointRoot, current.steps) : []
  const card = (which: 'finalized' | 'optimistic', title: string) => {
    const h = current?.[which]
    if (!current || !h) return ''
    const p = lightClientProvenance(current.checkpointRoot, h.forced, [...chain, ...executionHeaderChecks(h, which)])
    return headerCardHtml(title, h, p, which)
  }
  const title = el(
    'section',
    { 'aria-labelledby': 'network-title' },
    el('h1', { id: 'network-title', class: 'text-2xl font-semibold' }, esc(network.name)),
    network.description ? el('p', { class: 'mt-1 max-w-3xl text-slate-600 dark:text-slate-400' }, esc(network.description)) : '',
    network.kind === 'devnet'
      ? el(
          'p',
          {
            class: 'mt-2 inline-block rounded bg-violet-100 px-2 py-1 text-sm text-violet-900 dark:bg-violet-900/40 dark:text-violet-200',
            'data-testid': 'devnet-banner',
          },
          esc(DEVNET_BANNER),
        )
      : '',
    network.kind === 'recorded'
      ? el(
          'p',
          { class: 'mt-2 inline-block rounded bg-sky-100 px-2 py-1 text-sm text-sky-900 dark:bg-sky-900/40 dark:text-sky-200', 'data-testid': 'replay-banner' },
          esc(REPLAY_BANNER),
        )
      : '',
  )
  const progress = status?.code === 'syncing' && status.progress ? status.progress : null
  const statusBox = el(
    'section',
    { 'aria-labelledby': 'status-title', class: BOX },
    el(
      'div',
      { class: 'flex flex-wrap items-center justify-between gap-2' },
      el('h2', { id: 'status-title', class: 'font-semibold' }, 'Light client'),
      el('button', { type: 'button', class: SECONDARY_BUTTON }, 'Resync from checkpoint'),
    ),
    el('p', { class: 'mt-2 text-lg', 'data-testid': 'lc-status', 'data-status': status?.code ?? 'syncing' }, esc(statusText(status))),
    progress
      ? el('div', { class: 'mt-3' }, progressHtml(progress.done, progress.total, `Sync-committee periods ${progress.fromPeriod}–${progress.toPeriod}`))
      : '',
    current?.restored
      ? el(
          'p',
          { class: 'mt-2 text-sm text-slate-600 dark:text-slate-400', 'data-testid': 'restored-note' },
          esc(RESTORED_NOTE(current.steps.find((s) => s.kind === 'restore')?.period)),
        )
      : '',
    ...(current?.notices ?? []).map((n) =>
      el('p', { class: 'mt-2 rounded bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200', 'data-testid': 'lc-notice' }, esc(n)),
    ),
    el(
      'p',
      { class: 'mono mt-2 break-all text-xs text-slate-500 dark:text-slate-400' },
      `checkpoint ${TEXT_SEP}${esc(checkpointRoot)}${checkpointSource === 'devnet' ? TEXT_SEP + esc(DEVNET_CHECKPOINT_NOTE) : ''}`,
    ),
  )
  const grid = el(
    'div',
    { class: 'grid gap-4 md:grid-cols-2' },
    card('finalized', following ? 'Finalized header' : 'Last verified finalized header'),
    card('optimistic', following ? 'Optimistic head' : 'Last verified optimistic head'),
    current?.finalized
      ? ''
      : el(
          'p',
          { class: 'rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-500 dark:text-slate-400 dark:border-slate-700' },
          'No verified header yet.',
        ),
  )
  const ex = current?.finalized?.execution
  const links =
    following && ex
      ? el(
          'p',
          { class: 'flex flex-wrap gap-3' },
          el(
            'a',
            { class: 'rounded-md bg-emerald-700 px-3 py-1.5 text-sm text-white hover:bg-emerald-800', href: `/block${search}`, 'data-discover': 'true' },
            `Verified block ${TEXT_SEP}${esc(ex.blockNumber)}${TEXT_SEP} and its transactions →`,
          ),
          el(
            'a',
            {
              class: 'rounded-md px-3 py-1.5 text-sm ring-1 ring-slate-300 hover:bg-slate-100 dark:ring-slate-700 dark:hover:bg-slate-800',
              href: `/state${search}`,
              'data-discover': 'true',
            },
            'State proofs →',
          ),
        )
      : ''
  // The step chart is deferred: React's first render has none (it fills in after hydration).
  const chart =
    current && current.steps.length > 0
      ? el(
          'section',
          { 'aria-labelledby': 'chain-title', class: BOX },
          el('h2', { id: 'chain-title', class: 'mb-2 font-semibold' }, 'Trust chain from the checkpoint'),
        )
      : ''
  return el('div', { class: 'space-y-6' }, title, statusBox, grid, links, chart)
}

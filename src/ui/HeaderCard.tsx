import type { Provenance } from '../bus/provenance.ts'
import type { HeaderSummary } from '../consensus/lightClientHeader.ts'
import { Hash } from './Hash.tsx'
import { ProvenanceBadge } from './ProvenanceBadge.tsx'

/** A verified beacon header and its execution payload header, every value with its badge. */
export function HeaderCard({ title, header, provenance, testId }: { title: string; header: HeaderSummary; provenance: Provenance; testId: string }) {
  const ex = header.execution
  const rows: [string, React.ReactNode][] = [
    [
      'Slot',
      <span key="s" className="mono" data-testid={`${testId}-slot`}>
        {header.slot}
      </span>,
    ],
    ['Beacon block root', <Hash key="r" value={header.blockRoot} label="block root" />],
    ...(ex
      ? ([
          [
            'Execution block',
            <span key="n" className="mono" data-testid={`${testId}-block-number`} data-verified={provenance.status === 'verified'}>
              {ex.blockNumber}
            </span>,
          ],
          [
            'Execution state root',
            <span key="sr" data-testid={`${testId}-state-root`}>
              <Hash value={ex.stateRoot} label="state root" />
            </span>,
          ],
          ['Block hash', <Hash key="h" value={ex.blockHash} label="block hash" />],
          ['Transactions root', <Hash key="t" value={ex.transactionsRoot} label="transactions root" />],
          [
            'Timestamp',
            <time key="ts" dateTime={new Date(ex.timestamp * 1000).toISOString()}>
              {new Date(ex.timestamp * 1000).toUTCString()}
            </time>,
          ],
        ] as [string, React.ReactNode][])
      : []),
  ]
  return (
    <section aria-labelledby={`${testId}-title`} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800" data-testid={testId}>
      <h2 id={`${testId}-title`} className="mb-3 flex items-center justify-between font-semibold">
        {title}
        <ProvenanceBadge provenance={provenance} what={`${title} (slot ${header.slot})`} />
      </h2>
      <dl className="grid grid-cols-[minmax(0,max-content)_minmax(min-content,1fr)] wrap-break-word gap-x-4 gap-y-1.5 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500 dark:text-slate-400">{k}</dt>
            <dd className="flex items-center gap-2">{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}

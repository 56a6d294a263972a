import { formatEther } from 'viem'
import { formatDuration, type JobStateView } from '../../app/jobs/jobView.ts'
import type { RequestStatus } from '../../app/jobs/marketApi.ts'
import type { JobProgress } from '../../app/jobs/progress.ts'
import type { Provenance } from '../../bus/provenance.ts'
import { ProgressBar } from '../ProgressBar.tsx'
import { ProvenanceBadge } from '../ProvenanceBadge.tsx'

type Step = { key: string; title: string; reached: boolean; detail: string | null; provenance?: Provenance | null }

/**
 * submitted → locked → fulfilled | expired, each step reached only in the PROVEN state (`view`), with the time to
 * lock, the proving time and the price paid (block times from the RPC), and the prover network's segment progress
 * while it proves (its own report, unverified).
 */
export function JobTimeline({
  view,
  status,
  submitted,
  times,
  progress,
  submittedProvenance,
}: {
  view: JobStateView | null
  status: RequestStatus | null
  submitted: boolean
  times: { submitted: number | null; locked: number | null; fulfilled: number | null } | undefined
  progress: JobProgress | null | undefined
  /** The RequestSubmitted log proven against its block's receipts root (null until then). */
  submittedProvenance?: Provenance | null | undefined
}) {
  const locked = Boolean(status && status.state >= 1 && status.lockedAtBlock > 0n)
  const toLock = times?.submitted != null && times.locked != null ? formatDuration(times.locked - times.submitted) : null
  const proving = times?.locked != null && times.fulfilled != null ? formatDuration(times.fulfilled - times.locked) : null
  const steps: Step[] = [
    {
      key: 'submitted',
      title: 'Submitted',
      reached: submitted || locked,
      detail: `${times?.submitted ? new Date(times.submitted * 1000).toLocaleTimeString('en-GB') : ''}${
        submitted && !locked && !submittedProvenance ? ' RequestSubmitted log seen by the RPC, not yet proven' : ''
      }`.trim(),
      provenance: submittedProvenance ?? null,
    },
    {
      key: 'locked',
      title: 'Locked',
      reached: locked,
      detail: locked && status ? `by ${status.locker.slice(0, 10)}… at block ${status.lockedAtBlock}${toLock ? `, ${toLock} after submission` : ''}` : null,
    },
    view?.state === 'expired'
      ? {
          key: 'expired',
          title: view.neverLocked ? 'Expired (never locked)' : view.slashed ? 'Expired · prover slashed' : 'Expired',
          reached: true,
          detail: status && status.deadline > 0n ? `deadline ${new Date(Number(status.deadline) * 1000).toLocaleTimeString('en-GB')}` : null,
        }
      : {
          key: 'fulfilled',
          title: view?.slashed ? 'Fulfilled · locker slashed' : 'Fulfilled',
          reached: view?.state === 'fulfilled',
          detail:
            view?.state === 'fulfilled' && status
              ? `by ${status.fulfiller.slice(0, 10)}… at block ${status.fulfilledAtBlock}${proving ? `; proving time ${proving}` : ''}; price paid ${formatEther(status.price)} ETH`
              : null,
        },
  ]
  return (
    <div className="space-y-3">
      <ol className="grid gap-2 sm:grid-cols-3" aria-label="Job timeline (proven states)" data-testid="job-timeline">
        {steps.map((s) => (
          <li
            key={s.key}
            className={`rounded-md border p-2 text-sm ${s.reached ? 'border-emerald-400 bg-emerald-50 dark:border-emerald-700 dark:bg-emerald-950/40' : 'border-slate-200 text-slate-500 dark:text-slate-400 dark:border-slate-800'}`}
            data-testid={`timeline-${s.key}`}
            data-reached={s.reached ? 'true' : 'false'}
          >
            <div className="font-medium">
              <span aria-hidden="true">{s.reached ? '● ' : '○ '}</span>
              {s.title}
              <span className="sr-only">{s.reached ? ' (reached)' : ' (not yet)'}</span>
              {s.provenance && (
                <span className="ml-2">
                  <ProvenanceBadge provenance={s.provenance} what="RequestSubmitted log" />
                </span>
              )}
            </div>
            {s.detail && <div className="text-xs text-slate-600 dark:text-slate-400">{s.detail}</div>}
          </li>
        ))}
      </ol>
      {progress && (
        <div className="space-y-1 text-sm" data-testid="job-progress">
          <div className="text-xs text-slate-500 dark:text-slate-400">
            Segment progress — the prover network’s report (coordinator, unverified): {progress.accepted}/{progress.segments} segments accepted
            {progress.leased ? `, ${progress.leased} being proven` : ''}, {progress.cycles.toLocaleString('en-US')} cycles
          </div>
          <ProgressBar value={progress.accepted} max={Math.max(1, progress.segments)} label="Segments proven (prover network report)" />
        </div>
      )}
    </div>
  )
}

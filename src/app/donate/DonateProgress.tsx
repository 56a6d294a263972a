import { memo } from 'react'
import { Hash } from '../../ui/Hash.tsx'
import type { DonateJob, DonateSnapshot, InFlight, SegmentRow } from './donateSession.ts'

const PHASES = ['leased', 'execute', 'prove', 'done']

/** Share of the segment in flight done: the backend's steps when it reports them, else the phase. */
function fraction(f: InFlight): number {
  if (f.total && f.total > 0 && f.done !== undefined) return Math.min(1, f.done / f.total)
  const i = PHASES.indexOf(f.phase)
  return i < 0 ? 0.5 : i / (PHASES.length - 1)
}

/** The segment in flight, a progress bar driven by the prover's phases. */
export function InFlightSegment({ inFlight }: { inFlight: InFlight | undefined }) {
  if (!inFlight) return null
  const pct = Math.round(fraction(inFlight) * 100)
  const steps = inFlight.total ? ` (${inFlight.done ?? 0}/${inFlight.total})` : ''
  return (
    <div data-testid="donate-inflight" data-lease-id={inFlight.leaseId} data-index={inFlight.index} data-phase={inFlight.phase} className="space-y-1">
      <div className="flex justify-between text-sm">
        <span>
          Segment {inFlight.index + 1} of {inFlight.segments} · {inFlight.cycles.toLocaleString()} cycles
        </span>
        <span className="text-slate-500 dark:text-slate-400">
          {inFlight.phase}
          {steps}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={`Segment ${inFlight.index + 1} in flight`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${inFlight.phase}${steps}`}
        className="h-2 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800"
      >
        <div className="h-full bg-emerald-500 transition-all" style={{ width: `${Math.max(pct, 3)}%` }} />
      </div>
    </div>
  )
}

const ROW_STYLE = {
  sent: 'text-slate-600 dark:text-slate-300',
  accepted: 'text-emerald-700 dark:text-emerald-300',
  rejected: 'text-rose-700 dark:text-rose-300',
  failed: 'text-amber-700 dark:text-amber-300',
} as const
const ROW_TEXT = { sent: 'sent, awaiting the coordinator', accepted: 'accepted', rejected: 'rejected', failed: 'failed here' } as const

/** Counters (from the coordinator's answers) and one row per segment this tab proved. Re-renders only when they change. */
export const SegmentLog = memo(function SegmentLog({ counts, rows }: { counts: DonateSnapshot['counts']; rows: SegmentRow[] }) {
  return (
    <section aria-labelledby="donate-segments" className="space-y-3">
      <h2 id="donate-segments" className="font-semibold">
        Segments
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="donate-counters">
        {(
          [
            ['Proofs sent', counts.sent, 'donate-sent'],
            ['Accepted', counts.accepted, 'donate-accepted'],
            ['Rejected', counts.rejected, 'donate-rejected'],
            ['Cycles accepted', counts.cyclesAccepted, 'donate-cycles'],
          ] as const
        ).map(([label, value, id]) => (
          <div key={id} className="rounded-md p-3 ring-1 ring-slate-200 dark:ring-slate-800">
            <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
            <dd className="text-xl font-semibold tabular-nums" data-testid={id}>
              {value.toLocaleString()}
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Accepted and rejected are the coordinator’s answers (it verifies every proof); this tab trusts neither side.
      </p>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">No segment proven in this tab yet.</p>
      ) : (
        <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
          {rows.map((r) => (
            <li key={r.leaseId} data-testid="donate-segment" data-state={r.state} data-job-id={r.jobId} className="flex flex-wrap gap-x-4 py-1.5">
              <span className="tabular-nums">#{r.index}</span>
              <Hash value={r.jobId} label="job id" />
              <span className="tabular-nums">{r.cycles ? `${r.cycles.toLocaleString()} cycles` : ''}</span>
              <span className="tabular-nums">{r.provingMs ? `${(r.provingMs / 1000).toFixed(1)} s` : ''}</span>
              <span className={ROW_STYLE[r.state]}>
                {ROW_TEXT[r.state]}
                {r.code ? ` (${r.code})` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
})

/** The job being worked on, as the coordinator announced it. */
export const JobCard = memo(function JobCard({ job }: { job: DonateJob | undefined }) {
  return (
    <section
      aria-labelledby="donate-job"
      className="space-y-2 rounded-lg p-4 ring-1 ring-slate-200 dark:ring-slate-800"
      data-testid="donate-job"
      data-job-id={job?.jobId ?? ''}
    >
      <h2 id="donate-job" className="font-semibold">
        Job
      </h2>
      {job ? (
        <dl className="grid gap-1 text-sm sm:grid-cols-[8rem_1fr]">
          <dt className="text-slate-500 dark:text-slate-400">Job id</dt>
          <dd>
            <Hash value={job.jobId} label="job id" />
          </dd>
          <dt className="text-slate-500 dark:text-slate-400">Program</dt>
          <dd>{job.program ?? <Hash value={job.imageId} label="image id" />}</dd>
          <dt className="text-slate-500 dark:text-slate-400">Segments</dt>
          <dd className="tabular-nums">
            {job.segments}
            {job.po2 !== undefined && ` of 2^${job.po2} cycles`}
            {job.cycles > 0 && ` · ${job.cycles.toLocaleString()} cycles in all`}
          </dd>
          <dt className="text-slate-500 dark:text-slate-400">Coordinator</dt>
          <dd>
            <Hash value={job.coordinator} label="coordinator" />
          </dd>
        </dl>
      ) : (
        <p className="text-sm text-slate-500 dark:text-slate-400">No job yet: waiting for the coordinator to announce one.</p>
      )}
    </section>
  )
})

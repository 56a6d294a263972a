import type { JobStateView } from '../../app/jobs/jobView.ts'
import type { Provenance } from '../../bus/provenance.ts'
import { ProvenanceBadge } from '../ProvenanceBadge.tsx'

const COLORS = {
  submitted: 'bg-sky-100 text-sky-900 dark:bg-sky-900/40 dark:text-sky-200',
  locked: 'bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200',
  fulfilled: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-200',
  expired: 'bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200',
} as const

export const stateText = (v: JobStateView) => `${v.state}${v.neverLocked ? ' (never locked)' : ''}${v.slashed ? ' · slashed' : ''}`

/** A state pill: data-state / data-slashed for tests and styles. */
export function StatePill({ view, testId = 'job-state' }: { view: JobStateView; testId?: string }) {
  return (
    <span
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${COLORS[view.state]}`}
      data-testid={testId}
      data-state={view.state}
      data-slashed={view.slashed ? 'true' : 'false'}
    >
      {stateText(view)}
    </span>
  )
}

/**
 * A job's state as shown everywhere: the PROVEN state (requestStatus by a verified eth_call at the light client's
 * finalized block) with its provenance badge; when the RPC already reports a later state, that one is added as
 * "seen by the RPC, not yet proven", with a trusted badge, never as verified.
 */
export function JobStateBadge({
  proven,
  provenance,
  rpc,
  rpcBlock,
  errorCode,
}: {
  proven: JobStateView | null
  provenance: Provenance | null
  rpc: JobStateView | null
  rpcBlock?: bigint | undefined
  /** The code of the error that stopped the proof, if it failed. */
  errorCode?: string | undefined
}) {
  const rpcLater = rpc && (!proven || rpc.state !== proven.state || rpc.slashed !== proven.slashed) ? rpc : null
  return (
    <span className="inline-flex flex-wrap items-center gap-2" data-testid="job-status">
      {proven && provenance ? (
        <span className="inline-flex items-center gap-1" data-testid="job-proven">
          <StatePill view={proven} />
          <ProvenanceBadge provenance={provenance} what="Job state" />
        </span>
      ) : (
        <span className={`text-xs ${errorCode ? 'text-rose-700 dark:text-rose-300' : 'text-slate-500 dark:text-slate-400'}`} data-testid="job-proven-pending">
          {errorCode ? `not proven: ${errorCode}` : 'not yet proven'}
        </span>
      )}
      {rpcLater && (
        <span className="inline-flex items-center gap-1" data-testid="job-rpc-only">
          <span className="text-xs text-slate-500 dark:text-slate-400">seen by the RPC, not yet proven:</span>
          <StatePill view={rpcLater} testId="job-rpc-state" />
          <ProvenanceBadge
            provenance={{
              status: 'trusted',
              source: 'the network’s JSON-RPC (requestStatus at its latest block)',
              reason: `the light client’s finalized block has not reached this change yet${rpcBlock ? ` (RPC block ${rpcBlock})` : ''}; it is shown as proven once it has`,
              checks: [],
            }}
            what="Job state reported by the RPC"
          />
        </span>
      )}
    </span>
  )
}

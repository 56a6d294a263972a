import { memo, useDeferredValue, useEffect, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { resyncFromCheckpoint, useLightClient } from '../app/lightClientState.ts'
import { useNetwork } from '../app/useNetwork.ts'
import { showsVerifiedHead } from '../bus/lightClientStatus.ts'
import { executionHeaderChecks, lightClientChecks, lightClientProvenance, type Provenance } from '../bus/provenance.ts'
import type { SyncStep } from '../consensus/lightClientSession.ts'
import { HeaderCard } from '../ui/HeaderCard.tsx'
import { ProgressBar } from '../ui/ProgressBar.tsx'
import { StepTimingChart } from '../ui/StepTimingChart.tsx'
import { isHex32 } from '../verify/hex.ts'
import { markOnce } from '../workers/perfMarks.ts'
import { DEVNET_BANNER, DEVNET_CHECKPOINT_NOTE, NOT_STARTED_TEXT, PHASE_TEXT, REPLAY_BANNER, RESTORED_NOTE, syncedText } from './overviewText.ts'

/** Consensus: light-client status, progress over periods, the verified finalized and optimistic headers. */
export function Overview() {
  const { network, checkpointRoot, badCheckpoint, checkpointSource, checkpointPending } = useNetwork()
  const lc = useLightClient()
  const [params] = useSearchParams()
  const search = params.toString() ? `?${params.toString()}` : ''
  // Time to first verified value (docs/performance.md): the first commit that shows the followed chain's finalized
  // execution block with a verified badge (the same conditions as the card below: following, not forced), unless the
  // first view (src/firstView) showed it before React.
  const headVerified = !!network && lc?.networkId === network.id && showsVerifiedHead(lc)
  useEffect(() => {
    if (headVerified) markOnce('first-verified')
  }, [headVerified])
  if (!network) return null
  if (!checkpointRoot && checkpointPending) {
    return (
      <p role="status" className="text-slate-600 dark:text-slate-400">
        Waiting for the devnet to publish its first block (is <code>npm start</code> or <code>npm run devnet</code> running?)…
      </p>
    )
  }
  if (!checkpointRoot) return <CheckpointForm networkName={network.name} invalid={badCheckpoint} />
  const current = lc && lc.networkId === network.id ? lc : null
  const status = current?.status
  const chain = current ? lightClientChecks(current.checkpointRoot, current.steps) : []
  const provenanceOf = (which: 'finalized' | 'optimistic'): Provenance | null => {
    const h = current?.[which]
    if (!h) return null
    return lightClientProvenance(current.checkpointRoot, h.forced, [...chain, ...executionHeaderChecks(h, which)])
  }
  const following = status?.code === 'synced' || status?.code === 'stalled'
  const fin = provenanceOf('finalized')
  const opt = provenanceOf('optimistic')

  return (
    <div className="space-y-6">
      <section aria-labelledby="network-title">
        <h1 id="network-title" className="text-2xl font-semibold">
          {network.name}
        </h1>
        {network.description && <p className="mt-1 max-w-3xl text-slate-600 dark:text-slate-400">{network.description}</p>}
        {network.kind === 'devnet' && (
          <p
            className="mt-2 inline-block rounded bg-violet-100 px-2 py-1 text-sm text-violet-900 dark:bg-violet-900/40 dark:text-violet-200"
            data-testid="devnet-banner"
          >
            {DEVNET_BANNER}
          </p>
        )}
        {network.kind === 'recorded' && (
          <p className="mt-2 inline-block rounded bg-sky-100 px-2 py-1 text-sm text-sky-900 dark:bg-sky-900/40 dark:text-sky-200" data-testid="replay-banner">
            {REPLAY_BANNER}
          </p>
        )}
      </section>

      <section aria-labelledby="status-title" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="status-title" className="font-semibold">
            Light client
          </h2>
          <button
            type="button"
            className="rounded-md px-3 py-1 text-sm ring-1 ring-slate-300 hover:bg-slate-100 dark:ring-slate-700 dark:hover:bg-slate-800"
            onClick={() => void resyncFromCheckpoint(network, checkpointRoot)}
          >
            Resync from checkpoint
          </button>
        </div>
        {/* Announced by the app shell's one live region (SyncAnnouncer), so not a live region itself. */}
        <p className="mt-2 text-lg" data-testid="lc-status" data-status={status?.code ?? 'syncing'}>
          {!status && NOT_STARTED_TEXT}
          {status?.code === 'syncing' && PHASE_TEXT[status.phase]}
          {status?.code === 'synced' && syncedText(status.headMode)}
          {status?.code === 'stalled' && `Stalled: ${status.reason}.`}
          {status?.code === 'failed' && <span className="text-rose-700 dark:text-rose-300">Failed: {status.error.shortMessage}</span>}
        </p>
        {status?.code === 'syncing' && status.progress && (
          <div className="mt-3">
            <ProgressBar
              label={`Sync-committee periods ${status.progress.fromPeriod}–${status.progress.toPeriod}`}
              value={status.progress.done}
              max={status.progress.total}
            />
          </div>
        )}
        {status?.code === 'failed' && (
          <details className="mt-2 text-sm" data-testid="lc-error">
            <summary className="cursor-pointer">{status.error.name} details</summary>
            <pre className="mono mt-1 whitespace-pre-wrap text-xs">{status.error.message}</pre>
          </details>
        )}
        {current?.restored && (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400" data-testid="restored-note">
            {RESTORED_NOTE(current.steps.find((s) => s.kind === 'restore')?.period)}
          </p>
        )}
        {current?.notices.map((n) => (
          <p key={n} className="mt-2 rounded bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200" data-testid="lc-notice">
            {n}
          </p>
        ))}
        <p className="mono mt-2 break-all text-xs text-slate-500 dark:text-slate-400">
          checkpoint {checkpointRoot}
          {checkpointSource === 'devnet' && DEVNET_CHECKPOINT_NOTE}
        </p>
      </section>

      <div className="grid gap-4 md:grid-cols-2">
        {current?.finalized && fin && (
          <HeaderCard
            title={following ? 'Finalized header' : 'Last verified finalized header'}
            header={current.finalized}
            provenance={fin}
            testId="finalized"
          />
        )}
        {current?.optimistic && opt && (
          <HeaderCard
            title={following ? 'Optimistic head' : 'Last verified optimistic head'}
            header={current.optimistic}
            provenance={opt}
            testId="optimistic"
          />
        )}
        {!current?.finalized && (
          <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-500 dark:text-slate-400 dark:border-slate-700">
            No verified header yet.
          </p>
        )}
      </div>

      {following && current?.finalized?.execution && (
        <p className="flex flex-wrap gap-3">
          <Link className="rounded-md bg-emerald-700 px-3 py-1.5 text-sm text-white hover:bg-emerald-800" to={{ pathname: '/block', search }}>
            Verified block {current.finalized.execution.blockNumber} and its transactions →
          </Link>
          <Link
            className="rounded-md px-3 py-1.5 text-sm ring-1 ring-slate-300 hover:bg-slate-100 dark:ring-slate-700 dark:hover:bg-slate-800"
            to={{ pathname: '/state', search }}
          >
            State proofs →
          </Link>
        </p>
      )}

      {current && current.steps.length > 0 && (
        <section aria-labelledby="chain-title" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <h2 id="chain-title" className="mb-2 font-semibold">
            Trust chain from the checkpoint
          </h2>
          <DeferredStepTimingChart steps={current.steps} />
        </section>
      )}
    </div>
  )
}

const NO_STEPS: SyncStep[] = []
const MemoStepTimingChart = memo(StepTimingChart)

/**
 * The step chart (a bar and a table row per step: up to ~70 after a restore) renders after the header it sits below:
 * React commits the verified header first and the chart in a later, interruptible render (time to first verified
 * value, docs/performance.md).
 */
function DeferredStepTimingChart({ steps }: { steps: SyncStep[] }) {
  const deferred = useDeferredValue(steps, NO_STEPS)
  return <MemoStepTimingChart steps={deferred} />
}

function CheckpointForm({ networkName, invalid }: { networkName: string; invalid: boolean }) {
  const [params, setParams] = useSearchParams()
  const [value, setValue] = useState('')
  const ok = isHex32(value)
  return (
    <form
      className="max-w-2xl space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
      onSubmit={(e) => {
        e.preventDefault()
        if (ok) setParams({ ...Object.fromEntries(params), checkpoint: value })
      }}
    >
      <h1 className="text-xl font-semibold">Trusted checkpoint for {networkName}</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        A light client starts from a finalized beacon block root you trust (weak subjectivity). Everything after it is verified in this tab. Use a recent one
        (days old, not months) from a source you trust.
      </p>
      <label className="block text-sm">
        Block root (32 bytes, 0x-hex)
        <input
          className="mono mt-1 w-full rounded-md bg-white px-2 py-1 ring-1 ring-slate-300 dark:bg-slate-900 dark:ring-slate-700"
          value={value}
          onChange={(e) => setValue(e.target.value.trim())}
          aria-invalid={value !== '' && !ok}
          placeholder="0x…"
        />
      </label>
      {(invalid || (value !== '' && !ok)) && <p className="text-sm text-rose-700 dark:text-rose-300">A checkpoint is 0x followed by 64 hex digits.</p>}
      <button type="submit" disabled={!ok} className="rounded-md bg-emerald-700 px-3 py-1.5 text-sm text-white disabled:opacity-50">
        Start light client
      </button>
    </form>
  )
}

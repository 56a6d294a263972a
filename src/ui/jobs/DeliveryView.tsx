import type { Delivered } from '../../app/jobs/delivery.ts'
import type { RequestStatus } from '../../app/jobs/marketApi.ts'
import type { Proven } from '../../app/jobs/provenRead.ts'
import type { Provenance } from '../../bus/provenance.ts'
import { DeliveryMismatchError } from '../../errors/jobs.ts'
import { serializeError } from '../../errors/serialize.ts'
import { Hash } from '../Hash.tsx'
import { ProvenanceBadge } from '../ProvenanceBadge.tsx'

/** The provenance of a delivered result: verified only when the receipt verified AND its claim equals the proven status. */
export function deliveryProvenance(requestId: bigint, proven: Proven<RequestStatus>, d: Delivered): Provenance {
  const { log, check } = d
  if (!log || !check) return { status: 'unsupported', reason: 'no ProofDelivered log was found for this request', checks: [] }
  const checks = [
    ...proven.provenance.checks,
    ...log.checks,
    {
      label: `ProofDelivered log${log.proven ? ', proven' : ' (from the RPC)'}`,
      detail: `block ${log.blockNumber}, prover ${log.prover}; ${(log.receipt.length - 2) / 2} bytes of EVM-encoded receipt`,
    },
    {
      label: `Receipt verified in the worker pool: ${check.report.verified.segments} segment(s), ${check.report.verified.cycles} cycles`,
      detail: `image id ${check.report.verified.imageId}, exit code ${check.report.verified.exitCode}`,
      ms: Math.round(check.wallMs * 10) / 10,
    },
    {
      label: 'Claim equals the proven requestStatus',
      detail: `imageId ${check.matches.imageId ? '=' : '≠'}, inputDigest ${check.matches.inputDigest ? '=' : '≠'}, journalDigest ${check.matches.journalDigest ? '=' : '≠'} (keccak256 of the journal words, u32 LE: ${check.journalDigest})`,
    },
  ]
  if (!check.ok) {
    const fields = Object.entries(check.matches)
      .filter(([, v]) => !v)
      .map(([k]) => k)
    return { status: 'failed', error: serializeError(new DeliveryMismatchError({ requestId, fields: fields.length ? fields : ['exitCode'] })), checks }
  }
  return { ...proven.provenance, checks } as Provenance
}

/** The fulfilled job's result: the journal (program-aware), verified in the tab and bound to the proven status. */
export function DeliveryView({
  requestId,
  proven,
  delivery,
  error,
  pending,
}: {
  requestId: bigint
  proven: Proven<RequestStatus>
  delivery: Delivered | undefined
  error: unknown
  pending: boolean
}) {
  if (pending)
    return (
      <p role="status" className="text-sm text-slate-500 dark:text-slate-400" data-testid="delivery-pending">
        Fetching the delivered receipt and verifying it in the worker pool…
      </p>
    )
  if (error) {
    const e = serializeError(error)
    return (
      <div className="space-y-1" data-testid="delivery" data-status="failed" data-code={e.code}>
        <ProvenanceBadge provenance={{ status: 'failed', error: e, checks: proven.provenance.checks }} what="Delivered result" />
        <p role="alert" className="rounded-md bg-rose-50 p-2 text-sm text-rose-900 dark:bg-rose-950 dark:text-rose-200">
          The delivered receipt was rejected in this tab: {e.code}: {e.shortMessage}
        </p>
      </div>
    )
  }
  if (!delivery) return null
  const provenance = deliveryProvenance(requestId, proven, delivery)
  const check = delivery.check
  return (
    <div className="space-y-2" data-testid="delivery" data-status={provenance.status}>
      <dl className="grid grid-cols-1 gap-x-4 wrap-anywhere sm:grid-cols-[max-content_minmax(0,1fr)] sm:gap-y-1 [&_dd]:mb-1.5 sm:[&_dd]:mb-0 text-sm">
        <dt className="text-slate-500 dark:text-slate-400">Journal</dt>
        <dd className="flex flex-wrap items-center gap-2">
          <span data-testid="delivery-journal">
            {check
              ? (check.report.summary ?? `[${check.report.verified.journal.slice(0, 16).join(', ')}${check.report.verified.journal.length > 16 ? ', …' : ''}]`)
              : '—'}
          </span>
          <ProvenanceBadge provenance={provenance} what="Delivered result" />
        </dd>
        {check && (
          <>
            <dt className="text-slate-500 dark:text-slate-400">Journal digest</dt>
            <dd>
              <Hash value={check.journalDigest} label="journal digest" />
            </dd>
          </>
        )}
        {delivery.log && (
          <>
            <dt className="text-slate-500 dark:text-slate-400">Delivered by</dt>
            <dd>
              <Hash value={delivery.log.prover} label="prover" /> at block {delivery.log.blockNumber.toString()}
              {delivery.log.proven ? ' (log proven against the block’s receipts root)' : ' (log from the RPC)'}
            </dd>
          </>
        )}
      </dl>
    </div>
  )
}

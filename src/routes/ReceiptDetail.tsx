import { useEffect, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { type ReceiptStatus, useLocalReceipts, useReceiptVerifyProgress } from '../app/useLocalReceipts.ts'
import type { Provenance } from '../bus/provenance.ts'
import type { StoredReceipt } from '../net/receiptStore.ts'
import { Hash } from '../ui/Hash.tsx'
import { ProvenanceBadge } from '../ui/ProvenanceBadge.tsx'
import { receiptProvenance } from '../ui/receiptProvenance.ts'

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

/** A local zkVM receipt: what it proves (once verified in the pool), its journal, and one provenance entry per segment. */
export function ReceiptDetail({ id }: { id: string }) {
  const { list, receipts, statusById } = useLocalReceipts()
  if (list.isPending) return <p role="status">Loading stored receipts…</p>
  return <ReceiptView id={id} rec={receipts.find((r) => r.id === id)} status={statusById.get(id)} missing="is stored in this browser" />
}

/**
 * A receipt's page, wherever it came from (stored locally, or a prover-network feed): shown as verified only
 * with a `verified` status, i.e. after the worker pool's verifyReceipt returned for this very text.
 */
export function ReceiptView({
  id,
  rec,
  status: s,
  missing,
  provenance,
}: {
  id: string
  rec: (Pick<StoredReceipt, 'source' | 'label' | 'addedAtMs' | 'proveMs'> & { text?: string | undefined }) | undefined
  status: ReceiptStatus | undefined
  /** How the "not found" line ends: "No receipt “id” {missing}." */
  missing: string
  /** Replaces the receipt's own provenance (a ProofMarket row: its log proof comes first). */
  provenance?: Provenance | null
}) {
  const [params] = useSearchParams()
  const progress = useReceiptVerifyProgress(id)
  const [href, setHref] = useState<string | null>(null)
  const text = rec?.text
  useEffect(() => {
    if (!text) return
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
    setHref(url)
    return () => URL.revokeObjectURL(url)
  }, [text])
  const search = params.toString() ? `?${params.toString()}` : ''
  const back = (
    <Link className="text-sm underline" to={{ pathname: '/results', search }}>
      ← All results
    </Link>
  )
  if (!rec) {
    return (
      <div className="space-y-2">
        {back}
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-500 dark:text-slate-400 dark:border-slate-700">
          No receipt “{id}” {missing}.
        </p>
      </div>
    )
  }
  const p = provenance !== undefined ? provenance : s ? receiptProvenance(rec, s) : null
  const r = s?.code === 'verified' ? s.report : null
  return (
    <div className="space-y-4">
      {back}
      <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold">
        <span className="break-all">{r?.program ? `${r.program.title} receipt` : 'zkVM receipt'}</span>
        {p ? (
          <ProvenanceBadge provenance={p} what={`Receipt ${id}`} />
        ) : (
          <span className="text-base text-slate-500 dark:text-slate-400" role="status">
            verifying{progress ? ` ${progress.done}/${progress.total} segments` : ''}…
          </span>
        )}
      </h1>
      {s?.code === 'failed' && (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-rose-900 dark:bg-rose-950 dark:text-rose-200" data-testid="result-error">
          {s.error.name} ({s.error.code}): {s.error.shortMessage} Nothing this receipt claims is shown.
        </p>
      )}
      <dl className="grid grid-cols-1 gap-x-4 wrap-anywhere sm:grid-cols-[max-content_minmax(0,1fr)] sm:gap-y-1.5 [&_dd]:mb-1.5 sm:[&_dd]:mb-0 text-sm">
        <dt className="text-slate-500 dark:text-slate-400">Kind</dt>
        <dd>zkVM · Lightbus STARK</dd>
        <dt className="text-slate-500 dark:text-slate-400">Source</dt>
        <dd>{rec.label}</dd>
        {rec.addedAtMs > 0 && (
          <>
            <dt className="text-slate-500 dark:text-slate-400">Added</dt>
            <dd>{new Date(rec.addedAtMs).toUTCString()}</dd>
          </>
        )}
        {rec.proveMs !== undefined && (
          <>
            <dt className="text-slate-500 dark:text-slate-400">Proving time</dt>
            <dd className="mono">{(rec.proveMs / 1000).toFixed(1)} s</dd>
          </>
        )}
        {r && (
          <>
            <dt className="text-slate-500 dark:text-slate-400">Proves</dt>
            <dd data-testid="result-statement">
              {r.program ? `${r.program.title}` : 'an unknown program'} halted with exit code {r.verified.exitCode} after{' '}
              {r.verified.cycles.toLocaleString('en-US')} cycles
            </dd>
            <dt className="text-slate-500 dark:text-slate-400">Journal</dt>
            <dd data-testid="receipt-journal">{r.summary ?? `[${r.verified.journal.join(', ')}]`}</dd>
            <dt className="text-slate-500 dark:text-slate-400">Journal words</dt>
            <dd className="mono break-all">
              [{r.verified.journal.length > 64 ? `${r.verified.journal.slice(0, 64).join(', ')}, …` : r.verified.journal.join(', ')}]
            </dd>
            <dt className="text-slate-500 dark:text-slate-400">Image id</dt>
            <dd>
              <Hash value={r.verified.imageId} full label="image id" />
            </dd>
            <dt className="text-slate-500 dark:text-slate-400">Input</dt>
            <dd className="mono break-all">
              [{r.inputPreview.join(', ')}
              {r.inputLength > r.inputPreview.length ? `, … (${r.inputLength} words)` : ''}]
            </dd>
            <dt className="text-slate-500 dark:text-slate-400">Input digest</dt>
            <dd>
              <Hash value={r.verified.inputDigest} full label="input digest" />
            </dd>
            <dt className="text-slate-500 dark:text-slate-400">Segments</dt>
            <dd data-testid="receipt-segments">
              {r.verified.segments} × 2^{r.verified.segmentPo2} cycles
            </dd>
            <dt className="text-slate-500 dark:text-slate-400">Security</dt>
            <dd>
              {r.securityBits} conjectured bits (blowup {2 ** r.params.logBlowup}, {r.params.numQueries} queries, {r.params.powBits} grinding bits)
            </dd>
            <dt className="text-slate-500 dark:text-slate-400">Verification</dt>
            <dd className="mono">
              {r.verifyMs.toFixed(0)} ms for {r.verified.segments} segment proofs, {r.parseMs.toFixed(0)} ms parsing ({kib(r.proofBytes)} of proofs)
            </dd>
          </>
        )}
      </dl>
      {r && (
        <section aria-labelledby="segments-title" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <h2 id="segments-title" className="mb-2 font-semibold">
            Segments
          </h2>
          <table className="w-full text-left text-sm" data-testid="receipt-segment-table">
            <caption className="sr-only">Segments of this receipt, each with its STARK proof</caption>
            <thead className="text-slate-500 dark:text-slate-400">
              <tr>
                <th scope="col">Segment</th>
                <th scope="col">Cycles</th>
                <th scope="col">pc</th>
                <th scope="col">Proof size</th>
                <th scope="col">STARK proof</th>
              </tr>
            </thead>
            <tbody className="mono">
              {r.segments.map((seg) => (
                <tr key={seg.index} data-testid="receipt-segment" className="border-t border-slate-100 dark:border-slate-900">
                  <td>{seg.index}</td>
                  <td>{seg.cycles.toLocaleString('en-US')}</td>
                  <td>
                    {seg.startPc} → {seg.endPc}
                    {seg.halted ? ' (halt)' : ''}
                  </td>
                  <td>{kib(seg.proofBytes)}</td>
                  <td className="text-emerald-700 dark:text-emerald-300">✔ verified, {seg.verifyMs.toFixed(0)} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {href && (
        <a
          href={href}
          download={`${r?.program?.name ?? 'zkvm'}-receipt.json`}
          className="inline-block rounded-md px-3 py-1.5 text-sm ring-1 ring-slate-300 dark:ring-slate-700"
        >
          Download receipt (JSON)
        </a>
      )}
    </div>
  )
}

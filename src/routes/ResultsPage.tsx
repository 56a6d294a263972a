import { useVirtualizer } from '@tanstack/react-virtual'
import { useMemo, useRef } from 'react'
import { Link, useSearchParams } from 'react-router'
import { type ReceiptStatus, useLocalReceipts } from '../app/useLocalReceipts.ts'
import { type MarketRowStatus, useMarketResults } from '../app/useMarketResults.ts'
import { useNetwork } from '../app/useNetwork.ts'
import { useZkResults, type ZkRowStatus } from '../app/useZkResults.ts'
import type { Provenance } from '../bus/provenance.ts'
import { serializeError } from '../errors/serialize.ts'
import type { MarketFulfilment } from '../net/marketResults.ts'
import type { StoredReceipt } from '../net/receiptStore.ts'
import { type FeedItem, LIGHTBUS_STARK } from '../net/resultsFeed.ts'
import { Hash } from '../ui/Hash.tsx'
import { marketProvenance } from '../ui/marketProvenance.ts'
import { ProvenanceBadge } from '../ui/ProvenanceBadge.tsx'
import { ReceiptUpload } from '../ui/ReceiptUpload.tsx'
import { receiptProvenance } from '../ui/receiptProvenance.ts'
import { KIND_LABELS, zkProvenance } from '../ui/zkProvenance.ts'

/** What a family claims to be before its proof is checked; once checked, the proof's own kind counts (an `sp1-helios` row may be an unknown program). */
const CLAIMED_KIND: ReadonlyMap<string, string> = new Map([
  ['telepathy-step', 'zkpos'],
  ['telepathy-rotate', 'zkpos'],
  ['telepathy-optimized-rotate', 'zkpos'],
  ['sp1-helios', 'zkpos'],
  ['risc0', 'zkvm'],
  ['sp1', 'zkvm'],
])
const resultOf = (s: ZkRowStatus | undefined) => (s?.code === 'verified' || s?.code === 'proof-only' ? s.result : null)
const kindOf = (item: FeedItem, s: ZkRowStatus | undefined) => resultOf(s)?.kind ?? CLAIMED_KIND.get(item.family) ?? 'zkvm'
const SYSTEM_OF = (item: FeedItem) => (item.proofId.includes('plonk') ? 'PLONK (gnark)' : 'Groth16')

/** Short text for a row's output: UTF-8 when printable, else hex. */
function outputPreview(s: ZkRowStatus | undefined): string {
  const r = resultOf(s)
  if (!r) return ''
  if (r.output?.utf8) return `“${r.output.utf8}”`
  if (r.output) return `${r.output.hex.slice(0, 18)}… (${r.output.sizeBytes} B)`
  if (r.facts.finalizedSlot !== undefined) return `finalized slot ${r.facts.finalizedSlot}`
  return ''
}

/** One row of the table: a feed proof or a local zkVM receipt, as displayed. */
type DisplayRow = {
  id: string
  kind: string
  family: string
  programId: string | null
  output: string
  system: string
  time: string
  status: ZkRowStatus['code']
  provenance: Provenance | null
  pendingText: string
  /** Where the row comes from, when a network has several sources (ProofMarket logs, coordinator feed). */
  source?: string
}

function feedRow(item: FeedItem, s: ZkRowStatus | undefined): DisplayRow {
  const r = resultOf(s)
  return {
    id: item.id,
    kind: kindOf(item, s),
    family: item.family,
    programId: r?.programId ?? null,
    output: outputPreview(s),
    system: SYSTEM_OF(item),
    time: r ? `${r.verifyMs.toFixed(1)} ms` : '',
    status: s?.code ?? 'pending',
    provenance: s ? zkProvenance(item, s) : null,
    pendingText: 'verifying…',
  }
}

function receiptRow(rec: Pick<StoredReceipt, 'id' | 'source' | 'label'>, s: ReceiptStatus | undefined): DisplayRow {
  const r = s?.code === 'verified' ? s.report : null
  return {
    id: rec.id,
    kind: 'zkvm',
    family: r?.program?.name ?? 'zkVM receipt',
    programId: r?.verified.imageId ?? null,
    output: r ? `${r.summary ?? `journal [${r.verified.journal.slice(0, 6).join(', ')}]`} · ${r.verified.segments} segments` : '',
    system: 'Lightbus STARK',
    time: r ? `${r.verifyMs.toFixed(0)} ms` : '',
    status: s?.code ?? 'pending',
    provenance: s ? receiptProvenance(rec, s) : null,
    pendingText: 'verifying…',
  }
}

/** A ProofMarket fulfilment: its logs proven against a verified receipts root, its receipt verified here. */
function marketRow(row: MarketFulfilment, s: MarketRowStatus | undefined): DisplayRow {
  const r = s?.code === 'verified' ? s.report : null
  return {
    id: row.id,
    kind: 'zkvm',
    family: r?.program?.name ?? `request ${row.requestId > 0xffffffffn ? `…${(row.requestId & 0xffffffffn).toString()}` : row.requestId.toString()}`,
    programId: r?.verified.imageId ?? row.claim?.imageId ?? null,
    output: r ? `${r.summary ?? `journal [${r.verified.journal.slice(0, 6).join(', ')}]`} · ${r.verified.segments} segments` : '',
    system: 'Lightbus STARK',
    time: r ? `${r.verifyMs.toFixed(0)} ms` : '',
    status: s?.code ?? 'pending',
    provenance: marketProvenance(row, s),
    pendingText: 'verifying…',
    source: `ProofMarket log, block ${row.blockNumber}`,
  }
}

/** Verified results: computation results and zkPoS proofs, each shown only after its proof is checked here. */
export function ResultsPage() {
  const { network } = useNetwork()
  const [params, setParams] = useSearchParams()
  const kind = params.get('kind') ?? 'all'
  const status = params.get('status') ?? 'all'
  const q = (params.get('q') ?? '').trim().toLowerCase()
  const repeat = Number(params.get('repeat') ?? 0) || 0
  const { feed, statusByProof, receiptStatusByProof } = useZkResults(network, repeat)
  const local = useLocalReceipts()
  const market = useMarketResults(network)
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params)
    if (!v || v === 'all') next.delete(k)
    else next.set(k, v)
    setParams(next, { replace: true })
  }

  const allRows = useMemo(
    () => [
      ...local.receipts.map((rec) => receiptRow(rec, local.statusById.get(rec.id))),
      ...market.rows.map((row) => marketRow(row, market.statusById.get(row.id))),
      ...(feed.data ?? []).map((item) =>
        item.family === LIGHTBUS_STARK
          ? {
              ...receiptRow({ id: item.id, source: 'network', label: item.source }, receiptStatusByProof.get(item.proofId)),
              ...(market.enabled ? { source: 'coordinator feed' } : {}),
            }
          : feedRow(item, statusByProof.get(item.proofId)),
      ),
    ],
    [feed.data, statusByProof, receiptStatusByProof, local.receipts, local.statusById, market.rows, market.statusById, market.enabled],
  )

  const counts = useMemo(() => {
    const c = { verified: 0, 'proof-only': 0, failed: 0, unsupported: 0, pending: 0 }
    for (const row of allRows) c[row.status]++
    return c
  }, [allRows])

  const rows = useMemo(
    () =>
      allRows.filter((row) => {
        if (kind !== 'all' && row.kind !== kind) return false
        if (status !== 'all' && row.status !== status) return false
        if (q) {
          const programId = row.programId?.toLowerCase() ?? ''
          if (!row.id.toLowerCase().includes(q) && !programId.includes(q) && !row.family.includes(q)) return false
        }
        return true
      }),
    [allRows, kind, status, q],
  )

  if (!network) return null
  const search = params.toString() ? `?${params.toString()}` : ''
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Verified results</h1>
      <p className="max-w-3xl text-slate-600 dark:text-slate-400">
        Computation results (RISC Zero, SP1, and receipts of Lightbus’s own zkVM) and proofs of Ethereum consensus (Telepathy, SP1-Helios). Each is shown as
        verified only after its proof is checked in this tab, in a pool of verifier workers: Groth16 with public inputs derived from the data it claims, or the
        Lightbus STARK of every segment of a zkVM receipt.
      </p>
      <ReceiptUpload />
      {market.enabled && <MarketStatus market={market} />}
      {!network.resultsFeedUrl && (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-500 dark:text-slate-400 dark:border-slate-700">
          This network has no results feed configured.
        </p>
      )}
      {feed.isError && (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-rose-900 dark:bg-rose-950 dark:text-rose-200">
          Could not load the results feed: {serializeError(feed.error).shortMessage}
        </p>
      )}
      {(feed.data || local.receipts.length > 0 || market.rows.length > 0) && (
        <>
          <div className="flex flex-wrap items-end gap-3 text-sm">
            <FilterSelect
              label="Kind"
              value={kind}
              onChange={(v) => set('kind', v)}
              options={[
                ['all', 'all'],
                ['zkpos', 'zkPoS (consensus)'],
                ['zkvm', 'zkVM (computation)'],
                ['unknown-program', 'unknown program'],
                ['proof-only', 'proof only (premise not proven)'],
              ]}
            />
            <FilterSelect
              label="Status"
              value={status}
              onChange={(v) => set('status', v)}
              options={[
                ['all', 'all'],
                ['verified', 'verified'],
                ['proof-only', 'proof valid, not chained or not proven'],
                ['failed', 'failed'],
                ['unsupported', 'unsupported'],
                ['pending', 'pending'],
              ]}
            />
            <label className="w-full sm:w-auto">
              <span className="sr-only">Search by id</span>
              <input
                type="search"
                placeholder="Search id, image id, program vkey"
                className="mono w-full rounded-md sm:w-80 bg-white px-2 py-1 ring-1 ring-slate-300 dark:bg-slate-900 dark:ring-slate-700"
                value={params.get('q') ?? ''}
                onChange={(e) => set('q', e.target.value)}
              />
            </label>
            <p className="ml-auto text-slate-600 dark:text-slate-400" data-testid="results-counts" aria-live="polite">
              {allRows.length} results: {counts.verified} verified, {counts['proof-only']} proof only, {counts.failed} failed, {counts.unsupported} unsupported,{' '}
              {counts.pending} pending
            </p>
          </div>
          <ResultsTable rows={rows} search={search} />
        </>
      )}
    </div>
  )
}

/** Where the ProofMarket rows come from: the range of blocks proven, or why there are none yet. */
function MarketStatus({ market }: { market: ReturnType<typeof useMarketResults> }) {
  if (market.waitingForHead)
    return (
      <p className="text-sm text-slate-500 dark:text-slate-400" role="status">
        ProofMarket results: waiting for the light client to verify a finalized header (each fulfilment log is proven against a verified block).
      </p>
    )
  if (market.list.isError)
    return (
      <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-900 dark:bg-rose-950 dark:text-rose-200" data-testid="market-error">
        Could not prove the ProofMarket’s logs: {serializeError(market.list.error).code}: {serializeError(market.list.error).shortMessage}
      </p>
    )
  const d = market.list.data
  return (
    <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400" data-testid="market-status" aria-live="polite">
      {d
        ? `ProofMarket fulfilments of blocks ${d.fromBlock}–${d.toBlock} (the last 1024 blocks up to the light client’s finalized block): ${market.rows.length} found, each log proven against its block’s receipts root and each receipt verified here. Every block whose verified logs bloom may hold one was checked, so an RPC cannot hide one.`
        : 'Proving the ProofMarket’s fulfilment logs…'}
    </p>
  )
}

function FilterSelect({ label, value, options, onChange }: { label: string; value: string; options: string[][]; onChange: (value: string) => void }) {
  return (
    <label>
      {label}
      <select
        className="ml-2 rounded-md bg-white px-2 py-1 ring-1 ring-slate-300 dark:bg-slate-900 dark:ring-slate-700"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  )
}

/**
 * Below the xl breakpoint each row is a stacked card (kind, family and status, then program id, output, system and
 * time); from xl a grid row. Rows are measured, so a wrapped card never overlaps the next.
 */
const RESULTS_GRID = 'xl:grid xl:grid-cols-[7.5rem_8.5rem_minmax(11.5rem,1fr)_minmax(0,1fr)_7.5rem_5rem_15.5rem] xl:items-center xl:gap-2'
const CARD_LABEL = 'mr-1 text-xs text-slate-500 dark:text-slate-400 xl:hidden'

function ResultsTable({ rows, search }: { rows: DisplayRow[]; search: string }) {
  const parent = useRef<HTMLDivElement>(null)
  const v = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    // Sizes are cached by key: a row that moves to another index keeps its measured height.
    getItemKey: (i) => rows[i]?.id ?? i,
    estimateSize: () => (matchMedia('(min-width: 80rem)').matches ? 40 : 110),
    overscan: 10,
  })
  if (rows.length === 0) return <p className="text-slate-500 dark:text-slate-400">No results match these filters.</p>
  return (
    <div role="table" aria-label="Verified results" aria-rowcount={rows.length} className="text-sm">
      <div
        role="row"
        className={`sr-only xl:not-sr-only ${RESULTS_GRID} border-b border-slate-200 pb-1 font-medium text-slate-500 dark:text-slate-400 dark:border-slate-800`}
      >
        <span role="columnheader">Kind</span>
        <span role="columnheader">Family</span>
        <span role="columnheader">Program / image id</span>
        <span role="columnheader">Output</span>
        <span role="columnheader">System</span>
        <span role="columnheader">Time</span>
        <span role="columnheader">Status</span>
      </div>
      <div ref={parent} className="h-[32rem] overflow-auto" data-testid="results-scroll">
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((vi) => {
            const row = rows[vi.index] as DisplayRow
            return (
              <div
                key={row.id}
                ref={v.measureElement}
                data-index={vi.index}
                role="row"
                data-testid="result-row"
                data-result-id={row.id}
                data-status={row.status}
                aria-rowindex={vi.index + 1}
                className={`absolute left-0 flex w-full flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-100 py-2 xl:min-h-10 xl:py-1 dark:border-slate-900 ${RESULTS_GRID}`}
                style={{ top: 0, transform: `translateY(${vi.start}px)` }}
              >
                <span
                  role="cell"
                  data-testid="result-kind"
                  className={`order-1 xl:order-none ${row.kind === 'unknown-program' ? 'text-amber-700 dark:text-amber-300' : ''}`}
                >
                  {KIND_LABELS.get(row.kind)}
                </span>
                <span role="cell" className="order-2 min-w-0 leading-tight xl:order-none">
                  <Link className="underline decoration-dotted" to={{ pathname: `/results/${encodeURIComponent(row.id)}`, search }}>
                    {row.family}
                  </Link>
                  {row.source && (
                    <span className="block truncate text-xs text-slate-500 dark:text-slate-400" data-testid="result-source">
                      {row.source}
                    </span>
                  )}
                </span>
                <span role="cell" className="order-4 w-full min-w-0 xl:order-none xl:w-auto">
                  <span className={CARD_LABEL} aria-hidden="true">
                    Program
                  </span>
                  {row.programId ? (
                    <Hash value={row.programId} label="program id" />
                  ) : (
                    <span className="break-all text-slate-500 dark:text-slate-400">{row.id}</span>
                  )}
                </span>
                <span role="cell" className="order-5 w-full min-w-0 truncate xl:order-none xl:w-auto" title={row.output} data-testid="result-output">
                  {row.output && (
                    <span className={CARD_LABEL} aria-hidden="true">
                      Output
                    </span>
                  )}
                  {row.output}
                </span>
                <span role="cell" className="order-6 xl:order-none">
                  {row.system}
                </span>
                <span role="cell" className="mono order-7 xl:order-none">
                  {row.time}
                </span>
                <span role="cell" className="order-3 ml-auto xl:order-none xl:ml-0">
                  {row.provenance ? (
                    <ProvenanceBadge provenance={row.provenance} what={`Result ${row.id}`} />
                  ) : (
                    <span className="text-slate-500 dark:text-slate-400">{row.pendingText}</span>
                  )}
                </span>
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}

import { useQuery } from '@tanstack/react-query'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useMemo, useRef, useState } from 'react'
import { formatEther } from 'viem'
import { useLightClient } from '../app/lightClientState.ts'
import { finalizedBlockQueryOptions } from '../app/queries.ts'
import { useNetwork } from '../app/useNetwork.ts'
import { executionHeaderChecks, lightClientChecks, lightClientProvenance, type Provenance } from '../bus/provenance.ts'
import { serializeError } from '../errors/serialize.ts'
import { Hash } from '../ui/Hash.tsx'
import { HeaderCard } from '../ui/HeaderCard.tsx'
import { ProvenanceBadge } from '../ui/ProvenanceBadge.tsx'
import type { TransactionSummary } from '../verify/decodeTransaction.ts'

/** EIP-2718 transaction types by number: the EIP that defined each (shown) and what it is (its tooltip). */
const TYPE_NAMES = ['legacy', 'EIP-2930', 'EIP-1559', 'EIP-4844', 'EIP-7702']
const TYPE_TITLES = ['type 0: legacy', 'type 1: access list', 'type 2: fee market', 'type 3: blob', 'type 4: set code']

/** The light client's finalized block: its header and every transaction, proven against the verified header. */
export function BlockPage() {
  const { network } = useNetwork()
  const lc = useLightClient()
  const fin = lc && network && lc.networkId === network.id ? lc.finalized : null
  const synced = lc?.status.code === 'synced' || lc?.status.code === 'stalled'
  const block = useQuery({ ...finalizedBlockQueryOptions(network?.id ?? '', fin?.slot ?? -1), enabled: Boolean(fin && synced) })
  const [filter, setFilter] = useState('')

  const baseChecks = useMemo(
    () => (lc && fin ? [...lightClientChecks(lc.checkpointRoot, lc.steps), ...executionHeaderChecks(fin, 'finalized')] : []),
    [lc, fin],
  )
  const txs = useMemo(() => {
    const f = filter.trim().toLowerCase()
    const all = block.data?.transactions ?? []
    return f ? all.filter((t) => t.hash.includes(f) || (t.decoded && t.to?.includes(f)) || String(t.index) === f) : all
  }, [block.data, filter])

  if (!fin || !synced) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-500 dark:text-slate-400 dark:border-slate-700" role="status">
        {lc?.status.code === 'failed'
          ? `The light client failed (${lc.status.error.shortMessage}); no block can be verified.`
          : 'Waiting for the light client to verify a finalized header…'}
      </p>
    )
  }
  const headerProv: Provenance = lightClientProvenance(lc?.checkpointRoot ?? '', fin.forced, baseChecks)
  const blockChecks = block.data?.checks.map((c) => ({ label: c.name, ms: c.ms })) ?? []
  // The light client finalized a newer header while this one was being verified: the query key follows its slot.
  const stale = block.isError && serializeError(block.error).code === 'StaleHeader'
  const txProvenance: Provenance | null = stale
    ? null
    : block.isError
      ? { status: 'failed', error: serializeError(block.error), checks: baseChecks }
      : block.data
        ? lightClientProvenance(lc?.checkpointRoot ?? '', fin.forced, [...baseChecks, ...blockChecks])
        : null

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">
        Block {fin.execution?.blockNumber} (slot {fin.slot})
      </h1>
      <HeaderCard title="Finalized header" header={fin} provenance={headerProv} testId="block-header" />
      <section aria-labelledby="txs-title" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          {/* The title and its badge stay together; the filter takes the rest of the row (or its own, on a phone). */}
          <div className="flex items-center gap-3">
            <h2 id="txs-title" className="font-semibold">
              Transactions {block.data && <span data-testid="tx-count">({block.data.transactions.length})</span>}
            </h2>
            {txProvenance && <ProvenanceBadge provenance={txProvenance} what="Transaction list" />}
          </div>
          <label className="w-full text-sm sm:w-auto">
            <span className="sr-only">Filter transactions</span>
            <input
              type="search"
              placeholder="Filter by hash, to, index"
              className="mono w-full rounded-md sm:w-72 bg-white px-2 py-1 ring-1 ring-slate-300 dark:bg-slate-900 dark:ring-slate-700"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          </label>
        </div>
        {stale && (
          <p role="status" className="text-slate-500 dark:text-slate-400">
            The light client finalized a newer header; verifying that block instead…
          </p>
        )}
        {block.isPending && (
          <p role="status" className="text-slate-500 dark:text-slate-400">
            Fetching the block and proving its transactions against transactions_root…
          </p>
        )}
        {block.isError && !stale && (
          <div role="alert" className="rounded-md bg-rose-50 p-3 text-rose-900 dark:bg-rose-950 dark:text-rose-200" data-testid="block-error">
            <p className="font-medium">{serializeError(block.error).shortMessage}</p>
            <p className="text-sm">The served block does not match the verified header, so none of its transactions is shown as verified.</p>
          </div>
        )}
        {block.data && txProvenance && <TxTable txs={txs} provenance={txProvenance} />}
      </section>
    </div>
  )
}

type Tx = TransactionSummary

/**
 * An undecodable transaction is still proven part of the block (its bytes are under the verified
 * transactions root); what it does (recipient, value) is unknown, and the chain of checks says so.
 */
function undecodedProvenance(p: Provenance, t: Extract<Tx, { decoded: false }>): Provenance {
  const note = {
    label: `Transaction ${t.index}: bytes included, not decoded`,
    detail: `${t.sizeBytes} bytes under the verified transactions_root; they do not decode as an EIP-2718 transaction (${t.decodeError}), so no recipient or value is shown`,
  }
  return { ...p, checks: [...p.checks, note] }
}

/**
 * Below the lg breakpoint each row is a stacked card (#, type, value and status on one line, then hash and
 * recipient on lines of their own, side by side from md); from lg a grid row. Rows are measured, so a wrapped card never overlaps the next.
 */
const TX_GRID = 'lg:grid lg:grid-cols-[3rem_minmax(0,1fr)_4.5rem_minmax(0,1fr)_8rem_9rem] lg:items-center lg:gap-2'
const CARD_LABEL = 'mr-1 text-xs text-slate-500 dark:text-slate-400 lg:hidden'

function TxTable({ txs, provenance }: { txs: Tx[]; provenance: Provenance }) {
  const parent = useRef<HTMLDivElement>(null)
  const v = useVirtualizer({
    count: txs.length,
    getScrollElement: () => parent.current,
    // Sizes are cached by key: a row that moves to another index keeps its measured height.
    getItemKey: (i) => txs[i]?.hash ?? i,
    estimateSize: () => (matchMedia('(min-width: 64rem)').matches ? 36 : matchMedia('(min-width: 48rem)').matches ? 60 : 88),
    overscan: 12,
  })
  if (txs.length === 0) return <p className="text-slate-500 dark:text-slate-400">No transactions match.</p>
  return (
    <div role="table" aria-label="Transactions" aria-rowcount={txs.length} className="text-sm">
      <div
        role="row"
        className={`sr-only lg:not-sr-only ${TX_GRID} border-b border-slate-200 pb-1 font-medium text-slate-500 dark:text-slate-400 dark:border-slate-800`}
      >
        <span role="columnheader">#</span>
        <span role="columnheader">Hash</span>
        <span role="columnheader">Type</span>
        <span role="columnheader">To</span>
        <span role="columnheader">Value (ETH)</span>
        <span role="columnheader">Status</span>
      </div>
      <div ref={parent} className="h-[28rem] overflow-auto" data-testid="tx-scroll">
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((item) => {
            const t = txs[item.index] as Tx
            return (
              <div
                key={t.hash}
                ref={v.measureElement}
                data-index={item.index}
                data-tx-index={t.index}
                role="row"
                data-testid="tx-row"
                data-decoded={t.decoded}
                aria-rowindex={item.index + 1}
                className={`absolute left-0 flex w-full flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-100 py-2 lg:min-h-9 lg:py-1 dark:border-slate-900 ${TX_GRID}`}
                style={{ top: 0, transform: `translateY(${item.start}px)` }}
              >
                <span role="cell" className="mono order-1 font-medium lg:order-none lg:font-normal">
                  <span className={CARD_LABEL} aria-hidden="true">
                    #
                  </span>
                  {t.index}
                </span>
                <span role="cell" className="order-4 w-full min-w-0 md:w-[calc(50%-0.375rem)] lg:order-none lg:w-auto">
                  <span className={CARD_LABEL} aria-hidden="true">
                    Hash
                  </span>
                  <Hash value={t.hash} label={`transaction ${t.index} hash`} />
                </span>
                {t.decoded ? (
                  <>
                    <span role="cell" data-testid="tx-type" className="order-2 whitespace-nowrap lg:order-none" title={TYPE_TITLES[t.type] ?? `type ${t.type}`}>
                      {TYPE_NAMES[t.type] ?? `type ${t.type}`}
                    </span>
                    <span role="cell" className="order-5 w-full min-w-0 md:w-[calc(50%-0.375rem)] lg:order-none lg:w-auto">
                      <span className={CARD_LABEL} aria-hidden="true">
                        To
                      </span>
                      {t.to ? <Hash value={t.to} label="recipient" /> : <em>create</em>}
                    </span>
                    <span role="cell" className="mono order-3 lg:order-none">
                      {Number(formatEther(BigInt(t.valueWei))).toFixed(4)}
                      <span className="lg:hidden"> ETH</span>
                    </span>
                  </>
                ) : (
                  <>
                    <span role="cell" className="order-2 text-amber-700 lg:order-none dark:text-amber-300" title={t.decodeError}>
                      undecoded
                    </span>
                    <span
                      role="cell"
                      className="order-5 w-full min-w-0 truncate md:w-[calc(50%-0.375rem)] lg:order-none lg:col-span-2 lg:w-auto"
                      data-testid="tx-raw"
                    >
                      <span className="text-xs text-slate-500 dark:text-slate-400">{t.sizeBytes} bytes </span>
                      <Hash value={t.raw} label={`transaction ${t.index} bytes`} />
                    </span>
                  </>
                )}
                <span role="cell" className="order-3 ml-auto lg:order-none lg:ml-0">
                  <ProvenanceBadge provenance={t.decoded ? provenance : undecodedProvenance(provenance, t)} what={`Transaction ${t.index}`} />
                </span>
                {/* Card layout: hash and recipient start a new line. */}
                <span aria-hidden="true" className="order-3 h-0 basis-full lg:hidden" />
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}

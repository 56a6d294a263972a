import { Link, useParams, useSearchParams } from 'react-router'
import { useLightClient } from '../app/lightClientState.ts'
import { useMarketResults } from '../app/useMarketResults.ts'
import { useNetwork } from '../app/useNetwork.ts'
import { useZkResults } from '../app/useZkResults.ts'
import { crossCheckZkPos } from '../bus/zkCrossCheck.ts'
import { LIGHTBUS_STARK } from '../net/resultsFeed.ts'
import { Hash } from '../ui/Hash.tsx'
import { marketProvenance } from '../ui/marketProvenance.ts'
import { ProvenanceBadge } from '../ui/ProvenanceBadge.tsx'
import { zkProvenance } from '../ui/zkProvenance.ts'
import { ReceiptDetail, ReceiptView } from './ReceiptDetail.tsx'

/** One result: what its proof attests, its decoded output, its public inputs and its chain of checks. */
export function ResultDetail() {
  const { id = '' } = useParams()
  // Local zkVM receipts (proved here or loaded from a file) have ids `zkvm-…`; feed items never do.
  if (id.startsWith('market-')) return <MarketResultDetail id={id} />
  return id.startsWith('zkvm-') ? <ReceiptDetail id={id} /> : <FeedResultDetail id={id} />
}

/** A ProofMarket fulfilment (devnet): its log proof, then its receipt, verified here (docs/verified-results.md). */
function MarketResultDetail({ id }: { id: string }) {
  const { network } = useNetwork()
  const market = useMarketResults(network)
  const row = market.rows.find((r) => r.id === id)
  const s = market.statusById.get(id)
  const rec = row && {
    source: 'network' as const,
    label: `ProofMarket logs (RequestFulfilled, ProofDelivered) of request ${row.requestId} by ${row.prover}, block ${row.blockNumber}`,
    addedAtMs: 0,
    text: s?.text,
  }
  if (market.list.isPending && market.enabled) return <p role="status">Proving the ProofMarket’s logs…</p>
  return <ReceiptView id={id} rec={rec} status={s} missing="among the ProofMarket’s proven fulfilments" provenance={row ? marketProvenance(row, s) : null} />
}

function FeedResultDetail({ id }: { id: string }) {
  const { network } = useNetwork()
  const [params] = useSearchParams()
  const repeat = Number(params.get('repeat') ?? 0) || 0
  const { feed, statusByProof, receiptStatusByProof } = useZkResults(network, repeat)
  const lc = useLightClient()
  const item = feed.data?.find((x) => x.id === id)
  const search = params.toString() ? `?${params.toString()}` : ''
  const back = (
    <Link className="text-sm underline" to={{ pathname: '/results', search }}>
      ← All results
    </Link>
  )
  if (feed.isPending) return <p role="status">Loading the results feed…</p>
  if (!item) {
    return (
      <div className="space-y-2">
        {back}
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-500 dark:text-slate-400 dark:border-slate-700">
          No result “{id}” in this network’s feed.
        </p>
      </div>
    )
  }
  if (item.family === LIGHTBUS_STARK) {
    // A prover-network receipt: the same page and checks as a local receipt, verified in this tab.
    const rs = receiptStatusByProof.get(item.proofId)
    const rec = { source: 'network' as const, label: item.source, addedAtMs: item.receivedAtMs, text: rs?.text }
    return <ReceiptView id={item.proofId} rec={rec} status={rs} missing="is in this network’s feed" />
  }
  const s = statusByProof.get(item.proofId)
  const p = s ? zkProvenance(item, s) : null
  const r = s?.code === 'verified' || s?.code === 'proof-only' ? s.result : null
  const cross = r && r.kind === 'zkpos' ? crossCheckZkPos(r.family, r.facts, [lc?.finalized ?? null, lc?.optimistic ?? null]) : null
  return (
    <div className="space-y-4">
      {back}
      <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold">
        <span className="mono break-all">{item.id}</span>
        {p ? <ProvenanceBadge provenance={p} what={`Result ${item.id}`} /> : <span className="text-base text-slate-500 dark:text-slate-400">verifying…</span>}
      </h1>
      {s?.code === 'failed' && (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-rose-900 dark:bg-rose-950 dark:text-rose-200" data-testid="result-error">
          {s.error.name}: {s.error.shortMessage} Nothing this proof claims is shown.
        </p>
      )}
      {s?.code === 'proof-only' && (
        <p
          className="rounded-md border border-dashed border-amber-400 bg-amber-50 p-3 text-amber-900 dark:bg-amber-950 dark:text-amber-200"
          data-testid="result-proof-only"
        >
          The proof is valid, but this is not a verified proof of consensus: {s.reason}. What it attests is shown below as the proof states it.
        </p>
      )}
      {r?.kind === 'unknown-program' && (
        <p
          className="rounded-md border border-dashed border-amber-400 bg-amber-50 p-3 text-amber-900 dark:bg-amber-950 dark:text-amber-200"
          data-testid="result-unknown-program"
        >
          A valid SP1 proof of an unknown program: its program vkey is not a known SP1-Helios program, so it proves nothing about Ethereum consensus.
        </p>
      )}
      {s?.code === 'unsupported' && (
        <p className="rounded-md bg-slate-100 p-3 text-slate-800 dark:bg-slate-800 dark:text-slate-200" data-testid="result-unsupported">
          {s.error.shortMessage}
        </p>
      )}
      <dl className="grid grid-cols-1 gap-x-4 wrap-anywhere sm:grid-cols-[max-content_minmax(0,1fr)] sm:gap-y-1.5 [&_dd]:mb-1.5 sm:[&_dd]:mb-0 text-sm">
        <dt className="text-slate-500 dark:text-slate-400">Family</dt>
        <dd>{item.family}</dd>
        <dt className="text-slate-500 dark:text-slate-400">Source</dt>
        <dd className="mono">{item.source}</dd>
        <dt className="text-slate-500 dark:text-slate-400">Received</dt>
        <dd>{new Date(item.receivedAtMs).toUTCString()}</dd>
        {r && (
          <>
            <dt className="text-slate-500 dark:text-slate-400">Proves</dt>
            <dd data-testid="result-statement">{r.statement}</dd>
            <dt className="text-slate-500 dark:text-slate-400">Program / image id</dt>
            <dd>
              <Hash value={r.programId} full label="program id" />
            </dd>
            <dt className="text-slate-500 dark:text-slate-400">Version</dt>
            <dd>{r.version}</dd>
            <dt className="text-slate-500 dark:text-slate-400">Verifying key</dt>
            <dd className="mono">{r.verifyingKeyId}</dd>
            <dt className="text-slate-500 dark:text-slate-400">Verification</dt>
            <dd className="mono">
              {r.verifyMs.toFixed(1)} ms pairing check ({r.backend}), {r.decodeMs.toFixed(1)} ms decoding
            </dd>
          </>
        )}
      </dl>
      {r && (
        <section aria-labelledby="facts-title" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <h2 id="facts-title" className="mb-2 font-semibold">
            What the proof attests
          </h2>
          <dl
            className="grid grid-cols-1 gap-x-4 wrap-anywhere sm:grid-cols-[max-content_minmax(0,1fr)] sm:gap-y-1.5 [&_dd]:mb-1.5 sm:[&_dd]:mb-0 text-sm"
            data-testid="result-facts"
          >
            {Object.entries(r.facts).map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-slate-500 dark:text-slate-400">{k}</dt>
                <dd>{typeof v === 'string' && v.startsWith('0x') ? <Hash value={v} full label={k} /> : <span className="mono break-all">{String(v)}</span>}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {r?.output && (
        <section aria-labelledby="output-title" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <h2 id="output-title" className="mb-2 font-semibold">
            {r.family === 'risc0' ? 'Journal' : 'Public values'} ({r.output.sizeBytes} bytes)
          </h2>
          {r.output.utf8 && (
            <p className="mb-2" data-testid="result-utf8">
              UTF-8: <q>{r.output.utf8}</q>
            </p>
          )}
          {r.output.words && (
            <ol className="mono mb-2 text-xs" aria-label="ABI words">
              {r.output.words.map((w, i) => (
                <li key={`${i}-${w}`}>
                  [{i}] {w}
                </li>
              ))}
            </ol>
          )}
          <Hash value={r.output.hex} full label="output hex" />
        </section>
      )}
      {cross && (
        <section
          aria-labelledby="cross-title"
          className="rounded-lg border border-slate-200 p-4 dark:border-slate-800"
          data-testid="cross-check"
          data-status={cross.status}
        >
          <h2 id="cross-title" className="mb-2 font-semibold">
            Cross-check with the light client
          </h2>
          {cross.status === 'no-overlap' ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              The light client holds no verified header at slot {cross.slot}, so this proof cannot be compared with it.
            </p>
          ) : (
            <ul className="text-sm">
              {cross.fields.map((f) => (
                <li key={f.name} className={f.equal ? 'text-emerald-700 dark:text-emerald-300' : 'text-rose-700 dark:text-rose-300'}>
                  {f.equal ? '✔ agree' : '✖ disagree'}: {f.name} (proof {f.zk}, light client {f.lightClient})
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {r && (
        <details className="text-sm">
          <summary className="cursor-pointer">{r.publicInputs.length} public inputs (derived here)</summary>
          <ol className="mono mt-1 break-all text-xs">
            {r.publicInputs.map((x, i) => (
              <li key={`${i}-${x}`}>
                [{i}] {x}
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  )
}

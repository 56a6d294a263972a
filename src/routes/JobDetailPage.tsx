import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { lazy, Suspense, useEffect, useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { formatEther, type Hex } from 'viem'
import { getJob, jobKey } from '../app/jobs/jobStore.ts'
import { type MarketConfig, marketOf } from '../app/jobs/market.ts'
import { clientOf, deadline, indexOf, lockDeadline, slashRequest } from '../app/jobs/marketApi.ts'
import { inputBytesToWords } from '../app/jobs/offerForm.ts'
import { useJobTracking } from '../app/jobs/useJobTracking.ts'
import { useNetwork } from '../app/useNetwork.ts'
import type { BaseError } from '../errors/base.ts'
import { serializeError } from '../errors/serialize.ts'
import type { NetworkConfig } from '../net/networkConfig.ts'
import { programByImageId } from '../prover/zkvm/programs.ts'
import { Hash } from '../ui/Hash.tsx'
import { DeliveryView } from '../ui/jobs/DeliveryView.tsx'
import { JobTimeline } from '../ui/jobs/JobTimeline.tsx'
import { JobStateBadge } from '../ui/jobs/StateBadge.tsx'
import { ProvenanceBadge } from '../ui/ProvenanceBadge.tsx'
import { waitForReceipt } from '../wallet/actions.ts'
import { useWallet } from '../wallet/hooks.ts'
import { WalletControl } from '../wallet/WalletButton.tsx'
import { WalletError } from '../wallet/WalletError.tsx'
import { WalletScope } from '../wallet/WalletScope.tsx'

const PriceChart = lazy(() => import('../ui/jobs/PriceChart.tsx'))

/** A request id from the URL: 0x-hex or decimal, below 2^193 (bit 192 marks a contract client). */
export function parseRequestId(s: string | undefined): bigint | null {
  if (!s || !/^(0x[0-9a-fA-F]{1,49}|[0-9]{1,59})$/.test(s)) return null
  const id = BigInt(s)
  return id < 1n << 193n ? id : null
}

function useNowSec() {
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000))
  useEffect(() => {
    const t = setInterval(() => setNow(Math.floor(Date.now() / 1000)), 1_000)
    return () => clearInterval(t)
  }, [])
  return now
}

/** /jobs/:requestId — a shareable job page; works for any request on the network (docs/jobs.md). */
export function JobDetailPage() {
  const { network } = useNetwork()
  const { requestId } = useParams()
  const [params] = useSearchParams()
  const id = parseRequestId(requestId)
  if (!network) return null
  const market = marketOf(network)
  return (
    <div className="space-y-6">
      <nav className="text-sm">
        <Link to={{ pathname: '/jobs', search: params.toString() ? `?${params.toString()}` : '' }} className="text-emerald-700 underline dark:text-emerald-400">
          ← Jobs
        </Link>
      </nav>
      {id === null ? (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-rose-900 dark:bg-rose-950 dark:text-rose-200" data-testid="job-bad-id">
          “{requestId}” is not a request id (0x-hex or decimal, (client address &lt;&lt; 32) | index).
        </p>
      ) : !market ? (
        <p role="status" className="text-slate-500 dark:text-slate-400">
          {network.name} has no proof market.
        </p>
      ) : (
        <WalletScope network={network}>
          <JobDetail network={network} market={market} id={id} />
        </WalletScope>
      )}
    </div>
  )
}

function JobDetail({ network, market, id }: { network: NetworkConfig; market: MarketConfig; id: bigint }) {
  const client = clientOf(id)
  const stored = useQuery({
    queryKey: ['jobs', network.id, 'stored', id.toString()],
    queryFn: async () => (await getJob(jobKey(network.id, client, id))) ?? null,
  })
  const t = useJobTracking({ network, market, requestId: id, stored: stored.data ?? undefined, detail: true })
  const nowSec = useNowSec()
  const request = t.request
  const program = request ? programByImageId(request.imageId) : undefined
  const words = request ? inputBytesToWords(request.input) : null
  const status = t.proven.data?.value ?? null
  const notFound = !stored.data && t.submitted.isSuccess && t.submitted.data.length === 0
  return (
    <article className="space-y-5" data-testid="job-detail" data-request-id={id.toString()}>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">
          Job #{indexOf(id)} {program ? `· ${program.title}` : ''}
        </h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Request <Hash value={`0x${id.toString(16)}`} label="request id" /> of client <Hash value={client} label="client" />
          {stored.data ? ' · in My jobs' : ''}
        </p>
      </header>
      {notFound && (
        <p
          role="status"
          className="rounded-lg border border-dashed border-slate-300 p-4 text-slate-500 dark:text-slate-400 dark:border-slate-700"
          data-testid="job-not-found"
        >
          No RequestSubmitted log for this id on {network.name} (yet). Its page updates when one appears.
        </p>
      )}
      <section className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800" aria-labelledby="state-title">
        <h2 id="state-title" className="flex flex-wrap items-center gap-3 font-semibold">
          State
          <JobStateBadge
            proven={t.provenView}
            provenance={t.proven.data?.provenance ?? null}
            rpc={t.rpcView}
            rpcBlock={t.rpc.data?.blockNumber}
            errorCode={t.proven.isError ? serializeError(t.proven.error).code : undefined}
          />
        </h2>
        {!t.ready && (
          <p className="text-sm text-slate-500 dark:text-slate-400">
            Waiting for the light client to verify a finalized header: states are proven at that block…
          </p>
        )}
        {t.proven.isError && (
          <p role="alert" className="text-sm text-rose-700 dark:text-rose-300" data-testid="job-proven-error">
            The state could not be proven: {serializeError(t.proven.error).code}: {serializeError(t.proven.error).shortMessage}
          </p>
        )}
        {t.proven.data && (
          <p className="text-xs text-slate-500 dark:text-slate-400">
            Proven by a verified eth_call of requestStatus at the finalized block {t.proven.data.block.number.toString()}.
          </p>
        )}
        <JobTimeline
          view={t.provenView}
          status={status}
          submitted={t.isSubmitted}
          times={t.times.data}
          progress={t.progress.data}
          submittedProvenance={
            t.submittedProven.data?.provenance ??
            (t.submittedProven.isError ? { status: 'failed', error: serializeError(t.submittedProven.error), checks: [] } : null)
          }
        />
        {t.proven.data && status?.state === 2 && (
          <DeliveryView requestId={id} proven={t.proven.data} delivery={t.delivery.data} error={t.delivery.error} pending={t.delivery.isPending} />
        )}
        <FailedFulfils failed={t.failed.data} />
        <SlashControl network={network} market={market} id={id} t={t} />
      </section>
      {request && (
        <section className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800" aria-labelledby="request-title">
          <h2 id="request-title" className="flex items-center gap-2 font-semibold">
            Request
            <ProvenanceBadge
              provenance={
                t.requestProven && t.submittedProven.data
                  ? t.submittedProven.data.provenance
                  : stored.data
                    ? {
                        status: 'trusted',
                        source: 'this browser (My jobs)',
                        reason: 'the request as you signed it; its state above is proven on chain',
                        checks: [],
                      }
                    : {
                        status: 'trusted',
                        source: 'the RPC (RequestSubmitted log)',
                        reason: 'the log is not proven against a receipts root here; the state above is',
                        checks: [],
                      }
              }
              what="Request"
            />
          </h2>
          <dl className="grid grid-cols-1 gap-x-4 wrap-anywhere sm:grid-cols-[max-content_minmax(0,1fr)] sm:gap-y-1 [&_dd]:mb-1.5 sm:[&_dd]:mb-0 text-sm">
            <dt className="text-slate-500 dark:text-slate-400">Program</dt>
            <dd>
              {program ? `${program.title} ` : 'unknown program '}
              <Hash value={request.imageId} label="image id" />
            </dd>
            <dt className="text-slate-500 dark:text-slate-400">Input</dt>
            <dd className="mono break-all" data-testid="job-input-words">
              {words ? `[${words.slice(0, 16).join(', ')}${words.length > 16 ? `, … (${words.length} words)` : ''}]` : request.input}
            </dd>
            <dt className="text-slate-500 dark:text-slate-400">Offer</dt>
            <dd>
              {formatEther(request.offer.minPrice)} → {formatEther(request.offer.maxPrice)} ETH over {request.offer.rampUpPeriod} s; lock by{' '}
              {new Date(Number(lockDeadline(request.offer)) * 1000).toLocaleTimeString('en-GB')}, deadline{' '}
              {new Date(Number(deadline(request.offer)) * 1000).toLocaleTimeString('en-GB')}; collateral {formatEther(request.offer.lockCollateral)} ETH
            </dd>
          </dl>
          <Suspense fallback={<p className="text-sm text-slate-500 dark:text-slate-400">Loading the chart…</p>}>
            <PriceChart offer={request.offer} nowSec={nowSec} askWei={market.proverAskWei} />
          </Suspense>
        </section>
      )}
    </article>
  )
}

function FailedFulfils({ failed }: { failed: { txHash: Hex; from: Hex; blockNumber: bigint; reason: string }[] | undefined }) {
  if (!failed?.length) return null
  return (
    <div className="space-y-1" data-testid="failed-fulfils">
      <h3 className="flex items-center gap-2 text-sm font-medium">
        Fulfilment attempts refused on chain
        <ProvenanceBadge
          provenance={{
            status: 'trusted',
            source: 'the RPC (blocks, receipts, and a replay of each transaction for its revert data)',
            reason: 'reverted transactions leave no log to prove; what they tried changed nothing on chain',
            checks: [],
          }}
          what="Refused fulfilment attempts"
        />
      </h3>
      <ul className="space-y-1 text-sm">
        {failed.map((f) => (
          <li key={f.txHash} className="rounded-md bg-rose-50 p-2 text-rose-900 dark:bg-rose-950 dark:text-rose-200" data-testid="failed-fulfil">
            Prover <span className="mono">{`${f.from.slice(0, 10)}…`}</span> at block {f.blockNumber.toString()}: reverted:{' '}
            <span className="mono" data-testid="failed-fulfil-reason">
              {f.reason}
            </span>
          </li>
        ))}
      </ul>
    </div>
  )
}

function SlashControl({ network, market, id, t }: { network: NetworkConfig; market: MarketConfig; id: bigint; t: ReturnType<typeof useJobTracking> }) {
  const w = useWallet()
  const queryClient = useQueryClient()
  const s = t.rpc.data
  const slashable = Boolean(s && s.status.state !== 2 && s.status.state !== 0 && !s.status.slashed && s.timestamp > s.status.deadline && s.status.deadline > 0n)
  const slash = useMutation<Hex, BaseError, void>({
    mutationKey: ['lightbus-wallet', w.chainId, 'slash', id.toString()],
    mutationFn: async () => {
      const hash = await slashRequest(w.config, { market: market.proofMarket, requestId: id })
      await waitForReceipt(w.config, hash)
      await queryClient.invalidateQueries({ queryKey: ['jobs', network.id, id.toString(), 'rpc'] })
      return hash
    },
  })
  if (!slashable && !slash.data && !slash.error) return null
  const ready = w.status === 'connected' && !w.wrongChain
  return (
    <div className="space-y-2 rounded-md border border-amber-300 p-3 text-sm dark:border-amber-800" data-testid="slash">
      {slashable && (
        <p>
          The deadline passed and the locking prover did not deliver: anyone can slash its collateral (the client gets the price back and half the collateral).
        </p>
      )}
      {!ready ? (
        <div className="flex flex-wrap items-center gap-2">
          <span>Connect a wallet to slash:</span>
          <WalletControl />
        </div>
      ) : (
        slashable && (
          <button
            type="button"
            className="rounded-md bg-amber-700 px-3 py-1.5 font-medium text-white hover:bg-amber-800 disabled:opacity-50"
            disabled={slash.isPending}
            onClick={() => slash.mutate()}
            data-testid="slash-button"
          >
            Slash
          </button>
        )
      )}
      {slash.isPending && <span role="status">Waiting for the wallet and the block…</span>}
      {slash.data && (
        <p role="status" data-testid="slash-sent">
          Slash transaction mined ({slash.data.slice(0, 10)}…); the state above shows “slashed” once the light client’s finalized block includes it.
        </p>
      )}
      {slash.error && <WalletError error={slash.error} />}
    </div>
  )
}

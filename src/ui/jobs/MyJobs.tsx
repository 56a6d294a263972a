import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { Link, useSearchParams } from 'react-router'
import { toHex } from 'viem'
import { listJobs, type StoredJob, updateJob } from '../../app/jobs/jobStore.ts'
import type { MarketConfig } from '../../app/jobs/market.ts'
import { indexOf, submitProofRequest } from '../../app/jobs/marketApi.ts'
import { rpcMarketBalance } from '../../app/jobs/rpcReads.ts'
import { sendStoredJob } from '../../app/jobs/submitJob.ts'
import { useJobTracking } from '../../app/jobs/useJobTracking.ts'
import type { BaseError } from '../../errors/base.ts'
import { serializeError } from '../../errors/serialize.ts'
import { fromStoredProofRequest } from '../../jobs/actions/storedRequest.ts'
import type { NetworkConfig } from '../../net/networkConfig.ts'
import { useWallet } from '../../wallet/hooks.ts'
import { WalletError } from '../../wallet/WalletError.tsx'
import { JobStateBadge } from './StateBadge.tsx'

export const myJobsQueryOptions = (networkId: string) => ({
  queryKey: ['jobs', networkId, 'mine'],
  queryFn: () => listJobs(networkId, null),
  staleTime: Number.POSITIVE_INFINITY,
})

/** "My jobs": the requests this browser signed on this network (IndexedDB), each tracked live; survives reloads. */
export function MyJobs({ network, market }: { network: NetworkConfig; market: MarketConfig }) {
  const list = useQuery(myJobsQueryOptions(network.id))
  const jobs = list.data ?? []
  return (
    <section className="space-y-3" aria-labelledby="myjobs-title">
      <h2 id="myjobs-title" className="text-lg font-semibold">
        My jobs
      </h2>
      {list.isError && (
        <p role="alert" className="text-rose-700 dark:text-rose-300">
          This browser’s job list (IndexedDB) cannot be read: {(list.error as Error).message}
        </p>
      )}
      {list.isSuccess && jobs.length === 0 && (
        <p
          role="status"
          className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-500 dark:text-slate-400 dark:border-slate-700"
          data-testid="myjobs-empty"
        >
          No jobs from this browser on {network.name} yet. Submit one above; it is kept here (IndexedDB) across reloads.
        </p>
      )}
      {jobs.length > 0 && (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800" data-testid="myjobs">
          {jobs.map((j) => (
            <JobRow key={j.key} job={j} network={network} market={market} />
          ))}
        </ul>
      )}
    </section>
  )
}

function JobRow({ job, network, market }: { job: StoredJob; network: NetworkConfig; market: MarketConfig }) {
  const [params] = useSearchParams()
  const queryClient = useQueryClient()
  const id = BigInt(job.requestId)
  const t = useJobTracking({ network, market, requestId: id, stored: job })
  const w = useWallet()
  const onChain = Boolean(t.submitted.data?.length)
  // A job stored as signed whose RequestSubmitted log exists was sent after all (the tab died before recording it).
  useEffect(() => {
    if (onChain && job.phase !== 'sent') {
      void updateJob(job.key, { phase: 'sent', txHash: t.submitted.data?.[0]?.txHash }).then(() =>
        queryClient.invalidateQueries({ queryKey: ['jobs', network.id, 'mine'] }),
      )
    }
  }, [onChain, job.phase, job.key, t.submitted.data, queryClient, network.id])
  // Remember the last proven state for the list.
  const pv = t.provenView
  const provenBlock = t.proven.data?.block.number.toString()
  useEffect(() => {
    if (!pv || !provenBlock) return
    if (job.lastProven?.state === pv.state && job.lastProven.slashed === pv.slashed) return
    void updateJob(job.key, { lastProven: { state: pv.state, slashed: pv.slashed, blockNumber: provenBlock } })
  }, [pv, provenBlock, job.key, job.lastProven])
  const resend = useMutation<unknown, BaseError, void>({
    mutationKey: ['lightbus-wallet', w.chainId, 'resend-job', job.key],
    mutationFn: () =>
      sendStoredJob(job, fromStoredProofRequest(job.request), {
        send: (request, signature, valueWei) => submitProofRequest(w.config, { market: market.proofMarket, request, signature, valueWei }),
        balance: (client) => rpcMarketBalance(network.executionRpcUrl, market.proofMarket, client),
        update: updateJob,
      }).finally(() => queryClient.invalidateQueries({ queryKey: ['jobs', network.id, 'mine'] })),
  })
  const search = params.toString() ? `?${params.toString()}` : ''
  const canResend = !onChain && job.phase !== 'sent' && w.address?.toLowerCase() === job.client
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 p-3 text-sm" data-testid="myjob" data-request-id={job.requestId} data-phase={job.phase}>
      <div className="space-y-0.5">
        <Link to={`/jobs/${toHex(id)}${search}`} className="font-medium text-emerald-700 underline dark:text-emerald-400" data-testid="myjob-link">
          Request #{indexOf(id)} · {job.program ?? 'custom program'} ({job.inputText.length > 24 ? `${job.inputText.slice(0, 24)}…` : job.inputText})
        </Link>
        <div className="text-xs text-slate-500 dark:text-slate-400">
          {new Date(job.createdAtMs).toLocaleString('en-GB')} · client <span className="mono">{`${job.client.slice(0, 8)}…${job.client.slice(-4)}`}</span>
          {job.phase === 'signed' && !onChain && ' · signed, not sent'}
          {job.phase === 'send-failed' && !onChain && ` · not sent: ${job.sendError ?? ''}`}
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {onChain || job.phase === 'sent' ? (
          <JobStateBadge
            proven={t.provenView}
            provenance={t.proven.data?.provenance ?? null}
            rpc={t.rpcView}
            rpcBlock={t.rpc.data?.blockNumber}
            errorCode={t.proven.isError ? serializeError(t.proven.error).code : undefined}
          />
        ) : (
          <span className="text-xs text-slate-500 dark:text-slate-400" data-testid="myjob-unsent">
            not on chain
          </span>
        )}
        {canResend && (
          <button
            type="button"
            className="rounded-md px-2 py-1 text-xs ring-1 ring-slate-300 hover:bg-slate-100 dark:ring-slate-700 dark:hover:bg-slate-800"
            disabled={resend.isPending}
            onClick={() => resend.mutate()}
            data-testid="myjob-send"
          >
            Send
          </button>
        )}
      </div>
      {resend.error && <WalletError error={resend.error} />}
    </li>
  )
}

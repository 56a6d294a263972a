import { useQuery } from '@tanstack/react-query'
import { lazy, Suspense, useRef, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { formatEther } from 'viem'
import { useLightClient } from '../app/lightClientState.ts'
import { openVerifiedSession, withProvenance } from '../app/services/verifiedSession.ts'
import { useNetwork } from '../app/useNetwork.ts'
import type { BaseError } from '../errors/base.ts'
import { serializeError } from '../errors/serialize.ts'
import { programByImageId } from '../prover/zkvm/programs.ts'
import { marketConfigOf } from '../services/marketConfig.ts'
import { readService, readServices } from '../services/registryReads.ts'
import { Hash } from '../ui/Hash.tsx'
import { ProvenanceBadge } from '../ui/ProvenanceBadge.tsx'

// The request panel pulls in wagmi (the wallet layer): loaded only when a service is open.
const RequestPanel = lazy(() => import('../ui/services/RequestPanel.tsx'))

const programLabel = (programId: string) => programByImageId(programId)?.title ?? 'unknown program'
const box = 'space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800'

/**
 * Services (verifiable-cloud style): the ServiceRegistry's services and providers, read by verified eth_calls at
 * the light client's finalized block; `?service=N` opens one (shareable) with its request panel.
 */
export function ServicesPage() {
  const { network } = useNetwork()
  const lc = useLightClient()
  const fin = lc && network && lc.networkId === network.id ? lc.finalized : null
  const ready = Boolean(fin?.execution && (lc?.status.code === 'synced' || lc?.status.code === 'stalled'))
  const lcRef = useRef(lc)
  lcRef.current = lc
  const market = network ? marketConfigOf(network) : null
  const [params] = useSearchParams()
  const raw = params.get('service')
  const serviceId = raw && /^[0-9]{1,20}$/.test(raw) ? BigInt(raw) : null
  // Reads run at the finalized block current when they start; "Read again" (or a settled dispute) moves them on.
  const [epoch, setEpoch] = useState(0)
  const list = useQuery({
    queryKey: ['services', network?.id, market?.serviceRegistry, epoch],
    queryFn: async ({ signal }) => {
      const s = await openVerifiedSession(network as NonNullable<typeof network>, lcRef.current as NonNullable<typeof lc>, signal)
      return withProvenance(s, await readServices(s.caller, market?.serviceRegistry as `0x${string}`))
    },
    enabled: Boolean(network && market && ready),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[1] === network?.id ? prev : undefined),
  })
  const detail = useQuery({
    queryKey: ['service', network?.id, market?.serviceRegistry, serviceId?.toString(), epoch],
    queryFn: async ({ signal }) => {
      const s = await openVerifiedSession(network as NonNullable<typeof network>, lcRef.current as NonNullable<typeof lc>, signal)
      return withProvenance(s, await readService(s.caller, market?.serviceRegistry as `0x${string}`, serviceId as bigint))
    },
    enabled: Boolean(network && market && ready && serviceId !== null),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    // Reading again (a newer block) keeps the shown service, and its request panel, mounted meanwhile.
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[1] === network?.id && prevQuery?.queryKey[3] === serviceId?.toString() ? prev : undefined),
  })
  if (!network) return null
  const search = (id: bigint) => {
    const p = new URLSearchParams(params)
    p.set('service', id.toString())
    return `?${p.toString()}`
  }
  const listError = list.error as BaseError | null
  const detailError = detail.error as BaseError | null
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Services</h1>
      <p className="max-w-3xl text-slate-600 dark:text-slate-400">
        Ask several staked providers the same signed question and compare their signed answers. If they disagree, a proof of the program on your input,
        fulfilled in the proof market, settles it on chain: every provider that signed a different output loses its stake to you. Services and providers are
        read from the ServiceRegistry by verified calls at the light client’s finalized block.
      </p>
      {!market && (
        <p
          role="status"
          className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-500 dark:text-slate-400 dark:border-slate-700"
          data-testid="services-none"
        >
          {network.name} has no proof market or service registry in config.json. Pick the devnet above.
        </p>
      )}
      {market && !ready && (
        <p role="status" className="text-slate-500 dark:text-slate-400" data-testid="services-waiting">
          Waiting for the light client to verify a finalized header: every registry read runs at that block…
        </p>
      )}
      {market && ready && (
        <section className={box} aria-labelledby="services-title" data-testid="services-list">
          <h2 id="services-title" className="flex flex-wrap items-center justify-between gap-2 text-lg font-semibold">
            <span>
              Services{list.data ? ` (${list.data.value.count})` : ''}
              {list.data && <span className="ml-2 text-sm font-normal text-slate-500 dark:text-slate-400">at block {list.data.block.number.toString()}</span>}
            </span>
            <span className="flex items-center gap-2">
              {list.data && <ProvenanceBadge provenance={list.data.provenance} what="Service list" />}
              {listError && <ProvenanceBadge provenance={{ status: 'failed', error: serializeError(listError), checks: [] }} what="Service list" />}
              <button
                type="button"
                className="rounded-md px-2.5 py-1 text-sm font-normal ring-1 ring-slate-300 hover:bg-slate-100 disabled:opacity-50 dark:ring-slate-700 dark:hover:bg-slate-800"
                onClick={() => setEpoch((e) => e + 1)}
                disabled={list.isFetching || detail.isFetching}
                data-testid="services-refresh"
              >
                Read again at the latest finalized block
              </button>
            </span>
          </h2>
          {list.isFetching && !list.data && (
            <p role="status" className="text-slate-500 dark:text-slate-400">
              Reading the registry with verified calls…
            </p>
          )}
          {listError && (
            <p
              role="alert"
              className="rounded-md bg-rose-50 p-3 text-rose-900 dark:bg-rose-950 dark:text-rose-200"
              data-testid="services-error"
              data-code={listError.code}
            >
              {listError.shortMessage ?? listError.message}
            </p>
          )}
          {list.data && list.data.value.services.length === 0 && (
            <p
              role="status"
              className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-500 dark:text-slate-400 dark:border-slate-700"
              data-testid="services-empty"
            >
              No service is defined in the registry yet.
            </p>
          )}
          {list.data && list.data.value.services.length > 0 && (
            <ul className="divide-y divide-slate-200 dark:divide-slate-800">
              {list.data.value.services.map((s) => (
                <li key={s.id.toString()} className="flex flex-wrap items-center gap-3 py-2" data-testid="service-row" data-service-id={s.id.toString()}>
                  <Link
                    to={{ search: search(s.id) }}
                    className={`rounded-md px-2 py-1 font-medium hover:bg-slate-100 dark:hover:bg-slate-800 ${serviceId === s.id ? 'bg-slate-100 dark:bg-slate-800' : ''}`}
                    aria-current={serviceId === s.id ? 'page' : undefined}
                  >
                    #{s.id.toString()} {s.name}
                  </Link>
                  <span className="text-sm text-slate-500 dark:text-slate-400">{programLabel(s.programId)}</span>
                  <Hash value={s.programId} label="program (image) id" />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {market && ready && raw !== null && serviceId === null && (
        <p role="alert" className="rounded-md bg-amber-50 p-3 text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          “{raw.slice(0, 40)}” is not a service id (a positive integer).
        </p>
      )}
      {market && ready && serviceId !== null && (
        <section className={box} aria-labelledby="service-title" data-testid="service-detail">
          {detail.isFetching && !detail.data && (
            <p role="status" className="text-slate-500 dark:text-slate-400">
              Reading service {serviceId.toString()}…
            </p>
          )}
          {detailError && (
            <div className="space-y-2" data-testid="service-error" data-code={detailError.code}>
              <ProvenanceBadge provenance={{ status: 'failed', error: serializeError(detailError), checks: [] }} what={`Service ${serviceId}`} />
              <p role="alert" className="rounded-md bg-rose-50 p-3 text-rose-900 dark:bg-rose-950 dark:text-rose-200">
                {detailError.shortMessage ?? detailError.message}
              </p>
            </div>
          )}
          {detail.data && (
            <>
              <h2 id="service-title" className="flex flex-wrap items-center justify-between gap-2 text-lg font-semibold">
                <span>
                  #{detail.data.value.service.id.toString()} {detail.data.value.service.name}
                  <span className="ml-2 text-sm font-normal text-slate-500 dark:text-slate-400">
                    {programLabel(detail.data.value.service.programId)} · at block {detail.data.block.number.toString()}
                  </span>
                </span>
                <ProvenanceBadge provenance={detail.data.provenance} what={`Service ${serviceId} and its providers`} />
              </h2>
              <dl className="grid gap-x-4 gap-y-1 text-sm wrap-anywhere sm:grid-cols-[max-content_minmax(0,1fr)]">
                <dt className="text-slate-500 dark:text-slate-400">Program (image id)</dt>
                <dd>
                  <Hash value={detail.data.value.service.programId} label="program id" />
                </dd>
                <dt className="text-slate-500 dark:text-slate-400">Owner</dt>
                <dd>
                  <Hash value={detail.data.value.service.owner} label="owner" />
                </dd>
              </dl>
              {detail.data.value.providers.length === 0 ? (
                <p
                  role="status"
                  className="rounded-lg border border-dashed border-slate-300 p-4 text-center text-slate-500 dark:text-slate-400 dark:border-slate-700"
                  data-testid="providers-empty"
                >
                  No provider serves this service now.
                </p>
              ) : (
                <table className="w-full text-left text-sm" data-testid="providers">
                  <caption className="sr-only">Providers of this service (active members, proven at block {detail.data.block.number.toString()})</caption>
                  <thead className="text-slate-500 dark:text-slate-400">
                    <tr>
                      <th scope="col" className="py-1 font-normal">
                        Provider
                      </th>
                      <th scope="col" className="py-1 font-normal">
                        Endpoint
                      </th>
                      <th scope="col" className="py-1 font-normal">
                        Stake in this service
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {detail.data.value.providers.map((p) => (
                      <tr key={p.address} data-testid="provider-row" data-address={p.address.toLowerCase()}>
                        <td className="py-1">
                          <Hash value={p.address} label="provider address" />
                        </td>
                        <td className="mono break-all py-1">{p.endpoint}</td>
                        <td className="py-1">{formatEther(p.stake)} ETH</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <Suspense fallback={<p className="text-slate-500 dark:text-slate-400">Loading the request panel…</p>}>
                <RequestPanel
                  network={network}
                  market={market}
                  service={detail.data.value.service}
                  providers={detail.data.value.providers}
                  onChainChanged={() => setEpoch((e) => e + 1)}
                />
              </Suspense>
            </>
          )}
        </section>
      )}
    </div>
  )
}

import { useQuery } from '@tanstack/react-query'
import { lazy, Suspense, useEffect, useRef, useState } from 'react'
import { useSearchParams } from 'react-router'
import { useLightClient } from '../app/lightClientState.ts'
import { resolveWeb3OnNetwork } from '../app/storage/web3Resolve.ts'
import { useNetwork } from '../app/useNetwork.ts'
import type { BaseError } from '../errors/base.ts'
import { serializeError } from '../errors/serialize.ts'
import { ProvenanceBadge } from '../ui/ProvenanceBadge.tsx'
import { ResourceView } from '../ui/storage/ResourceView.tsx'

// The upload panel pulls in wagmi (the wallet layer): loaded only when the page shows it.
const UploadPanel = lazy(() => import('../ui/storage/UploadPanel.tsx'))

/** The storage network: open a web3:// URL (`?url=`, shareable), see it rendered and how it was checked; upload a site. */
export function StoragePage() {
  const { network } = useNetwork()
  const lc = useLightClient()
  const fin = lc && network && lc.networkId === network.id ? lc.finalized : null
  const ready = Boolean(fin?.execution && (lc?.status.code === 'synced' || lc?.status.code === 'stalled'))
  // The resolution runs at the finalized block current when it starts; a newer block does not re-resolve.
  const lcRef = useRef(lc)
  lcRef.current = lc
  const [params, setParams] = useSearchParams()
  const url = params.get('url')?.trim() ?? ''
  const [draft, setDraft] = useState(url)
  useEffect(() => setDraft(url), [url])
  const query = useQuery({
    queryKey: ['web3', network?.id, url],
    queryFn: () => resolveWeb3OnNetwork(url, network as NonNullable<typeof network>, lcRef.current as NonNullable<typeof lc>),
    enabled: Boolean(network && url && ready),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 60_000,
    retry: false,
    // Empty at the finalized block: the data may be newer than that block (just uploaded). Resolve again, at the
    // light client's then-current finalized block, until it shows up.
    refetchInterval: (q) => (q.state.data?.resource.size === 0 ? 4_000 : false),
  })
  const open = (u: string) => {
    const next = new URLSearchParams(params)
    if (u.trim()) next.set('url', u.trim())
    else next.delete('url')
    setParams(next)
  }
  if (!network) return null
  const error = query.error as BaseError | null
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Storage</h1>
      <p className="max-w-3xl text-slate-600 dark:text-slate-400">
        Open a <span className="mono">web3://</span> URL (ERC-4804/6860): Lightbus resolves it itself, every contract call a verified eth_call at the light
        client’s finalized block and every blob checked against its KZG commitment, and renders the result by type. Pages and SVG run in a sandbox with no
        access to this app.
      </p>
      <form
        className="flex gap-2"
        role="search"
        onSubmit={(e) => {
          e.preventDefault()
          open(draft)
        }}
      >
        <label className="flex-1">
          <span className="sr-only">web3:// URL</span>
          <input
            type="text"
            inputMode="url"
            spellCheck={false}
            className="mono w-full rounded-md bg-white px-3 py-2 text-sm ring-1 ring-slate-300 dark:bg-slate-900 dark:ring-slate-700"
            placeholder="web3://0x…:31337/index.html"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            data-testid="web3-url"
          />
        </label>
        <button type="submit" className="rounded-md bg-slate-900 px-4 py-2 text-sm text-white dark:bg-slate-100 dark:text-slate-900" data-testid="web3-open">
          Open
        </button>
      </form>
      {!url && (
        <p role="status" className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-500 dark:text-slate-400 dark:border-slate-700">
          Enter a web3:// URL, or upload a site below and open it.
        </p>
      )}
      {url && !ready && (
        <p role="status" className="text-slate-500 dark:text-slate-400" data-testid="resource-waiting">
          Waiting for the light client to verify a finalized header: every contract call runs at that block…
        </p>
      )}
      {url && query.isFetching && !query.data && (
        <p role="status" className="text-slate-500 dark:text-slate-400" data-testid="resource-loading">
          Resolving {url}…
        </p>
      )}
      {url && error && (
        <div className="space-y-2" data-testid="resource-error" data-code={error.code}>
          <ProvenanceBadge provenance={{ status: 'failed', error: serializeError(error), checks: [] }} what={`web3:// resource ${url}`} />
          <p role="alert" className="rounded-md bg-rose-50 p-3 text-rose-900 dark:bg-rose-950 dark:text-rose-200">
            {error.shortMessage ?? error.message}
            {error.code === 'StoredDataUnavailable' &&
              ' The chain still commits to this data, but it can no longer be retrieved from any source Lightbus knows.'}
          </p>
        </div>
      )}
      {url && query.data && !error && <ResourceView resolution={query.data} />}
      <Suspense fallback={<p className="text-slate-500 dark:text-slate-400">Loading the upload panel…</p>}>
        <UploadPanel network={network} onOpen={open} />
      </Suspense>
    </div>
  )
}

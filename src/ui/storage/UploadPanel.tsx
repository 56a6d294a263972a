import { useMutation } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { type PlannedFile, planUpload, runUpload, type UploadEvent } from '../../app/storage/upload.ts'
import { walletUploadDeps } from '../../app/storage/walletUploadDeps.ts'
import type { BaseError } from '../../errors/base.ts'
import type { NetworkConfig } from '../../net/networkConfig.ts'
import { useWallet } from '../../wallet/hooks.ts'
import { WalletControl } from '../../wallet/WalletButton.tsx'
import { WalletError } from '../../wallet/WalletError.tsx'
import { WalletScope } from '../../wallet/WalletScope.tsx'
import { Hash } from '../Hash.tsx'
import { ProgressBar } from '../ProgressBar.tsx'

type TxState = { status: 'asking' | 'sent' | 'mined'; hash?: string; blobs: number }
type Progress = { deploy?: { status: string; hash?: string; address?: string }; txs: Record<string, TxState>; url?: string }

/** Upload a small site with the wallet: a FlatDirectory, then each file as blob chunks (default export: lazily loaded). */
export default function UploadPanel({ network, onOpen }: { network: NetworkConfig; onOpen: (url: string) => void }) {
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800" aria-labelledby="upload-title">
      <h2 id="upload-title" className="text-lg font-semibold">
        Upload a site
      </h2>
      <WalletScope network={network}>
        <Upload network={network} onOpen={onOpen} />
      </WalletScope>
    </section>
  )
}

function Upload({ network, onOpen }: { network: NetworkConfig; onOpen: (url: string) => void }) {
  const w = useWallet()
  const [files, setFiles] = useState<{ name: string; bytes: Uint8Array }[]>([])
  const [progress, setProgress] = useState<Progress>({ txs: {} })
  const plan = useMemo<{ ok: PlannedFile[] } | { error: Error } | null>(() => {
    if (files.length === 0) return null
    try {
      return { ok: planUpload(files) }
    } catch (e) {
      return { error: e as Error }
    }
  }, [files])
  const upload = useMutation<{ url: string }, BaseError, PlannedFile[]>({
    mutationKey: ['lightbus-wallet', w.chainId, 'upload'],
    mutationFn: (p) => {
      setProgress({ txs: {} })
      return runUpload(p, walletUploadDeps(w.config, network), w.chainId, (e: UploadEvent) =>
        setProgress((prev) => {
          if (e.kind === 'deploy')
            return { ...prev, deploy: { status: e.status, ...(e.hash ? { hash: e.hash } : {}), ...(e.address ? { address: e.address } : {}) } }
          if (e.kind === 'tx')
            return { ...prev, txs: { ...prev.txs, [`${e.file}:${e.tx}`]: { status: e.status, blobs: e.blobs, ...(e.hash ? { hash: e.hash } : {}) } } }
          if (e.kind === 'done') return { ...prev, url: e.url }
          return prev
        }),
      )
    },
  })
  const planned = plan && 'ok' in plan ? plan.ok : null
  const totalTxs = planned ? planned.reduce((a, f) => a + f.txs.length, 0) + 1 : 0
  const minedTxs = (progress.deploy?.status === 'mined' ? 1 : 0) + Object.values(progress.txs).filter((t) => t.status === 'mined').length
  const ready = w.status === 'connected' && !w.wrongChain

  return (
    <div className="space-y-3">
      {!ready && (
        <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="upload-wallet">
          <span>
            {w.status === 'connected' ? 'Switch your wallet to this network to upload:' : 'Connect a wallet to upload (reading web3:// URLs needs none):'}
          </span>
          <WalletControl />
        </div>
      )}
      <label className="block text-sm">
        <span className="mb-1 block text-slate-600 dark:text-slate-400">
          Files of the site (index.html is the default page; each file goes into blobs of 126 976 bytes, up to 6 per transaction)
        </span>
        <input
          type="file"
          multiple
          data-testid="upload-files"
          onChange={async (e) => {
            const list = [...(e.target.files ?? [])]
            setFiles(
              await Promise.all(
                list.map(async (f) => ({
                  name: f.webkitRelativePath ? f.webkitRelativePath.split('/').slice(1).join('/') : f.name,
                  bytes: new Uint8Array(await f.arrayBuffer()),
                })),
              ),
            )
            upload.reset()
          }}
        />
      </label>
      {plan && 'error' in plan && (
        <p role="alert" className="rounded-md bg-rose-50 p-2 text-sm text-rose-900 dark:bg-rose-950 dark:text-rose-200">
          {(plan.error as BaseError).shortMessage ?? plan.error.message} {(plan.error as BaseError).details}
        </p>
      )}
      {planned && (
        <ul className="space-y-1 text-sm" aria-label="Files to upload" data-testid="upload-plan">
          {planned.map((f, fi) => {
            const mined = f.txs.filter((_, ti) => progress.txs[`${fi}:${ti}`]?.status === 'mined').length
            return (
              <li key={f.name} className="rounded-md bg-slate-50 p-2 dark:bg-slate-900">
                <ProgressBar
                  value={mined}
                  max={f.txs.length}
                  label={`${f.name} · ${f.size.toLocaleString()} bytes · ${f.chunks} blob${f.chunks === 1 ? '' : 's'}`}
                />
                <ul className="mt-1 space-y-0.5">
                  {f.txs.map((t, ti) => {
                    const s = progress.txs[`${fi}:${ti}`]
                    return (
                      <li
                        key={t.chunkIds.join(',')}
                        className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400"
                        data-testid="upload-tx"
                        data-status={s?.status ?? 'waiting'}
                      >
                        <span>
                          transaction {ti + 1}: {t.blobs.length} blob{t.blobs.length === 1 ? '' : 's'} —{' '}
                          {s ? { asking: 'waiting for the wallet…', sent: 'sent, waiting to be mined…', mined: 'mined' }[s.status] : 'waiting'}
                        </span>
                        {s?.hash && <Hash value={s.hash} label="transaction hash" />}
                      </li>
                    )
                  })}
                </ul>
              </li>
            )
          })}
        </ul>
      )}
      {planned && (
        <button
          type="button"
          className="rounded-md bg-slate-900 px-4 py-2 text-sm text-white disabled:opacity-50 dark:bg-slate-100 dark:text-slate-900"
          disabled={!ready || upload.isPending}
          onClick={() => upload.mutate(planned)}
          data-testid="upload-start"
        >
          {upload.isPending ? 'Uploading…' : `Upload ${planned.length} file${planned.length === 1 ? '' : 's'} (${totalTxs} transactions)`}
        </button>
      )}
      {(upload.isPending || upload.isSuccess) && <ProgressBar value={minedTxs} max={totalTxs} label="Transactions mined" />}
      {progress.deploy && (
        <p className="flex items-center gap-2 text-sm">
          FlatDirectory {progress.deploy.status === 'mined' ? 'deployed' : 'deploying…'}
          {progress.deploy.address && <Hash value={progress.deploy.address} label="directory address" />}
          {progress.deploy.hash && (
            <>
              <span className="text-slate-500 dark:text-slate-400">tx</span> <Hash value={progress.deploy.hash} label="deployment transaction hash" />
            </>
          )}
        </p>
      )}
      {upload.error && <WalletError error={upload.error} />}
      {upload.data && (
        <div className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" data-testid="upload-done">
          Uploaded. The site is at{' '}
          <span className="mono break-all" data-testid="upload-url">
            {upload.data.url}
          </span>{' '}
          <button type="button" className="ml-2 underline" onClick={() => onOpen(upload.data.url)} data-testid="upload-open">
            Open it
          </button>
        </div>
      )}
    </div>
  )
}

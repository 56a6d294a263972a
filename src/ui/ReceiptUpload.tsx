import { useQueryClient } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { addLocalReceipt, receiptIdOf, verifyReceiptInPool } from '../app/useLocalReceipts.ts'
import { InputTooLargeError } from '../errors/base.ts'
import { type SerializedError, serializeError } from '../errors/serialize.ts'
import { MAX_RECEIPT_TEXT } from '../prover/zkvm/receiptReport.ts'

type UploadState =
  | { code: 'idle' }
  | { code: 'verifying'; name: string }
  | { code: 'verified'; name: string; id: string; segments: number; summary: string }
  | { code: 'failed'; name: string; error: SerializedError }

/**
 * "Verify a receipt file": a zkVM receipt (e.g. from `lightbus prove`) is verified in the worker pool; only
 * a receipt that verifies is added to the list (stored in this browser). A rejected file shows its typed error.
 */
export function ReceiptUpload() {
  const queryClient = useQueryClient()
  const [params] = useSearchParams()
  const [state, setState] = useState<UploadState>({ code: 'idle' })
  const inputId = useId()
  const search = params.toString() ? `?${params.toString()}` : ''

  const onFile = async (file: File) => {
    setState({ code: 'verifying', name: file.name })
    try {
      if (file.size > MAX_RECEIPT_TEXT) throw new InputTooLargeError({ what: file.name, limit: MAX_RECEIPT_TEXT, unit: 'bytes' })
      const text = await file.text()
      const id = receiptIdOf(text)
      const verification = await verifyReceiptInPool(id, text)
      await addLocalReceipt(queryClient, { id, source: 'file', label: `file ${file.name}`, addedAtMs: Date.now(), text }, verification)
      const r = verification.report
      setState({ code: 'verified', name: file.name, id, segments: r.verified.segments, summary: r.summary ?? `journal [${r.verified.journal.join(', ')}]` })
    } catch (e) {
      setState({ code: 'failed', name: file.name, error: serializeError(e) })
    }
  }

  return (
    <section aria-label="Receipt files" className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800">
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor={inputId} className="font-medium">
          Verify a receipt file
        </label>
        <input
          id={inputId}
          type="file"
          accept=".json,application/json"
          data-testid="receipt-file"
          className="text-sm file:mr-2 file:rounded-md file:border-0 file:bg-slate-900 file:px-3 file:py-1 file:text-white focus-visible:outline-2 focus-visible:outline-emerald-500 dark:file:bg-slate-100 dark:file:text-slate-900"
          onChange={(e) => {
            const f = e.target.files?.[0]
            e.target.value = ''
            if (f) void onFile(f)
          }}
        />
        <span className="text-slate-500 dark:text-slate-400">
          a Lightbus zkVM receipt (JSON, from <span className="mono">lightbus prove</span> or the Prove page), at most 32 MiB
        </span>
      </div>
      <div aria-live="polite" data-testid="receipt-upload-status" data-status={state.code}>
        {state.code === 'verifying' && <p className="mt-2">Verifying {state.name} in the worker pool…</p>}
        {state.code === 'verified' && (
          <p className="mt-2 text-emerald-800 dark:text-emerald-300">
            ✔ {state.name}: verified, {state.segments} segment{state.segments === 1 ? '' : 's'} ({state.summary}).{' '}
            <Link className="underline" to={{ pathname: `/results/${state.id}`, search }}>
              Show
            </Link>
          </p>
        )}
      </div>
      {state.code === 'failed' && (
        <p
          role="alert"
          className="mt-2 rounded-md bg-rose-50 p-2 text-rose-900 dark:bg-rose-950 dark:text-rose-200"
          data-testid="receipt-upload-error"
          data-code={state.error.code}
        >
          ✖ {state.name} rejected ({state.error.code}): {state.error.shortMessage} Nothing was added.
        </p>
      )}
    </section>
  )
}

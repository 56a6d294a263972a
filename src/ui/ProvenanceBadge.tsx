import { useLayoutEffect, useRef, useState } from 'react'
import type { Provenance } from '../bus/provenance.ts'
import { BADGE_BUTTON_CLASS, BADGE_ICON, badgeStyle, labelOf } from './badgeStyle.ts'

/**
 * `verified | trusted | failed` badge; a click opens the value's chain of checks (a native
 * <dialog>, so focus and Escape work with keyboards and screen readers). The dialog's content is rendered only while
 * it is open: a page shows many badges (a block's transactions, the Consensus page's headers as each verifies), and
 * their closed dialogs cost DOM and render time on the way to the first verified value (docs/performance.md).
 */
export function ProvenanceBadge({ provenance, what }: { provenance: Provenance; what: string }) {
  const ref = useRef<HTMLDialogElement>(null)
  const [open, setOpen] = useState(false)
  // Shown once its content is in the DOM (showModal moves focus into it).
  useLayoutEffect(() => {
    if (open && !ref.current?.open) ref.current?.showModal()
  }, [open])
  const style = badgeStyle(provenance)
  const total = provenance.checks.reduce((a, c) => a + (c.ms ?? 0), 0)
  return (
    <>
      <button
        type="button"
        data-testid="provenance-badge"
        data-status={provenance.status}
        className={`${BADGE_BUTTON_CLASS} ${style}`}
        aria-haspopup="dialog"
        aria-label={`${what}: ${labelOf(provenance)}. Show how it was checked.`}
        onClick={() => (open ? ref.current?.showModal() : setOpen(true))}
      >
        <span aria-hidden="true">{BADGE_ICON[provenance.status]}</span>
        {labelOf(provenance)}
      </button>
      <dialog
        ref={ref}
        aria-label={`How ${what} was checked`}
        className="m-auto w-[min(44rem,95vw)] rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-black/50 dark:bg-slate-900 dark:text-slate-100"
        onClick={(e) => {
          if (e.target === ref.current) ref.current?.close()
        }}
        onClose={() => setOpen(false)}
      >
        {open && (
          <>
            <div className="flex items-start justify-between gap-4 border-b border-slate-200 p-4 dark:border-slate-700">
              <div>
                <h2 className="font-semibold">{what}</h2>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {provenance.status === 'verified' &&
                    {
                      'light-client': `Verified in this tab, down to the trusted checkpoint. ${provenance.anchorDetail}`,
                      'block-hash': `Proof verified in this tab, but anchored only by a block hash: ${provenance.anchorDetail}`,
                      'verifying-key': `Proof verified in this tab against ${provenance.anchorDetail}`,
                    }[provenance.anchor]}
                  {provenance.status === 'unsupported' && `Not verified: ${provenance.reason}`}
                  {provenance.status === 'proof-only' && `The proof is valid, but not verified as what it claims: ${provenance.reason}`}
                  {provenance.status === 'trusted' && `Trusted from ${provenance.source}: ${provenance.reason}`}
                  {provenance.status === 'failed' && `Rejected: ${provenance.error.shortMessage}`}
                </p>
              </div>
              <button
                type="button"
                className="rounded px-2 text-lg leading-none hover:bg-slate-100 dark:hover:bg-slate-800"
                aria-label="Close"
                onClick={() => ref.current?.close()}
              >
                ×
              </button>
            </div>
            <ol className="max-h-[60vh] overflow-auto p-4" aria-label="Chain of checks">
              {provenance.checks.map((c, i) => (
                <li key={`${i}-${c.label}`} className="relative border-l-2 border-emerald-500 pb-3 pl-4 last:pb-0">
                  <span className="absolute -left-[5px] top-1.5 h-2 w-2 rounded-full bg-emerald-500" aria-hidden="true" />
                  <div className="flex justify-between gap-2 text-sm">
                    <span className="font-medium">{c.label}</span>
                    {c.ms !== undefined && <span className="mono shrink-0 text-slate-500 dark:text-slate-400">{c.ms.toFixed(1)} ms</span>}
                  </div>
                  {c.detail && <p className="mono break-all text-xs text-slate-600 dark:text-slate-400">{c.detail}</p>}
                </li>
              ))}
              {provenance.status === 'failed' && (
                <li className="border-l-2 border-rose-500 pl-4 text-sm text-rose-700 dark:text-rose-300">
                  <span className="font-medium">{provenance.error.name}</span>: {provenance.error.message}
                </li>
              )}
            </ol>
            <p className="border-t border-slate-200 px-4 py-2 text-right text-xs text-slate-500 dark:text-slate-400 dark:border-slate-700">
              total check time {total.toFixed(1)} ms
            </p>
          </>
        )}
      </dialog>
    </>
  )
}

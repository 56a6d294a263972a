import { useState } from 'react'

/** A hex value shown shortened, full text on hover, with a copy button. */
export function Hash({ value, full = false, label }: { value: string; full?: boolean; label?: string }) {
  const [copied, setCopied] = useState(false)
  const shown = full || value.length <= 20 ? value : `${value.slice(0, 10)}…${value.slice(-8)}`
  return (
    <span className="inline-flex items-center gap-1">
      <span className="mono break-all" title={value} data-value={value}>
        {shown}
      </span>
      <button
        type="button"
        className="rounded px-1 text-xs text-slate-500 dark:text-slate-400 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-emerald-500 dark:hover:bg-slate-800 dark:hover:text-slate-100"
        aria-label={`Copy ${label ?? 'value'}`}
        onClick={() => {
          void navigator.clipboard?.writeText(value).then(() => {
            setCopied(true)
            setTimeout(() => setCopied(false), 1200)
          })
        }}
      >
        {copied ? (
          'copied'
        ) : (
          <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.5">
            <rect x="5" y="5" width="9" height="9" rx="1.5" />
            <path d="M11 5V3.5A1.5 1.5 0 0 0 9.5 2h-6A1.5 1.5 0 0 0 2 3.5v6A1.5 1.5 0 0 0 3.5 11H5" />
          </svg>
        )}
      </button>
    </span>
  )
}

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
        className="rounded px-1 text-xs text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-emerald-500 dark:hover:bg-slate-800 dark:hover:text-slate-100"
        aria-label={`Copy ${label ?? 'value'}`}
        onClick={() => {
          void navigator.clipboard?.writeText(value).then(() => {
            setCopied(true)
            setTimeout(() => setCopied(false), 1200)
          })
        }}
      >
        {copied ? '✓' : '⧉'}
      </button>
    </span>
  )
}

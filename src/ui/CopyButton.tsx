import { useEffect, useState } from 'react'
import { announcePolitely } from './announce.ts'

/**
 * A small button that copies `value` to the clipboard (navigator.clipboard.writeText). Its accessible name is
 * "Copy <what>"; after a copy the page's polite live region (announce.ts) says "Copied" (or "Copy failed" when the
 * clipboard refuses, e.g. without a user gesture or permission) and the icon shows a tick for 1.5 s.
 */
export function CopyButton({ value, what, className = '' }: { value: string; what: string; className?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  useEffect(() => {
    if (state === 'idle') return
    const t = setTimeout(() => setState('idle'), 1500)
    return () => clearTimeout(t)
  }, [state])
  return (
    <span className={`inline-flex shrink-0 items-center ${className}`}>
      <button
        type="button"
        className="rounded p-0.5 text-slate-500 dark:text-slate-400 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-emerald-500 dark:hover:bg-slate-800 dark:hover:text-slate-100"
        aria-label={`Copy ${what}`}
        title={`Copy ${what}`}
        onClick={() => {
          const write = navigator.clipboard?.writeText(value) ?? Promise.reject(new Error('no clipboard'))
          write.then(
            () => {
              setState('copied')
              announcePolitely('Copied')
            },
            () => {
              setState('failed')
              announcePolitely('Copy failed')
            },
          )
        }}
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.5">
          {state === 'copied' ? (
            <path d="M3 8.5l3 3 7-7" />
          ) : (
            <>
              <rect x="5" y="5" width="9" height="9" rx="1.5" />
              <path d="M11 5V3.5A1.5 1.5 0 0 0 9.5 2h-6A1.5 1.5 0 0 0 2 3.5v6A1.5 1.5 0 0 0 3.5 11H5" />
            </>
          )}
        </svg>
      </button>
    </span>
  )
}

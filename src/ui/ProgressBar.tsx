/**
 * An accessible determinate progress bar. The fill grows by `transform: scaleX` (composited), not by animating its
 * width, which would lay the page out on every frame of the transition while the light client syncs.
 */
export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0
  return (
    <div>
      <div className="mb-1 flex justify-between text-sm text-slate-600 dark:text-slate-400">
        <span>{label}</span>
        <span>
          {value}/{max}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        className="h-2 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800"
      >
        <div className="h-full w-full origin-left bg-emerald-500 transition-transform" style={{ transform: `scaleX(${pct / 100})` }} />
      </div>
    </div>
  )
}

import type { SyncStep } from '../consensus/lightClientSession.ts'

/** Bar chart of the time each verified light-client step took (ms), with a text table for screen readers. */
export function StepTimingChart({ steps }: { steps: SyncStep[] }) {
  if (steps.length === 0) return null
  const max = Math.max(...steps.map((s) => s.ms), 1)
  const barW = 28
  const h = 120
  const label = (s: SyncStep) =>
    s.kind === 'update' ? `P${s.period}` : s.kind === 'bootstrap' ? 'boot' : s.kind === 'finality' ? 'fin' : s.kind === 'optimistic' ? 'opt' : 'rest'
  return (
    <figure>
      <svg
        viewBox={`0 0 ${steps.length * (barW + 6)} ${h + 18}`}
        className="h-40 w-full max-w-2xl"
        preserveAspectRatio="xMinYMax meet"
        role="img"
        aria-label="Verification time per step, milliseconds"
      >
        {steps.map((s, i) => {
          const bh = Math.max(1, (s.ms / max) * h)
          return (
            <g key={`${s.kind}-${s.slot}-${i}`} transform={`translate(${i * (barW + 6)},0)`}>
              <rect y={h - bh} width={barW} height={bh} className={s.kind === 'update' ? 'fill-emerald-500' : 'fill-sky-500'}>
                <title>{`${s.kind} slot ${s.slot}: ${s.ms.toFixed(1)} ms`}</title>
              </rect>
              <text x={barW / 2} y={h + 13} textAnchor="middle" className="fill-slate-500 text-[9px]">
                {label(s)}
              </text>
            </g>
          )
        })}
      </svg>
      <figcaption className="text-xs text-slate-500 dark:text-slate-400">
        Time to verify each step in this tab (tallest: {max.toFixed(0)} ms). Green: sync-committee period updates.
      </figcaption>
      <table className="sr-only">
        <caption>Verification time per step</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Slot</th>
            <th scope="col">Time</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s, i) => (
            <tr key={`${s.kind}-${s.slot}-${i}`}>
              <td>{s.kind}</td>
              <td>{s.slot}</td>
              <td>{s.ms.toFixed(1)} ms</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}

import { memo } from 'react'
import type uPlot from 'uplot'
import { type ChartOptions, chartAxis, UPlotChart } from '../../ui/UPlotChart.tsx'
import type { ThroughputPoint } from './donateSession.ts'

function options(dark: boolean): ChartOptions {
  return {
    scales: { x: { time: false } },
    axes: [chartAxis('seconds since start', dark), { ...chartAxis('cycles/s', dark), size: 70 }],
    series: [
      { label: 'time (s)' },
      { label: 'this segment', stroke: '#10b981', width: 2, points: { show: true, size: 5 } },
      { label: 'overall', stroke: '#0ea5e9', width: 2, dash: [6, 4] },
    ],
  }
}

/**
 * Throughput over time with uPlot: each accepted segment's cycles / proving time, and cycles accepted
 * per second of wall time since Start. A text summary serves screen readers.
 */
export const ThroughputChart = memo(function ThroughputChart({ points }: { points: ThroughputPoint[] }) {
  const data: uPlot.AlignedData = [points.map((p) => p.t), points.map((p) => p.segment), points.map((p) => p.overall)]
  const last = points.at(-1)
  // The plot is built when the page mounts, hidden until the first accepted segment (empty state: a labelled
  // placeholder of the chart's size, not an empty plot). Building it then, not on the first segment, keeps uPlot's
  // lazy chunk and its synchronous construction (tens of ms on a loaded 2-core machine) out of the proving time.
  return (
    <>
      {!last && (
        <p
          data-testid="donate-chart-empty"
          className="flex h-48 items-center justify-center rounded-lg border border-dashed border-slate-300 p-4 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400"
        >
          No accepted segment yet: the chart fills as the coordinator accepts this tab’s proofs.
        </p>
      )}
      <figure hidden={!last}>
        <UPlotChart options={options} data={data} ariaLabel="Throughput in cycles per second over time" testId="donate-chart" />
        {last && (
          <figcaption className="mt-1 text-xs text-slate-500 dark:text-slate-400">
            {`Last accepted segment: ${Math.round(last.segment).toLocaleString()} cycles/s; overall ${Math.round(last.overall).toLocaleString()} cycles/s since Start.`}
          </figcaption>
        )}
      </figure>
    </>
  )
})

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
  return (
    <figure>
      <UPlotChart options={options} data={data} ariaLabel="Throughput in cycles per second over time" testId="donate-chart" />
      <figcaption className="mt-1 text-xs text-slate-500 dark:text-slate-400">
        {last
          ? `Last accepted segment: ${Math.round(last.segment).toLocaleString()} cycles/s; overall ${Math.round(last.overall).toLocaleString()} cycles/s since Start.`
          : 'No accepted segment yet: the chart fills as the coordinator accepts this tab’s proofs.'}
      </figcaption>
    </figure>
  )
})

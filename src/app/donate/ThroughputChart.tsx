import { memo, useEffect, useRef, useState } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { ThroughputPoint } from './donateSession.ts'

const isDark = () => document.documentElement.classList.contains('dark')

/** Follows the `dark` class on <html> (ThemeToggle and theme-init.js set it). */
function useDarkMode(): boolean {
  const [dark, setDark] = useState(isDark)
  useEffect(() => {
    const observer = new MutationObserver(() => setDark(isDark()))
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] })
    return () => observer.disconnect()
  }, [])
  return dark
}

function options(width: number, dark: boolean): uPlot.Options {
  const ink = dark ? '#cbd5e1' : '#334155'
  const grid = dark ? '#1e293b' : '#e2e8f0'
  const axis = (label: string): uPlot.Axis => ({ label, stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } })
  return {
    width,
    height: 200,
    legend: { show: true },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false } },
    axes: [axis('seconds since start'), { ...axis('cycles/s'), size: 70 }],
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
  const box = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  const dark = useDarkMode()
  const data = useRef<uPlot.AlignedData>([[], [], []])
  data.current = [points.map((p) => p.t), points.map((p) => p.segment), points.map((p) => p.overall)]

  useEffect(() => {
    const el = box.current
    if (!el) return
    const chart = new uPlot(options(Math.max(280, el.clientWidth), dark), data.current, el)
    plot.current = chart
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(280, el.clientWidth), height: 200 }))
    resize.observe(el)
    return () => {
      resize.disconnect()
      chart.destroy()
      plot.current = null
    }
  }, [dark])

  useEffect(() => {
    plot.current?.setData(data.current)
  })

  const last = points.at(-1)
  return (
    <figure>
      <div ref={box} className="w-full" role="img" aria-label="Throughput in cycles per second over time" data-testid="donate-chart" />
      <figcaption className="mt-1 text-xs text-slate-500 dark:text-slate-400">
        {last
          ? `Last accepted segment: ${Math.round(last.segment).toLocaleString()} cycles/s; overall ${Math.round(last.overall).toLocaleString()} cycles/s since Start.`
          : 'No accepted segment yet: the chart fills as the coordinator accepts this tab’s proofs.'}
      </figcaption>
    </figure>
  )
})

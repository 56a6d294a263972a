import { memo, useEffect, useRef, useState } from 'react'
import type uPlot from 'uplot'

type UPlotClass = typeof uPlot

let loading: Promise<UPlotClass> | undefined
/** uPlot and its stylesheet, imported once on first use (their own chunk, never in the initial bundle). */
export const loadUPlot = (): Promise<UPlotClass> =>
  (loading ??= import('./uplotModule.ts').then(
    (m) => m.default,
    (e) => {
      loading = undefined // a later chart tries again (e.g. after a network error)
      throw e
    },
  ))

const isDark = () => document.documentElement.classList.contains('dark')

/** Follows the `dark` class on <html> (ThemeToggle and theme-init.js set it). */
export function useDarkMode(): boolean {
  const [dark, setDark] = useState(isDark)
  useEffect(() => {
    const observer = new MutationObserver(() => setDark(isDark()))
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] })
    return () => observer.disconnect()
  }, [])
  return dark
}

/** An axis named `label`, its text and grid in the light or the dark theme's colours. */
export function chartAxis(label: string, dark: boolean): uPlot.Axis {
  const ink = dark ? '#cbd5e1' : '#334155'
  const grid = dark ? '#1e293b' : '#e2e8f0'
  return { label, stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } }
}

/** What a chart gives UPlotChart: uPlot's options but the size (and, optionally, legend and cursor). */
export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>

export type UPlotChartProps = {
  /**
   * The chart's scales, axes, series and hooks for a theme (width, height, a legend and no drag-zoom are added);
   * called again when the theme or `rebuildKey` changes.
   */
  options: (dark: boolean) => ChartOptions
  /** The series (x first); set on every render without rebuilding the chart. */
  data: uPlot.AlignedData
  /** A change rebuilds the chart (e.g. the series' count or units changed). */
  rebuildKey?: string
  /** Height in CSS px (default 200); the width follows the container, at least `minWidth` (default 280). */
  height?: number
  minWidth?: number
  ariaLabel: string
  testId?: string
}

/**
 * One uPlot chart: uPlot loaded lazily (loadUPlot), sized to its container's width (ResizeObserver), rebuilt in the
 * dark or light colours when the theme changes. The container is a `role="img"` with `ariaLabel`; callers give the text
 * summary for screen readers.
 */
export const UPlotChart = memo(function UPlotChart({ options, data, rebuildKey = '', height = 200, minWidth = 280, ariaLabel, testId }: UPlotChartProps) {
  const box = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  const dark = useDarkMode()
  const [UPlot, setUPlot] = useState<UPlotClass | null>(null)
  const optionsRef = useRef(options)
  optionsRef.current = options
  const dataRef = useRef(data)
  dataRef.current = data

  useEffect(() => {
    let live = true
    loadUPlot().then(
      (c) => live && setUPlot(() => c),
      () => {}, // no chart; the caller's text summary stays
    )
    return () => {
      live = false
    }
  }, [])

  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuildKey is the caller's signal to rebuild the chart.
  useEffect(() => {
    const el = box.current
    if (!el || !UPlot) return
    const width = () => Math.max(minWidth, el.clientWidth)
    const options = { legend: { show: true }, cursor: { drag: { x: false, y: false } }, ...optionsRef.current(dark), width: width(), height }
    const chart = new UPlot(options, dataRef.current, el)
    plot.current = chart
    const resize = new ResizeObserver(() => chart.setSize({ width: width(), height }))
    resize.observe(el)
    return () => {
      resize.disconnect()
      chart.destroy()
      plot.current = null
    }
  }, [UPlot, dark, rebuildKey, height, minWidth])

  useEffect(() => {
    plot.current?.setData(dataRef.current)
  })

  return <div ref={box} className="w-full max-w-full overflow-hidden" role="img" aria-label={ariaLabel} data-testid={testId} />
})

import { memo, useRef } from 'react'
import type uPlot from 'uplot'
import { formatEther } from 'viem'
import { deadline, lockDeadline, type Offer, priceAt } from '../../app/jobs/marketApi.ts'
import { type ChartOptions, chartAxis, UPlotChart } from '../UPlotChart.tsx'

type Mark = { t: number; label: string; color: string }

/** The chart's price unit: gwei for offers under 0.001 ETH (uPlot's axis labels would round them to 0), else ETH. */
export const chartUnit = (offer: Offer): { name: 'gwei' | 'ETH'; of: (wei: bigint) => number } =>
  offer.maxPrice < 10n ** 15n ? { name: 'gwei', of: (wei) => Number(wei) / 1e9 } : { name: 'ETH', of: (wei) => Number(formatEther(wei)) }

const fmt = (v: number | null | undefined) => (v == null ? '–' : v.toLocaleString('en-US', { maximumSignificantDigits: 6 }))

/** Points (t, price in ETH) of the offer's ramp, with its corners exact: minPrice → maxPrice → 0 after the lock deadline. */
export function rampSeries(offer: Offer, nowSec: number, unit = chartUnit(offer)): { t: number[]; price: number[] } {
  const start = Number(offer.rampUpStart)
  const lock = Number(lockDeadline(offer))
  const end = Number(deadline(offer))
  const from = Math.min(nowSec, start) - 5
  const to = Math.max(end, nowSec) + 5
  const ts = new Set<number>([from, start, start + offer.rampUpPeriod, lock, lock + 1, end, to, nowSec])
  const steps = 48
  for (let i = 0; i <= steps; i++) ts.add(Math.round(start + (offer.rampUpPeriod * i) / steps))
  const t = [...ts].filter((x) => x >= from && x <= to).sort((a, b) => a - b)
  return { t, price: t.map((x) => unit.of(priceAt(offer, BigInt(Math.max(0, x))))) }
}

function options(dark: boolean, marks: { current: Mark[] }, withAsk: boolean, unit: string): ChartOptions {
  return {
    scales: { x: { time: true } },
    axes: [chartAxis('time', dark), { ...chartAxis(`price (${unit})`, dark), size: 80, values: (_u, splits) => splits.map(fmt) }],
    series: [
      { label: 'time' },
      { label: `price (${unit})`, stroke: '#10b981', width: 2, fill: 'rgba(16,185,129,0.08)', points: { show: false }, value: (_u, v) => fmt(v) },
      ...(withAsk
        ? [
            {
              label: `devnet provers’ ask (${unit})`,
              stroke: '#f59e0b',
              width: 1,
              dash: [6, 4],
              points: { show: false },
              value: (_u: uPlot, v: number | null) => fmt(v),
            },
          ]
        : []),
    ],
    hooks: {
      draw: [
        (u) => {
          const ctx = u.ctx
          for (const m of marks.current) {
            const x = u.valToPos(m.t, 'x', true)
            if (!Number.isFinite(x) || x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue
            ctx.save()
            ctx.strokeStyle = m.color
            ctx.fillStyle = m.color
            ctx.lineWidth = 1.5 * devicePixelRatio
            ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio])
            ctx.beginPath()
            ctx.moveTo(x, u.bbox.top)
            ctx.lineTo(x, u.bbox.top + u.bbox.height)
            ctx.stroke()
            ctx.font = `${11 * devicePixelRatio}px sans-serif`
            ctx.fillText(m.label, x + 4 * devicePixelRatio, u.bbox.top + 12 * devicePixelRatio)
            ctx.restore()
          }
        },
      ],
    },
  }
}

const clock = (sec: number) => new Date(sec * 1000).toLocaleTimeString('en-GB')

/**
 * The offer's price over time (uPlot; default export, loaded lazily): the ramp from minPrice to maxPrice, 0 after the
 * lock deadline, with "now", the lock deadline and the deadline marked, and the devnet provers' ask when known. A
 * text summary serves screen readers.
 */
export default memo(function PriceChart({ offer, nowSec, askWei }: { offer: Offer; nowSec: number; askWei: bigint | null }) {
  const marks = useRef<Mark[]>([])
  marks.current = [
    { t: nowSec, label: 'now', color: '#0ea5e9' },
    { t: Number(lockDeadline(offer)), label: 'lock deadline', color: '#f97316' },
    { t: Number(deadline(offer)), label: 'deadline', color: '#e11d48' },
  ]
  const unit = chartUnit(offer)
  const series = rampSeries(offer, nowSec, unit)
  const data: uPlot.AlignedData = askWei === null ? [series.t, series.price] : [series.t, series.price, series.t.map(() => unit.of(askWei))]
  const withAsk = askWei !== null
  const unitName = unit.name

  const now = priceAt(offer, BigInt(Math.max(0, Math.floor(nowSec))))
  return (
    <figure>
      <UPlotChart
        options={(dark) => options(dark, marks, withAsk, unitName)}
        data={data}
        rebuildKey={`${withAsk}|${unitName}`}
        ariaLabel="Price of the offer over time"
        testId="price-chart"
      />
      <figcaption className="mt-1 text-xs text-slate-500 dark:text-slate-400" data-testid="price-now">
        Price now {formatEther(now)} ETH; from {formatEther(offer.minPrice)} ETH at {clock(Number(offer.rampUpStart))} up to {formatEther(offer.maxPrice)} ETH
        at {clock(Number(offer.rampUpStart) + offer.rampUpPeriod)}; lock deadline {clock(Number(lockDeadline(offer)))}, deadline{' '}
        {clock(Number(deadline(offer)))}.
      </figcaption>
    </figure>
  )
})

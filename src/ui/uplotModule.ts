// uPlot with its stylesheet: imported only through loadUPlot (src/ui/UPlotChart.tsx), so both land in a lazy chunk.
import 'uplot/dist/uPlot.min.css'

export { default } from 'uplot'

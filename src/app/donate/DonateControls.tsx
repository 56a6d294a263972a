import { BUDGET_SHARES } from './budget.ts'
import type { BatteryState } from './useBattery.ts'
import { type AdapterProbe, adapterLabel, type BackendChoice, resolveBackend } from './webgpuProbe.ts'

const field = 'rounded-md bg-white px-2 py-1 ring-1 ring-slate-300 dark:bg-slate-900 dark:ring-slate-700'

export type ControlsProps = {
  running: boolean
  busy: boolean
  choice: BackendChoice
  onChoice: (c: BackendChoice) => void
  probe: AdapterProbe | undefined
  share: number
  onShare: (s: number) => void
  pauseOnBattery: boolean
  onPauseOnBattery: (on: boolean) => void
  battery: BatteryState
  onStart: () => void
  onStop: () => void
}

function batteryText(b: BatteryState): string {
  if (b.kind === 'pending') return 'Reading the battery state…'
  if (b.kind === 'unsupported') return `Battery state unknown (${b.reason}): not pausing for battery.`
  return `${b.charging ? 'Charging or on mains' : 'On battery'}, ${Math.round(b.level * 100)} %.`
}

/** Start/Stop, backend (with the adapter's name), share of time and the battery option. */
export function DonateControls(p: ControlsProps) {
  const effective = resolveBackend(p.choice, p.probe)
  return (
    <section aria-labelledby="donate-controls" className="space-y-4 rounded-lg p-4 ring-1 ring-slate-200 dark:ring-slate-800">
      <h2 id="donate-controls" className="sr-only">
        Controls
      </h2>
      <div className="flex flex-wrap items-end gap-4">
        {p.running ? (
          <button
            type="button"
            onClick={p.onStop}
            disabled={p.busy}
            className="rounded-md bg-rose-700 px-4 py-2 font-medium text-white hover:bg-rose-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-rose-500 disabled:opacity-60"
          >
            Stop
          </button>
        ) : (
          <button
            type="button"
            onClick={p.onStart}
            disabled={p.busy}
            className="rounded-md bg-emerald-700 px-4 py-2 font-medium text-white hover:bg-emerald-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-500 disabled:opacity-60"
          >
            Start
          </button>
        )}
        <label className="flex flex-col gap-1 text-sm">
          Backend
          <select className={field} value={p.choice} disabled={p.running} onChange={(e) => p.onChoice(e.target.value as BackendChoice)}>
            <option value="auto">Auto</option>
            <option value="webgpu">WebGPU</option>
            <option value="wasm">WASM</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Share of time
          <select className={field} value={String(p.share)} onChange={(e) => p.onShare(Number(e.target.value))}>
            {BUDGET_SHARES.map((s) => (
              <option key={s} value={String(s)}>
                {Math.round(s * 100)} %
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={p.pauseOnBattery} onChange={(e) => p.onPauseOnBattery(e.target.checked)} />
          Pause on battery
        </label>
      </div>
      <dl className="grid gap-1 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="text-slate-500 dark:text-slate-400">WebGPU adapter</dt>
        <dd data-testid="donate-adapter">{p.probe ? adapterLabel(p.probe) : 'probing…'}</dd>
        <dt className="text-slate-500 dark:text-slate-400">Proving with</dt>
        <dd data-testid="donate-backend">
          {effective === 'webgpu' ? 'WebGPU' : 'WASM'}
          {p.choice === 'auto' && ` (auto: ${effective === 'webgpu' ? 'a hardware adapter' : 'WebGPU only with a hardware adapter'})`}
        </dd>
        <dt className="text-slate-500 dark:text-slate-400">Battery</dt>
        <dd data-testid="donate-battery">{batteryText(p.battery)}</dd>
      </dl>
    </section>
  )
}

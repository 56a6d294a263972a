// Chromium half of `npm run bench`: runs the workload in module workers (BLS: herumi WASM), as the app does.
import * as Comlink from 'comlink'
import type { BenchWorkerApi } from './bench.worker.ts'

const params = new URLSearchParams(location.search)
const beaconUrl = params.get('beacon') ?? 'http://127.0.0.1:8788'
const runs = Number(params.get('runs') ?? 5)

async function spawn() {
  const t0 = performance.now()
  const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' })
  await new Promise<void>((resolve) => worker.addEventListener('message', (e) => e.data === 'ready' && resolve()))
  return { worker, api: Comlink.wrap<BenchWorkerApi>(worker), bootMs: performance.now() - t0 }
}

/** A fresh worker per run: a cold start each time (module + WASM init counted separately). */
async function once(kind: 'ours' | 'stock') {
  const { worker, api, bootMs } = await spawn()
  const r = await api.run(kind, beaconUrl)
  worker.terminate()
  return { ...r, bootMs }
}

async function zkCold(which: 'ours' | 'snarkjs') {
  const { worker, api } = await spawn()
  const ms = await api.zkCold(which)
  worker.terminate()
  return ms
}

const results: Record<'ours' | 'stock', Awaited<ReturnType<typeof once>>[]> = { ours: [], stock: [] }
try {
  for (let i = 0; i < runs; i++) {
    results.ours.push(await once('ours'))
    results.stock.push(await once('stock'))
  }
  const zk = { coldOurs: [] as number[], coldSnarkjs: [] as number[], warm: [] as unknown[] }
  for (let i = 0; i < runs; i++) {
    zk.coldOurs.push(await zkCold('ours'))
    zk.coldSnarkjs.push(await zkCold('snarkjs'))
  }
  const { worker, api } = await spawn()
  zk.warm = await api.zkWarm(Number(params.get('zkRuns') ?? 30))
  const kernels = await api.kernels()
  worker.terminate()
  ;(globalThis as { __BENCH__?: unknown }).__BENCH__ = { ok: true, results, zk, kernels }
} catch (e) {
  ;(globalThis as { __BENCH__?: unknown }).__BENCH__ = { ok: false, error: String(e) }
}
document.getElementById('out')?.replaceChildren('done')

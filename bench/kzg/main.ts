// KZG bench page: for each round and library, a fresh module worker loads the library and verifies the blob.
import { KZG_LIBS, type KzgBenchRow, type KzgSample } from '../kzgWorkload.ts'

declare global {
  var __KZG_BENCH__: { ok: true; rows: KzgBenchRow[] } | { ok: false; error: string } | undefined
  var runKzgBench: (sample: KzgSample, rounds: number, runs: number) => Promise<void>
}

function once(sample: KzgSample, lib: (typeof KZG_LIBS)[number], runs: number): Promise<KzgBenchRow> {
  const w = new Worker(new URL('./kzg.worker.ts', import.meta.url), { type: 'module' })
  return new Promise<KzgBenchRow>((resolve, reject) => {
    w.onmessage = (e) => (e.data.ok ? resolve(e.data.row) : reject(new Error(e.data.error)))
    w.onerror = (e) => reject(new Error(e.message))
    w.postMessage({ lib, sample, runs })
  }).finally(() => w.terminate())
}

globalThis.runKzgBench = async (sample, rounds, runs) => {
  try {
    const rows: KzgBenchRow[] = []
    for (let r = 0; r < rounds; r++) for (const lib of KZG_LIBS) rows.push(await once(sample, lib, runs))
    globalThis.__KZG_BENCH__ = { ok: true, rows }
  } catch (e) {
    globalThis.__KZG_BENCH__ = { ok: false, error: String(e) }
  }
}

// Node half of `npm run bench` (BLS: blst native addon).
import { ensureBls } from '../src/consensus/bls.ts'
import { median, type RunResult, runOurs, runStock, TARGET_FINALIZED_SLOT } from './workload.ts'

export async function benchNode(beaconUrl: string, runs: number) {
  await ensureBls()
  const ours: RunResult[] = []
  const stock: RunResult[] = []
  await runOurs(beaconUrl) // warm-up (JIT, module init), not counted
  await runStock(beaconUrl)
  for (let i = 0; i < runs; i++) {
    ours.push(await runOurs(beaconUrl))
    stock.push(await runStock(beaconUrl))
  }
  for (const r of [...ours, ...stock]) {
    if (r.finalizedSlot !== TARGET_FINALIZED_SLOT) throw new Error(`bench run ended at slot ${r.finalizedSlot}`)
  }
  return {
    oursMs: median(ours.map((r) => r.totalMs)),
    stockMs: median(stock.map((r) => r.totalMs)),
    perUpdateMs: median(ours.flatMap((r) => r.updateMs)),
  }
}

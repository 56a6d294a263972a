// Runs the prover half of `npm run bench` in its own process (a clean heap, as a prover node has) and
// prints its rows as one JSON line. Usage: node --import tsx bench/proverMain.ts WASM_PO2S TS_PO2S RUNS
import { benchProver } from './proverWorkload.ts'

const list = (s: string | undefined, d: string) => (s ?? d).split(',').filter(Boolean).map(Number)
const rows = await benchProver(list(process.argv[2], '10,12,14,16'), list(process.argv[3], '10,12'), Number(process.argv[4] ?? 3))
process.stdout.write(`${JSON.stringify(rows)}\n`)
process.exit(0)
